import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, PageInfo } from '@linli/subgraph-kit';
import { Compound, compoundRef } from '../references/compound.type';
import { Grid, gridRef } from '../references/grid.type';
import type { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { HouseholdRelations, areaNumber, formatAddress, type HouseholdRelation } from './household.rules';

export const HouseholdRelationEnum = Object.fromEntries(HouseholdRelations.map((r) => [r, r])) as { [K in HouseholdRelation]: K };
registerEnumType(HouseholdRelationEnum, {
  name: 'HouseholdRelation',
  description: "A member's relation to the dwelling.",
  valuesConfig: {
    OWNER: { description: '业主' },
    CO_OWNER: { description: '共有人' },
    TENANT: { description: '租户' },
    FAMILY: { description: '家庭成员' },
  },
});

@ObjectType('HouseholdMember', { description: 'A membership of a household; `until` is set once it ended (its history stays).' })
export class HouseholdMember {
  @Field(() => HouseholdRelationEnum, { description: 'The member’s relation to the dwelling.' })
  relation!: HouseholdRelation;

  @Field(() => DateScalar, { description: 'The day the membership began.' })
  since!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the membership ended; null while current.' })
  until!: string | null;

  personId!: string;
}

export const toMember = (row: HouseholdMemberEntity): HouseholdMember =>
  Object.assign(new HouseholdMember(), { relation: row.relation, since: row.since, until: row.until, personId: row.personId });

@Directive('@key(fields: "id")')
@ObjectType('Household', { description: 'A dwelling of a compound (一户一档). Read by staff, grid workers and admins of its scope and by its own members.' })
export class Household {
  @Field(() => ID, { description: 'The household’s id.' })
  id!: string;

  // The owners subgraph serves the same address from its copy of the register (one format, 3栋2单元502室).
  @Directive('@shareable')
  @Field({ description: 'Reads 3栋2单元502室 (unit left out when absent).' })
  address!: string;

  @Field({ description: '楼栋' })
  building!: string;

  @Field(() => String, { nullable: true, description: '单元' })
  unit!: string | null;

  @Field({ description: '室' })
  room!: string;

  @Field(() => Float, { description: '建筑面积 in m², exact to two decimals.' })
  areaSqm!: number;

  @Field(() => Compound, { description: 'The compound the dwelling belongs to.' })
  compound!: Compound;

  @Field(() => Grid, { nullable: true, description: 'The grid (normally a BUILDING_UNIT grid) covering it; null when none was given.' })
  grid!: Grid | null;

  createdAt!: Date;
}

export function toHousehold(row: HouseholdEntity): Household {
  return Object.assign(new Household(), {
    id: row.id,
    address: formatAddress(row.building, row.unit, row.room),
    building: row.building,
    unit: row.unit,
    room: row.room,
    areaSqm: areaNumber(row.areaHundredths),
    compound: compoundRef(row.compoundId),
    grid: gridRef(row.gridId),
    createdAt: row.createdAt,
  });
}

@ObjectType('HouseholdEdge', { description: 'One household of a register page.' })
export class HouseholdEdge {
  @Field({ description: 'Opaque; pass it as `after` to continue after this household.' })
  cursor!: string;

  @Field(() => Household, { description: 'The household.' })
  node!: Household;
}

@ObjectType('HouseholdRegister', { description: "A compound's registered households, newest first." })
export class HouseholdRegister {
  @Field(() => Int, { description: 'How many households the compound has registered.' })
  totalCount!: number;

  @Field(() => Float, { description: 'The registered households\' floor area, summed exactly.' })
  totalAreaSqm!: number;

  @Field(() => [HouseholdEdge], { description: 'This page’s households, newest first.' })
  edges!: HouseholdEdge[];

  @Field(() => PageInfo, { description: 'Where this page ends and whether more follow.' })
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'The result of registerHousehold, addHouseholdMember or removeHouseholdMember.' })
export class HouseholdPayload {
  @Field(() => Household, { description: 'The household as it now is.' })
  household!: Household;
}

@InputType({ description: 'A new dwelling in a compound of the caller’s scope.' })
export class RegisterHouseholdInput {
  @Field(() => ID, { description: 'A compound of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown).' })
  compoundId!: string;

  @Field({ description: '楼栋, 1–20 characters ("3" or "3栋").' })
  building!: string;

  @Field({ description: '室, 1–20 characters.' })
  room!: string;

  @Field(() => Float, { description: '> 0 and ≤ 10,000, at most two decimals.' })
  areaSqm!: number;

  @Field(() => String, { nullable: true, description: '单元, 1–20 characters; omitted when the building has no units.' })
  unit?: string | null;

  @Field(() => ID, { nullable: true, description: 'A grid of that compound, normally a BUILDING_UNIT grid.' })
  gridId?: string | null;
}

@InputType({ description: 'A person joining a household.' })
export class AddHouseholdMemberInput {
  @Field(() => ID, { description: 'A household of the caller’s scope (NOT_FOUND if unknown, FORBIDDEN outside the scope).' })
  householdId!: string;

  @Field(() => ID, { description: "In the caller's scope already, or registered by it (FORBIDDEN otherwise)." })
  personId!: string;

  @Field(() => HouseholdRelationEnum, { description: 'The person’s relation to the dwelling.' })
  relation!: HouseholdRelation;

  @Field(() => DateScalar, { description: 'The day the membership begins.' })
  since!: string;
}

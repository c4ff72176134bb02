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
  @Field(() => HouseholdRelationEnum)
  relation!: HouseholdRelation;

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true })
  until!: string | null;

  personId!: string;
}

export const toMember = (row: HouseholdMemberEntity): HouseholdMember =>
  Object.assign(new HouseholdMember(), { relation: row.relation, since: row.since, until: row.until, personId: row.personId });

@Directive('@key(fields: "id")')
@ObjectType('Household', { description: 'A dwelling of a compound (一户一档). Read by staff, grid workers and admins of its scope and by its own members.' })
export class Household {
  @Field(() => ID)
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

  @Field(() => Compound)
  compound!: Compound;

  @Field(() => Grid, { nullable: true })
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

@ObjectType('HouseholdEdge')
export class HouseholdEdge {
  @Field()
  cursor!: string;

  @Field(() => Household)
  node!: Household;
}

@ObjectType('HouseholdRegister', { description: "A compound's registered households, newest first." })
export class HouseholdRegister {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => Float, { description: 'The registered households\' floor area, summed exactly.' })
  totalAreaSqm!: number;

  @Field(() => [HouseholdEdge])
  edges!: HouseholdEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class HouseholdPayload {
  @Field(() => Household)
  household!: Household;
}

@InputType()
export class RegisterHouseholdInput {
  @Field(() => ID)
  compoundId!: string;

  @Field({ description: '楼栋, 1–20 characters ("3" or "3栋").' })
  building!: string;

  @Field({ description: '室, 1–20 characters.' })
  room!: string;

  @Field(() => Float, { description: '> 0 and ≤ 10,000, at most two decimals.' })
  areaSqm!: number;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => ID, { nullable: true, description: 'A grid of that compound, normally a BUILDING_UNIT grid.' })
  gridId?: string | null;
}

@InputType()
export class AddHouseholdMemberInput {
  @Field(() => ID)
  householdId!: string;

  @Field(() => ID, { description: "In the caller's scope already, or registered by it (FORBIDDEN otherwise)." })
  personId!: string;

  @Field(() => HouseholdRelationEnum)
  relation!: HouseholdRelation;

  @Field(() => DateScalar)
  since!: string;
}

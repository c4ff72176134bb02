import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Person, personRef } from '../person/person.type';
import { GridRoles, type GridRole } from './staff.rules';
import type { GridStaffEntity } from './staff.entity';

export const GridRoleEnum = Object.fromEntries(GridRoles.map((r) => [r, r])) as { [K in GridRole]: K };
registerEnumType(GridRoleEnum, {
  name: 'GridRole',
  description: 'A person’s role on a grid (staff are personal data: seen only within the grid’s scope).',
  valuesConfig: {
    GRID_LEADER: { description: '网格长: leads the grid.' },
    GRID_MEMBER: { description: '网格员: a full-time grid worker.' },
    MICRO_GRID_MEMBER: { description: '微网格员: a worker of a building-level micro-grid.' },
    BUILDING_STEWARD: { description: '楼栋管家: looks after a building.' },
    INFORMATION_OFFICER: { description: '信息员: reports what happens in the grid.' },
    BUILDING_HEAD: { description: '楼栋长: the residents’ head of a building.' },
    PARTY_MEMBER_HOUSEHOLD: { description: '党员中心户: a party member’s household serving its neighbours.' },
    COMPOUND_HEAD: { description: '小区长: the residents’ head of a compound.' },
  },
});

/** A person staffing a grid in a role (scoped: staff are personal data). */
@ObjectType('GridStaff', { description: 'A person’s assignment to a grid in a role. Personal data: seen only within the grid’s scope.' })
export class GridStaff {
  @Field(() => ID, { description: 'Stable id of the assignment.' })
  id!: string;

  @Field(() => GridRoleEnum, { description: 'The role on the grid.' })
  role!: GridRole;

  @Field(() => Person, { nullable: true, description: 'Resolved by the organisations subgraph with its own scoping and masking.' })
  person!: Person | null;

  @Field(() => DateTimeScalar, { description: 'When the assignment began.' })
  since!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended; null while active.' })
  until!: Date | null;

  @Field({ description: 'True while `until` is null.' })
  active!: boolean;

  gridId!: string;
}

export function toGridStaff(row: GridStaffEntity): GridStaff {
  return Object.assign(new GridStaff(), {
    id: row.id,
    role: row.role,
    person: personRef(row.personId),
    since: row.since,
    until: row.until,
    active: row.until === null,
    gridId: row.gridId,
  });
}

@ObjectType({ description: 'The result of assignGridStaff and unassignGridStaff.' })
export class GridStaffPayload {
  @Field(() => GridStaff, { description: 'The assignment as written.' })
  assignment!: GridStaff;
}

@InputType({ description: 'An assignment to make.' })
export class AssignGridStaffInput {
  @Field(() => ID, { description: 'A grid of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown).' })
  gridId!: string;

  @Field(() => ID, { description: 'A person already in the caller’s scope (FORBIDDEN otherwise).' })
  personId!: string;

  @Field(() => GridRoleEnum, { description: 'The role on the grid.' })
  role!: GridRole;
}

import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Person, personRef } from '../person/person.type';
import { GridRoles, type GridRole } from './staff.rules';
import type { GridStaffEntity } from './staff.entity';

export const GridRoleEnum = Object.fromEntries(GridRoles.map((r) => [r, r])) as { [K in GridRole]: K };
registerEnumType(GridRoleEnum, { name: 'GridRole' });

/** A person staffing a grid in a role (scoped: staff are personal data). */
@ObjectType('GridStaff')
export class GridStaff {
  @Field(() => ID)
  id!: string;

  @Field(() => GridRoleEnum)
  role!: GridRole;

  @Field(() => Person, { nullable: true, description: 'Resolved by the organisations subgraph with its own scoping and masking.' })
  person!: Person | null;

  @Field(() => DateTimeScalar)
  since!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  until!: Date | null;

  @Field()
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

@ObjectType()
export class GridStaffPayload {
  @Field(() => GridStaff)
  assignment!: GridStaff;
}

@InputType()
export class AssignGridStaffInput {
  @Field(() => ID)
  gridId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => GridRoleEnum)
  role!: GridRole;
}

import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Person, personRef } from '../person/person.type';
import { GridRoleEnum } from '../staff/staff.type';
import type { GridRole } from '../staff/staff.rules';
import type { VisitEntity } from './visit.entity';

/** A door-to-door visit (scoped, like grid staff). */
@ObjectType('Visit')
export class Visit {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => Int)
  householdsVisited!: number;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => Person, { nullable: true, description: 'Who made the visit.' })
  visitor!: Person | null;

  gridId!: string;
}

export function toVisit(row: VisitEntity): Visit {
  return Object.assign(new Visit(), {
    id: row.id,
    at: row.at,
    householdsVisited: row.householdsVisited,
    notes: row.notes,
    visitor: personRef(row.visitorId),
    gridId: row.gridId,
  });
}

@ObjectType()
export class VisitPayload {
  @Field(() => Visit)
  visit!: Visit;
}

@InputType()
export class RecordVisitInput {
  @Field(() => ID)
  gridId!: string;

  @Field(() => DateTimeScalar, { description: 'When the visit happened: not in the future, at most 31 days ago.' })
  at!: Date;

  @Field(() => Int)
  householdsVisited!: number;

  @Field(() => String, { nullable: true, description: 'Up to 2,000 characters.' })
  notes?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Who made the visit, when staff or admins of the scope enter it for them (e.g. from a paper register); defaults to the caller. Grid workers record only their own.',
  })
  visitorId?: string | null;
}

@ObjectType({ description: 'One active assignment whose role requires visits, and its visits in the month.' })
export class VisitComplianceEntry {
  @Field(() => Person, { nullable: true })
  person!: Person | null;

  @Field(() => GridRoleEnum)
  role!: GridRole;

  @Field(() => Int)
  required!: number;

  @Field(() => Int)
  visits!: number;

  @Field()
  compliant!: boolean;

  gridId!: string;
}

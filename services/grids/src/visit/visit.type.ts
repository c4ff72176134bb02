import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Person, personRef } from '../person/person.type';
import { GridRoleEnum } from '../staff/staff.type';
import type { GridRole } from '../staff/staff.rules';
import type { VisitEntity } from './visit.entity';

/** A door-to-door visit (scoped, like grid staff). */
@ObjectType('Visit', { description: 'A door-to-door visit (入户走访) on a grid. Scoped like grid staff.' })
export class Visit {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the visit happened.' })
  at!: Date;

  @Field(() => Int, { description: 'How many households were visited.' })
  householdsVisited!: number;

  @Field(() => String, { nullable: true, description: 'Free notes; null when none.' })
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

@ObjectType({ description: 'The result of recordVisit.' })
export class VisitPayload {
  @Field(() => Visit, { description: 'The visit as recorded.' })
  visit!: Visit;
}

@InputType({ description: 'A visit to record.' })
export class RecordVisitInput {
  @Field(() => ID, { description: 'The grid visited (NOT_FOUND if unknown); the visitor must hold an active assignment on it or a grid above it (FORBIDDEN for a grid worker’s own visit, BAD_USER_INPUT for another visitor).' })
  gridId!: string;

  @Field(() => DateTimeScalar, { description: 'When the visit happened: not in the future, at most 31 days ago.' })
  at!: Date;

  @Field(() => Int, { description: 'Households visited, a whole number from 1 to 10,000 (BAD_USER_INPUT otherwise).' })
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
  @Field(() => Person, { nullable: true, description: 'The assigned person (resolved by organisations with its own scoping).' })
  person!: Person | null;

  @Field(() => GridRoleEnum, { description: 'Their role on the grid.' })
  role!: GridRole;

  @Field(() => Int, { description: 'Visits required in the month (4).' })
  required!: number;

  @Field(() => Int, { description: 'Visits they recorded in the month.' })
  visits!: number;

  @Field({ description: 'Whether `visits` reached `required`.' })
  compliant!: boolean;

  gridId!: string;
}

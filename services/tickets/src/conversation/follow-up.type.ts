import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Person, personRef } from '../references/person.type';
import type { TicketFollowUpEntity } from './follow-up.entity';

@ObjectType('TicketFollowUp', { description: 'A follow-up call or visit (回访) to the reporter of a resolved ticket.' })
export class TicketFollowUp {
  @Field(() => DateTimeScalar, { description: 'When the follow-up was recorded.' })
  at!: Date;

  @Field({ description: 'Whether the reporter was reached.' })
  reached!: boolean;

  @Field(() => Int, { nullable: true, description: '1–5 when reached; it became the rating (via FOLLOW_UP) of a resolved, unrated ticket.' })
  score!: number | null;

  @Field(() => String, { nullable: true, description: 'What the staff member noted; null when none.' })
  note!: string | null;

  @Field(() => Person, { nullable: true, description: 'The staff member who called; null where the caller may not see the person.' })
  recordedBy!: Person | null;
}

export const toFollowUp = (row: TicketFollowUpEntity): TicketFollowUp =>
  Object.assign(new TicketFollowUp(), { at: row.at, reached: row.reached, score: row.score, note: row.note, recordedBy: personRef(row.recordedById) });

@InputType({ description: 'The outcome of a follow-up call or visit.' })
export class FollowUpInput {
  @Field({ description: 'Whether the reporter was reached.' })
  reached!: boolean;

  @Field(() => Int, { nullable: true, description: '1–5; required when reached.' })
  score?: number | null;

  @Field(() => String, { nullable: true, description: 'Up to 2,000 characters.' })
  note?: string | null;
}

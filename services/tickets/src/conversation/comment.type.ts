import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Person, personRef } from '../references/person.type';
import type { TicketCommentEntity } from './comment.entity';

@ObjectType('TicketComment', { description: 'A comment on a ticket; it changes no status.' })
export class TicketComment {
  @Field(() => ID, { description: 'The comment’s id.' })
  id!: string;

  @Field({ description: '1–2,000 characters.' })
  body!: string;

  @Field({ description: 'For staff only: never shown to the reporter.' })
  internal!: boolean;

  @Field(() => DateTimeScalar, { description: 'When it was written.' })
  at!: Date;

  @Field(() => Person, { nullable: true, description: 'Null where the caller may not see the person (the organisations subgraph scopes people).' })
  author!: Person | null;
}

export const toComment = (row: TicketCommentEntity): TicketComment =>
  Object.assign(new TicketComment(), { id: row.id, body: row.body, internal: row.internal, at: row.at, author: personRef(row.authorId) });

@ObjectType({ description: 'The result of addTicketComment.' })
export class TicketCommentPayload {
  @Field(() => TicketComment, { description: 'The comment as added.' })
  comment!: TicketComment;
}

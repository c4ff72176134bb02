import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '@linli/subgraph-kit';
import type { AuditEntryEntity } from './audit.entity';

@ObjectType('AuditEntry', { description: 'One administrative write, or one request that showed whole phones (PERSONAL_DATA_READ). Never changed or deleted.' })
export class AuditEntry {
  @Field({ description: 'When the write committed (or the read was served).' })
  at!: Date;

  @Field(() => ID, { description: "The token's sub." })
  actorId!: string;

  @Field(() => [String], { description: 'The roles the actor held at the time.' })
  roles!: string[];

  @Field({ description: 'The subgraph that recorded the write.' })
  service!: string;

  @Field({ description: "The mutation's name, or PERSONAL_DATA_READ." })
  action!: string;

  @Field(() => String, { nullable: true, description: 'The kind of thing written (Ticket, Household, ...); null when the write names none.' })
  subjectType!: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of the thing written; null when the write names none.' })
  subjectId!: string | null;

  @Field({ description: 'What changed, without phone numbers.' })
  summary!: string;

  id!: string;
  createdAt!: Date;
}

export const toAuditEntry = (row: AuditEntryEntity): AuditEntry =>
  Object.assign(new AuditEntry(), {
    id: row.id,
    createdAt: row.at,
    at: row.at,
    actorId: row.actorId,
    roles: row.roles ? row.roles.split(',') : [],
    service: row.service,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    summary: row.summary,
  });

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry');

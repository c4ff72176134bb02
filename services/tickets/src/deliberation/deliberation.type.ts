import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Grid, gridRef } from '../references/grid.type';
import { Organisation, organisationRef } from '../references/organisation.type';
import { DeliberationFormats, DeliberationStatuses, type DeliberationFormat, type DeliberationStatus } from './deliberation.rules';
import type { DeliberationEntity } from './deliberation.entity';

export const DeliberationFormatEnum = Object.fromEntries(DeliberationFormats.map((f) => [f, f])) as { [K in DeliberationFormat]: K };
registerEnumType(DeliberationFormatEnum, {
  name: 'DeliberationFormat',
  description: 'The form of a deliberation meeting (议事会).',
  valuesConfig: {
    BENCH_MEETING: { description: '板凳会: residents and staff on the benches of the compound.' },
    COURTYARD_MEETING: { description: '院落会: a meeting in the courtyard of the buildings concerned.' },
    SUNSHINE_HALL: { description: '阳光议事厅: the community’s public deliberation hall.' },
    DELIBERATION_CORNER: { description: '红色议事角: the party organisation’s deliberation corner.' },
  },
});
export const DeliberationStatusEnum = Object.fromEntries(DeliberationStatuses.map((s) => [s, s])) as { [K in DeliberationStatus]: K };
registerEnumType(DeliberationStatusEnum, {
  name: 'DeliberationStatus',
  description: 'Whether a deliberation meeting has taken place.',
  valuesConfig: {
    SCHEDULED: { description: 'Planned; its resolutions are not recorded yet.' },
    HELD: { description: 'Held, with its resolutions recorded. Final.' },
  },
});

@ObjectType('Deliberation', { description: 'A deliberation meeting (议事会) of a community about one or more tickets. Seen by staff, grid workers, admins and analysts of its community\'s scope; FORBIDDEN otherwise.' })
export class Deliberation {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => DeliberationFormatEnum, { description: 'The form of the meeting.' })
  format!: DeliberationFormat;

  @Field({ description: 'What is to be decided (1–200 characters).' })
  topic!: string;

  @Field(() => DateTimeScalar, { description: 'When it is to be held.' })
  scheduledAt!: Date;

  @Field(() => DeliberationStatusEnum, { description: 'SCHEDULED until its outcome is recorded, then HELD.' })
  status!: DeliberationStatus;

  @Field(() => String, { description: 'What was decided; null until HELD.', nullable: true })
  outcome!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the outcome was recorded; null until HELD.', nullable: true })
  heldAt!: Date | null;

  @Field(() => Organisation, { description: 'The community holding it: its scope for access rules.' })
  community!: Organisation;

  @Field(() => Grid, { description: 'The grid it concerns; null for the whole community.', nullable: true })
  grid!: Grid | null;
}

export const toDeliberation = (row: DeliberationEntity): Deliberation =>
  Object.assign(new Deliberation(), {
    id: row.id,
    format: row.format,
    topic: row.topic,
    scheduledAt: row.scheduledAt,
    status: row.status,
    outcome: row.outcome,
    heldAt: row.heldAt,
    community: organisationRef(row.communityId),
    grid: row.gridId ? gridRef(row.gridId) : null,
  });

@InputType({ description: 'A meeting to schedule. Bad input is BAD_USER_INPUT naming the field; a community or ticket outside the caller\'s scope is FORBIDDEN.' })
export class ScheduleDeliberationInput {
  @Field(() => DeliberationFormatEnum, { description: 'The form of the meeting.' })
  format!: DeliberationFormat;

  @Field({ description: 'What is to be decided, 1–200 characters.' })
  topic!: string;

  @Field(() => ID, { description: 'The community holding it (in the caller\'s scope).' })
  communityId!: string;

  @Field(() => DateTimeScalar, { description: 'When it is to be held.' })
  scheduledAt!: Date;

  @Field(() => [ID], { description: 'Tickets of the community, visible to the caller; at most 50.' })
  ticketIds!: string[];

  @Field(() => ID, { description: 'The grid it concerns (of the community); omit for the whole community.', nullable: true })
  gridId?: string | null;
}

@ObjectType({ description: 'The meeting after a write.' })
export class DeliberationPayload {
  @Field(() => Deliberation, { description: 'The meeting after the write.' })
  deliberation!: Deliberation;
}

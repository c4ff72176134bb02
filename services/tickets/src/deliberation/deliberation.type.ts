import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Grid, gridRef } from '../references/grid.type';
import { Organisation, organisationRef } from '../references/organisation.type';
import { DeliberationFormats, DeliberationStatuses, type DeliberationFormat, type DeliberationStatus } from './deliberation.rules';
import type { DeliberationEntity } from './deliberation.entity';

export const DeliberationFormatEnum = Object.fromEntries(DeliberationFormats.map((f) => [f, f])) as { [K in DeliberationFormat]: K };
registerEnumType(DeliberationFormatEnum, {
  name: 'DeliberationFormat',
  description: 'BENCH_MEETING 板凳会, COURTYARD_MEETING 院落会, SUNSHINE_HALL 阳光议事厅, DELIBERATION_CORNER 红色议事角.',
});
export const DeliberationStatusEnum = Object.fromEntries(DeliberationStatuses.map((s) => [s, s])) as { [K in DeliberationStatus]: K };
registerEnumType(DeliberationStatusEnum, { name: 'DeliberationStatus' });

@ObjectType('Deliberation')
export class Deliberation {
  @Field(() => ID)
  id!: string;

  @Field(() => DeliberationFormatEnum)
  format!: DeliberationFormat;

  @Field()
  topic!: string;

  @Field(() => DateTimeScalar)
  scheduledAt!: Date;

  @Field(() => DeliberationStatusEnum)
  status!: DeliberationStatus;

  @Field(() => String, { nullable: true })
  outcome!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  heldAt!: Date | null;

  @Field(() => Organisation)
  community!: Organisation;

  @Field(() => Grid, { nullable: true })
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

@InputType()
export class ScheduleDeliberationInput {
  @Field(() => DeliberationFormatEnum)
  format!: DeliberationFormat;

  @Field()
  topic!: string;

  @Field(() => ID)
  communityId!: string;

  @Field(() => DateTimeScalar)
  scheduledAt!: Date;

  @Field(() => [ID], { description: 'Tickets of the community, visible to the caller; at most 50.' })
  ticketIds!: string[];

  @Field(() => ID, { nullable: true })
  gridId?: string | null;
}

@ObjectType()
export class DeliberationPayload {
  @Field(() => Deliberation)
  deliberation!: Deliberation;
}

import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { AllianceEntity, JointMeetingEntity } from './alliance.entity';

@ObjectType('Alliance')
export class Alliance {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  leadOrganisationId!: string;
}

@ObjectType('JointMeeting')
export class JointMeeting {
  @Field(() => ID)
  id!: string;

  @Field()
  scheduledAt!: Date;

  @Field()
  agenda!: string;

  @Field(() => [String])
  resolutions!: string[];
}

export const toAlliance = (row: AllianceEntity) =>
  Object.assign(new Alliance(), { id: row.id, name: row.name, leadOrganisationId: row.leadOrganisationId });
export const toMeeting = (row: JointMeetingEntity) =>
  Object.assign(new JointMeeting(), { id: row.id, scheduledAt: row.scheduledAt, agenda: row.agenda, resolutions: [...row.resolutions] });

@ObjectType()
export class CreateAlliancePayload {
  @Field(() => Alliance)
  alliance!: Alliance;
}

@ObjectType()
export class JointMeetingPayload {
  @Field(() => JointMeeting)
  meeting!: JointMeeting;
}

@InputType()
export class CreateAllianceInput {
  @Field()
  name!: string;

  @Field(() => ID)
  leadOrganisationId!: string;

  @Field(() => [ID])
  memberIds!: string[];
}

@InputType()
export class ScheduleJointMeetingInput {
  @Field(() => ID)
  allianceId!: string;

  @Field()
  scheduledAt!: Date;

  @Field()
  agenda!: string;
}

import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { AllianceEntity, JointMeetingEntity } from './alliance.entity';

@ObjectType('Alliance', { description: '区域化党建联盟: organisations working together under a lead; part of the public registry.' })
export class Alliance {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'The alliance’s name.' })
  name!: string;

  leadOrganisationId!: string;
}

@ObjectType('JointMeeting', { description: '联席会议: a meeting of an alliance’s members.' })
export class JointMeeting {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'When it is (or was) held.' })
  scheduledAt!: Date;

  @Field({ description: 'What it is to discuss.' })
  agenda!: string;

  @Field(() => [String], { description: 'The resolutions recorded; empty until recordMeetingResolutions.' })
  resolutions!: string[];
}

export const toAlliance = (row: AllianceEntity) =>
  Object.assign(new Alliance(), { id: row.id, name: row.name, leadOrganisationId: row.leadOrganisationId });
export const toMeeting = (row: JointMeetingEntity) =>
  Object.assign(new JointMeeting(), { id: row.id, scheduledAt: row.scheduledAt, agenda: row.agenda, resolutions: [...row.resolutions] });

@ObjectType({ description: 'The result of createAlliance.' })
export class CreateAlliancePayload {
  @Field(() => Alliance, { description: 'The alliance as created.' })
  alliance!: Alliance;
}

@ObjectType({ description: 'The result of scheduleJointMeeting and recordMeetingResolutions.' })
export class JointMeetingPayload {
  @Field(() => JointMeeting, { description: 'The meeting as written.' })
  meeting!: JointMeeting;
}

@InputType({ description: 'A new alliance.' })
export class CreateAllianceInput {
  @Field({ description: '1–100 characters (BAD_USER_INPUT otherwise).' })
  name!: string;

  @Field(() => ID, { description: 'The lead organisation; must lie in the caller’s scope (FORBIDDEN otherwise).' })
  leadOrganisationId!: string;

  @Field(() => [ID], { description: 'The member organisations, at most 200 (they may lie outside the scope; BAD_USER_INPUT for an unknown one).' })
  memberIds!: string[];
}

@InputType({ description: 'A joint meeting to schedule.' })
export class ScheduleJointMeetingInput {
  @Field(() => ID, { description: 'The alliance; its lead must lie in the caller’s scope (FORBIDDEN otherwise).' })
  allianceId!: string;

  @Field({ description: 'When it is held.' })
  scheduledAt!: Date;

  @Field({ description: 'What it is to discuss (up to 2,000 characters).' })
  agenda!: string;
}

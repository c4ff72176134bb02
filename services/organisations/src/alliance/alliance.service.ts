import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, badInput, checkName, checkText, forbidden, hasRole, notFound } from '@linli/platform';
import type { Command } from '@linli/subgraph-kit';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { organisationInScope } from '../organisation/organisation.scope';
import { AllianceEntity, AllianceMemberEntity, JointMeetingEntity } from './alliance.entity';
import type { CreateAllianceInput, ScheduleJointMeetingInput } from './alliance.type';

/**
 * An alliance is written in its lead organisation's scope; its members are
 * merely referenced and may lie outside it (contract "Who may do what").
 */
export async function createAlliance(em: EntityManager, cmd: Command, input: CreateAllianceInput): Promise<AllianceEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const name = checkName('name', input.name);
  const lead = await organisationInScope(em, cmd.actor, input.leadOrganisationId, 'Lead organisation');
  const memberIds = [...new Set([lead.id, ...input.memberIds])];
  if (memberIds.length > 200) throw badInput('memberIds', 'An alliance has at most 200 members');
  const found = await em.count(OrganisationEntity, { id: { $in: memberIds } });
  if (found !== memberIds.length) throw badInput('memberIds', 'memberIds names an organisation that does not exist');

  const alliance = em.create(AllianceEntity, { id: randomUUID(), name, leadOrganisationId: lead.id, createdAt: cmd.now });
  memberIds.forEach((organisationId, position) => em.create(AllianceMemberEntity, { allianceId: alliance.id, organisationId, position }));
  return alliance;
}

async function allianceForWrite(em: EntityManager, cmd: Command, id: string): Promise<AllianceEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const alliance = await em.findOne(AllianceEntity, { id });
  if (!alliance) throw notFound('Alliance');
  await organisationInScope(em, cmd.actor, alliance.leadOrganisationId);
  return alliance;
}

export async function scheduleJointMeeting(em: EntityManager, cmd: Command, input: ScheduleJointMeetingInput): Promise<JointMeetingEntity> {
  const alliance = await allianceForWrite(em, cmd, input.allianceId);
  const agenda = checkText('agenda', input.agenda, { required: true })!;
  return em.create(JointMeetingEntity, {
    id: randomUUID(),
    allianceId: alliance.id,
    scheduledAt: input.scheduledAt,
    agenda,
    resolutions: [],
    createdAt: cmd.now,
  });
}

export async function recordMeetingResolutions(em: EntityManager, cmd: Command, id: string, resolutions: string[]): Promise<JointMeetingEntity> {
  const meeting = await em.findOne(JointMeetingEntity, { id });
  if (!meeting) throw notFound('Joint meeting');
  await allianceForWrite(em, cmd, meeting.allianceId);
  if (!resolutions.length || resolutions.length > 50) throw badInput('resolutions', 'Give 1–50 resolutions');
  meeting.resolutions = resolutions.map((r, i) => checkText(`resolutions[${i}]`, r, { required: true })!);
  return meeting;
}

/**
 * `changeAllianceMembers`: adds and removes members (the lead stays), judged
 * on the lead's scope like creating; members may lie outside it.
 */
export async function changeAllianceMembers(em: EntityManager, cmd: Command, id: string, add: readonly string[], remove: readonly string[]): Promise<AllianceEntity> {
  const alliance = await allianceForWrite(em, cmd, id);
  if (remove.includes(alliance.leadOrganisationId)) throw badInput('remove', 'The lead organisation stays a member');
  const adding = [...new Set(add)];
  if (adding.length && (await em.count(OrganisationEntity, { id: { $in: adding } })) !== adding.length) {
    throw badInput('add', 'add names an organisation that does not exist');
  }
  const current = await em.find(AllianceMemberEntity, { allianceId: alliance.id }, { orderBy: { position: 'asc' } });
  const kept = current.filter((m) => !remove.includes(m.organisationId));
  const fresh = adding.filter((o) => !current.some((m) => m.organisationId === o));
  if (kept.length + fresh.length > 200) throw badInput('add', 'An alliance has at most 200 members');
  for (const m of current) if (remove.includes(m.organisationId)) em.remove(m);
  let position = current.reduce((max, m) => Math.max(max, m.position), -1);
  for (const organisationId of fresh) em.create(AllianceMemberEntity, { allianceId: alliance.id, organisationId, position: ++position });
  return alliance;
}

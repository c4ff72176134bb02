import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, conflict, cstDateOf, forbidden, hasRole, notFound, type Actor } from '@linli/platform';
import { mayNamePerson, requireActiveOrg, type Command } from '@linli/subgraph-kit';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { organisationInScope, requireKind, subtreeFilter } from '../organisation/organisation.scope';
import { PersonEntity } from '../person/person.entity';
import { affiliate, announcePlacement, endAffiliation } from '../person/person.affiliations';
import { placedAffiliations } from '../person/person.loaders';
import { AppointmentEntity } from './appointment.entity';
import { checkUntil, crossAppointedPeople, isActive } from './appointment.rules';
import type { AppointInput } from './appointment.type';

export async function appoint(em: EntityManager, cmd: Command, input: AppointInput): Promise<AppointmentEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const org = requireActiveOrg(await organisationInScope(em, cmd.actor, input.organisationId), 'organisationId');
  const person = await em.findOne(PersonEntity, { id: input.personId });
  if (!person) throw notFound('Person');
  const today = cstDateOf(cmd.now);
  // Naming a person requires them in the caller's scope already (contract
  // correction): an appointment never pulls a stranger's phone into a scope.
  const placed = (await placedAffiliations(em, [person.id], today)).get(person.id) ?? [];
  if (!mayNamePerson(cmd.actor, placed)) throw forbidden();
  const same = await em.find(AppointmentEntity, { personId: person.id, organisationId: org.id, role: input.role });
  if (same.some((a) => a.until === null || a.until >= today)) throw conflict('The person already holds this post');

  const row = em.create(AppointmentEntity, {
    id: randomUUID(),
    personId: person.id,
    organisationId: org.id,
    role: input.role,
    since: input.since,
    until: null,
    createdAt: cmd.now,
  });
  // The post places the person in the organisation's scope for as long as it lasts.
  await affiliate(em, person.id, org.id, 'APPOINTED', row.id);
  await announcePlacement(em, person.id, cmd.event, today);
  return row;
}

export async function endAppointment(em: EntityManager, cmd: Command, id: string, until: string): Promise<AppointmentEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const row = await em.findOne(AppointmentEntity, { id });
  if (!row) throw notFound('Appointment');
  await organisationInScope(em, cmd.actor, row.organisationId);
  if (row.until !== null) throw conflict('The appointment has already ended');
  checkUntil(row.since, until);
  row.until = until;
  // The post stops widening who sees the person after its last day.
  await endAffiliation(em, row.personId, row.id, until);
  await announcePlacement(em, row.personId, cmd.event, cstDateOf(cmd.now));
  return row;
}

const READERS = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER', 'ANALYST'] as const;

/** People with active posts in two or more kinds of organisation in the community's subtree, with those posts. */
export async function crossAppointments(em: EntityManager, actor: Actor, communityId: string, now: Date) {
  if (!hasRole(actor, ...READERS)) throw forbidden();
  const community = await organisationInScope(em, actor, communityId, 'Community');
  requireKind(community, 'communityId', ['COMMUNITY']);
  const orgs = await em.find(OrganisationEntity, subtreeFilter(community), { fields: ['id', 'kind'] });
  const kindOf = new Map(orgs.map((o) => [o.id, o.kind]));
  const today = cstDateOf(now);
  const posts = (await em.find(AppointmentEntity, { organisationId: { $in: [...kindOf.keys()] } }, { orderBy: { since: 'asc', id: 'asc' } })).filter(
    (a) => isActive(a, today),
  );
  const people = crossAppointedPeople(posts.map((a) => ({ personId: a.personId, organisationId: a.organisationId, organisationKind: kindOf.get(a.organisationId)! })));
  return people.map((personId) => ({ personId, appointments: posts.filter((a) => a.personId === personId) }));
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { STAFF_ROLES, badInput, checkName, checkPhone, conflict, forbidden, hasRole, notFound } from '@linli/platform';
import { PersonRegistered, recordEvent } from '@linli/events';
import { orgInScope, type Command } from '@linli/subgraph-kit';
import { OrganisationEntity, ancestorsOf } from '../organisation/organisation.entity';
import { PersonAffiliationEntity, PersonEntity } from './person.entity';
import type { RegisterPersonInput } from './person.type';

/** `registerPerson`: any staff or admin role (contract), registered in an organisation of the caller's scope. */
export async function registerPerson(em: EntityManager, cmd: Command, input: RegisterPersonInput): Promise<PersonEntity> {
  const { actor } = cmd;
  if (!hasRole(actor, ...STAFF_ROLES)) throw forbidden();
  const name = checkName('name', input.name);
  const phone = checkPhone('phone', input.phone);
  const homeId = input.organisationId ?? actor.orgs[0];
  if (!homeId) throw badInput('organisationId', 'organisationId is required for a caller without organisations');
  const home = await em.findOne(OrganisationEntity, { id: homeId });
  if (!home) throw notFound('Organisation');
  if (!orgInScope(actor, home.id, ancestorsOf(home.path))) throw forbidden();
  if (await em.count(PersonEntity, { phone })) throw conflict('A person with this phone number is already registered');

  const person = em.create(PersonEntity, { id: randomUUID(), name, phone, partyMember: input.partyMember, createdAt: cmd.now });
  em.create(PersonAffiliationEntity, { personId: person.id, organisationId: home.id, source: 'REGISTERED' });
  // No phone in the event: personal data stays in this service.
  recordEvent(em, PersonRegistered, { personId: person.id, name }, cmd.event);
  return person;
}

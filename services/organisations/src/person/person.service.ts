import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { STAFF_ROLES, checkName, checkPhone, conflict, cstDateOf, forbidden, hasRole, isSystemAdmin, notFound } from '@linli/platform';
import { PersonRegistered, recordEvent } from '@linli/events';
import { orgInScope, type Command } from '@linli/subgraph-kit';
import { OrganisationEntity, ancestorsOf } from '../organisation/organisation.entity';
import { affiliate, announcePlacement } from './person.affiliations';
import { PersonEntity } from './person.entity';
import { placedAffiliations } from './person.loaders';
import { personInScope } from './person.rules';
import type { RegisterPersonInput } from './person.type';

/** Refused the same way whether or not the number exists outside the caller's scope (no oracle). */
export const NOT_REGISTRABLE = 'This person cannot be registered here';

/**
 * `registerPerson`: any staff or admin role (contract), registered in the
 * scope of `organisationId` (default: the caller's first organisation; it
 * must lie in the caller's scope). A caller acting for no organisation (a
 * SYSTEM_ADMIN bootstrapping the district) may leave it out: the person is
 * then in nobody's scope until a SYSTEM_ADMIN's write places them.
 *
 * A phone already registered is CONFLICT only when that person is within the
 * caller's scope; otherwise FORBIDDEN with the message any out-of-scope
 * refusal carries, so the answer does not reveal that the number exists
 * elsewhere (the resolver logs the attempt, without the phone).
 */
export async function registerPerson(em: EntityManager, cmd: Command, input: RegisterPersonInput): Promise<{ person: PersonEntity } | { refused: 'OUT_OF_SCOPE' }> {
  const { actor } = cmd;
  if (!hasRole(actor, ...STAFF_ROLES)) throw forbidden();
  const name = checkName('name', input.name);
  const phone = checkPhone('phone', input.phone);
  const homeId = input.organisationId ?? actor.orgs[0] ?? null;
  let home: OrganisationEntity | null = null;
  if (homeId) {
    home = await em.findOne(OrganisationEntity, { id: homeId });
    if (!home) throw notFound('Organisation');
    if (!orgInScope(actor, home.id, ancestorsOf(home.path))) throw forbidden();
  } else if (!isSystemAdmin(actor)) {
    // Acting for no organisation, a caller other than a SYSTEM_ADMIN has no scope to register into.
    throw forbidden();
  }

  const existing = await em.findOne(PersonEntity, { phone }, { fields: ['id'] });
  if (existing) {
    const affiliations = (await placedAffiliations(em, [existing.id], cstDateOf(cmd.now))).get(existing.id) ?? [];
    if (personInScope(actor, existing.id, affiliations)) throw conflict('A person with this phone number is already registered');
    return { refused: 'OUT_OF_SCOPE' };
  }

  const person = em.create(PersonEntity, { id: randomUUID(), name, phone, partyMember: input.partyMember, createdAt: cmd.now });
  if (home) await affiliate(em, person.id, home.id, 'REGISTERED', 'registered');
  // No phone in the event: personal data stays in this service.
  recordEvent(em, PersonRegistered, { personId: person.id, name, organisationId: home?.id ?? null }, cmd.event);
  await announcePlacement(em, person.id, cmd.event, cstDateOf(cmd.now));
  return { person };
}

import type { EntityManager } from '@mikro-orm/core';
import { PersonPlaced, recordEvent, type EnvelopeMeta } from '@linli/events';
import { PersonAffiliationEntity, type AffiliationSource } from './person.entity';

/** Records that a fact places a person in an organisation (idempotent: a redelivered event adds nothing). */
export async function affiliate(
  em: EntityManager,
  personId: string,
  organisationId: string,
  source: AffiliationSource,
  ref: string,
  until: string | null = null,
): Promise<void> {
  const row = await em.findOne(PersonAffiliationEntity, { personId, organisationId, ref });
  if (row) {
    row.until = until;
    return;
  }
  em.create(PersonAffiliationEntity, { personId, organisationId, ref, source, until });
}

/** The fact ended: its affiliation no longer widens who sees the person. */
export async function endAffiliation(em: EntityManager, personId: string, ref: string, until?: string): Promise<void> {
  const rows = await em.find(PersonAffiliationEntity, { personId, ref });
  for (const row of rows) {
    if (until === undefined) em.remove(row);
    else row.until = until;
  }
}

/** Affiliations in force on `today` (YYYY-MM-DD, UTC+8). */
export const inForce = (row: Pick<PersonAffiliationEntity, 'until'>, today: string) => row.until === null || row.until >= today;

/**
 * Announces where the person is placed now (PersonPlaced, whole set): grids
 * and tickets keep it to refuse writes naming a person outside the caller's
 * scope. Recorded in the caller's unit of work, so it commits with the change.
 */
export async function announcePlacement(em: EntityManager, personId: string, meta: EnvelopeMeta, today: string): Promise<void> {
  await em.flush();
  const rows = await em.find(PersonAffiliationEntity, { personId });
  const organisationIds = [...new Set(rows.filter((r) => inForce(r, today)).map((r) => r.organisationId))].sort();
  const at = meta.occurredAt ?? new Date();
  recordEvent(em, PersonPlaced, { personId, organisationIds, asOf: new Date(at).toISOString() }, meta);
}

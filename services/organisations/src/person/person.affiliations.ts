import type { EntityManager } from '@mikro-orm/core';
import { PersonPlaced, recordEvent, type EnvelopeMeta } from '@linli/events';
import { PersonPlacementSchema, type PersonPlacement } from '@linli/subgraph-kit';
import { PersonAffiliationEntity, type AffiliationSource } from './person.entity';
import { nextPlacement } from './person.rules';

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
 * Announces where the person is placed now (PersonPlaced, whole set) when it
 * changed since the last announcement (`nextPlacement`): grids and tickets
 * keep it to refuse writes naming a person outside the caller's scope.
 * Recorded in the caller's unit of work, so it commits with the change.
 */
export async function announcePlacement(em: EntityManager, personId: string, meta: EnvelopeMeta, today: string): Promise<void> {
  await em.flush();
  const rows = await em.find(PersonAffiliationEntity, { personId });
  const held = (await lastAnnounced(em, [personId])).get(personId) ?? null;
  announceIfChanged(em, personId, held, rows.filter((r) => inForce(r, today)).map((r) => r.organisationId), meta);
}

/**
 * What this service last announced of each person: its own row in the
 * `person_placement` table the consumers keep their copies in (the same
 * shape), so that a change is told once and an unchanged set never.
 */
export async function lastAnnounced(em: EntityManager, personIds: readonly string[]): Promise<Map<string, PersonPlacement>> {
  const out = new Map<string, PersonPlacement>();
  for (let i = 0; i < personIds.length; i += 1_000) {
    for (const row of await em.find(PersonPlacementSchema, { personId: { $in: personIds.slice(i, i + 1_000) } })) out.set(row.personId, row);
  }
  return out;
}

/**
 * Records PersonPlaced for these organisations if they differ from the last
 * announcement (`held`, null: none yet) and keeps them as the last; returns
 * the person's row as it now stands (the caller holds it for the next change).
 */
export function announceIfChanged(em: EntityManager, personId: string, held: PersonPlacement | null, organisationIds: readonly string[], meta: EnvelopeMeta): PersonPlacement | null {
  const last = held ? { organisationIds: JSON.parse(held.organisationIds) as string[], asOf: held.asOf } : null;
  const next = nextPlacement(last, organisationIds, new Date(meta.occurredAt ?? Date.now()));
  if (!next) return held;
  recordEvent(em, PersonPlaced, { personId, organisationIds: [...next.organisationIds], asOf: next.asOf.toISOString() }, meta);
  const columns = { organisationIds: JSON.stringify(next.organisationIds), asOf: next.asOf };
  if (held) return em.assign(held, columns);
  return em.create(PersonPlacementSchema, { personId, ...columns });
}

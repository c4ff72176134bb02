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
  placementOf(em, personId, rows.filter((r) => inForce(r, today)), meta);
}

/** Records PersonPlaced for the affiliations in force given (one announcement, whatever their number). */
export function placementOf(em: EntityManager, personId: string, inForceRows: readonly Pick<PersonAffiliationEntity, 'organisationId'>[], meta: EnvelopeMeta): void {
  const organisationIds = [...new Set(inForceRows.map((r) => r.organisationId))].sort();
  const at = meta.occurredAt ?? new Date();
  recordEvent(em, PersonPlaced, { personId, organisationIds, asOf: new Date(at).toISOString() }, meta);
}

/**
 * Each person's organisations with the latest end of their affiliations
 * there (null: one without an end), in one grouped query: a reporter has an
 * affiliation per ticket, so the rows themselves grow with their history.
 */
export async function placementsOf(em: EntityManager, personIds: readonly string[]): Promise<Map<string, Pick<PersonAffiliationEntity, 'organisationId' | 'until'>[]>> {
  const out = new Map<string, Pick<PersonAffiliationEntity, 'organisationId' | 'until'>[]>();
  const meta = em.getMetadata().get(PersonAffiliationEntity);
  const col = (p: 'personId' | 'organisationId' | 'until') => meta.properties[p].fieldNames[0];
  for (let i = 0; i < personIds.length; i += 1_000) {
    const chunk = personIds.slice(i, i + 1_000);
    const rows: { person_id: string; organisation_id: string; open_ended: number; until: string | null }[] = await em.getConnection().execute(
      `select ${col('personId')} as person_id, ${col('organisationId')} as organisation_id,
              max(case when ${col('until')} is null then 1 else 0 end) as open_ended, max(${col('until')}) as until
         from ${meta.tableName} where ${col('personId')} in (${chunk.map(() => '?').join(', ')})
        group by ${col('personId')}, ${col('organisationId')}`,
      chunk,
      'all',
      em.getTransactionContext(),
    );
    for (const r of rows) {
      const list = out.get(r.person_id) ?? [];
      list.push({ organisationId: r.organisation_id, until: Number(r.open_ended) ? null : r.until });
      out.set(r.person_id, list);
    }
  }
  return out;
}

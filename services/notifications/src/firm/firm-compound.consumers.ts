import { changeOrderOf, CompoundCreated, CompoundFirmChanged, CompoundOrganisationsSet, on, supersedes, type CompoundStateV1, type EventEnvelope } from '@linli/events';
import type { EntityManager } from '@mikro-orm/core';
import { FirmCompoundEntity } from './firm-compound.entity';

/** Each event carries the compound's whole state: upsert it, the newest by the producer's order wins (events of a compound may arrive out of order). */
async function keep(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  const order = changeOrderOf(e);
  const values = { firmId: p.propertyFirmId, communityId: p.communityId, asOf: order.asOf, sequence: order.sequence };
  const row = await em.findOne(FirmCompoundEntity, { compoundId: p.compoundId });
  if (!row) em.create(FirmCompoundEntity, { compoundId: p.compoundId, ...values });
  else if (supersedes(order, { sequence: row.sequence ?? null, asOf: row.asOf })) em.assign(row, values);
}

/** Keeps `firm_compound` in step with the grids events. */
export const firmCompoundConsumers = {
  ...on(CompoundCreated, keep),
  ...on(CompoundFirmChanged, keep),
  ...on(CompoundOrganisationsSet, keep),
};

/** The communities of the compounds a firm manages now. */
export async function communitiesOfFirm(em: EntityManager, firmId: string): Promise<string[]> {
  const rows = await em.find(FirmCompoundEntity, { firmId });
  return [...new Set(rows.map((r) => r.communityId))];
}

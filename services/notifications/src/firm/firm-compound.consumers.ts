import { CompoundCreated, CompoundFirmChanged, CompoundOrganisationsSet, on, type CompoundStateV1, type EventEnvelope } from '@linli/events';
import { upsertNewest } from '@linli/subgraph-kit';
import type { EntityManager } from '@mikro-orm/core';
import { FirmCompoundEntity } from './firm-compound.entity';

/** Each event carries the compound's whole state: upsert it, the newest by the producer's order wins (events of a compound may arrive out of order). */
async function keep(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  await upsertNewest(em, FirmCompoundEntity, { compoundId: p.compoundId }, e, { firmId: p.propertyFirmId, communityId: p.communityId });
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

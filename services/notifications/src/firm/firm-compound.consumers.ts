import { CompoundCreated, CompoundFirmChanged, CompoundOrganisationsSet, on, type CompoundStateV1, type EventEnvelope } from '@linli/events';
import type { EntityManager } from '@mikro-orm/core';
import { FirmCompoundEntity } from './firm-compound.entity';

/** Each event carries the compound's whole state: upsert it, the newest `occurredAt` wins (events of a compound may arrive out of order). */
async function keep(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  const values = { firmId: p.propertyFirmId, communityId: p.communityId, asOf: new Date(e.occurredAt) };
  const row = await em.findOne(FirmCompoundEntity, { compoundId: p.compoundId });
  if (!row) em.create(FirmCompoundEntity, { compoundId: p.compoundId, ...values });
  else if ((row.asOf?.getTime() ?? 0) <= values.asOf.getTime()) em.assign(row, values);
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

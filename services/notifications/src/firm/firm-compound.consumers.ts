import { CompoundCreated, CompoundFirmChanged, CompoundOrganisationsSet, on, type PayloadOf } from '@linli/events';
import type { EntityManager } from '@mikro-orm/core';
import { FirmCompoundEntity } from './firm-compound.entity';

async function keep(em: EntityManager, p: PayloadOf<typeof CompoundCreated>): Promise<void> {
  const row = await em.findOne(FirmCompoundEntity, { compoundId: p.compoundId });
  if (row) em.assign(row, { firmId: p.propertyFirmId, communityId: p.communityId });
  else em.create(FirmCompoundEntity, { compoundId: p.compoundId, firmId: p.propertyFirmId, communityId: p.communityId });
}

/** Keeps `firm_compound` in step with the grids events. */
export const firmCompoundConsumers = {
  ...on(CompoundCreated, (em, e) => keep(em, e.payload)),
  ...on(CompoundFirmChanged, (em, e) => keep(em, e.payload)),
  ...on(CompoundOrganisationsSet, (em, e) => keep(em, e.payload)),
};

/** The communities of the compounds a firm manages now. */
export async function communitiesOfFirm(em: EntityManager, firmId: string): Promise<string[]> {
  const rows = await em.find(FirmCompoundEntity, { firmId });
  return [...new Set(rows.map((r) => r.communityId))];
}

import type { EntityManager } from '@mikro-orm/core';
import {
  changeOrderOf,
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  CompoundUpdated,
  on,
  supersedes,
  type CompoundStateV1,
  type EventEnvelope,
  type EventHandlers,
} from '@linli/events';
import { CompoundEntity } from './compound.entity';

/** Every compound event carries the compound's whole state: upsert it, the newest by the producer's order wins. */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  const order = changeOrderOf(e);
  const values = { name: p.name, communityId: p.communityId, managementMode: p.managementMode, propertyFirmId: p.propertyFirmId ?? null, asOf: order.asOf, sequence: order.sequence };
  const row = await em.findOne(CompoundEntity, { id: p.compoundId });
  if (!row) em.create(CompoundEntity, { id: p.compoundId, ...values });
  else if (supersedes(order, { sequence: row.sequence ?? null, asOf: row.asOf })) em.assign(row, values);
}

export const compoundProjectionHandlers: EventHandlers = {
  ...on(CompoundCreated, applyCompound),
  ...on(CompoundFirmChanged, applyCompound),
  ...on(CompoundOrganisationsSet, applyCompound),
  ...on(CompoundUpdated, applyCompound),
};

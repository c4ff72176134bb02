import type { EntityManager } from '@mikro-orm/core';
import {
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  CompoundUpdated,
  on,
  type CompoundStateV1,
  type EventEnvelope,
  type EventHandlers,
} from '@linli/events';
import { upsertNewest } from '@linli/subgraph-kit';
import { CompoundEntity } from './compound.entity';

/** Every compound event carries the compound's whole state: upsert it, the newest by the producer's order wins. */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  await upsertNewest(em, CompoundEntity, { id: p.compoundId }, e, { name: p.name, communityId: p.communityId, managementMode: p.managementMode, propertyFirmId: p.propertyFirmId ?? null });
}

export const compoundProjectionHandlers: EventHandlers = {
  ...on(CompoundCreated, applyCompound),
  ...on(CompoundFirmChanged, applyCompound),
  ...on(CompoundOrganisationsSet, applyCompound),
  ...on(CompoundUpdated, applyCompound),
};

import type { EntityManager } from '@mikro-orm/core';
import {
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  CompoundUpdated,
  on,
  type BatchHandler,
  type CompoundStateV1,
  type EventEnvelope,
  type EventHandlers,
} from '@linli/events';
import { gridCopyHandlers, upsertNewest } from '@linli/subgraph-kit';
import { personAffiliationHandlers, ticketAffiliationBatch } from '../person/person.consumers';
import { auditHandlers } from '../audit/audit.handlers';
import { CompoundNodeEntity, GridNodeEntity } from './territory.entity';

/** Upserts a compound from its full state; the newest by the producer's order wins (events of one compound may arrive out of order). */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  await upsertNewest(em, CompoundNodeEntity, { id: p.compoundId }, e, { name: p.name, communityId: p.communityId }, { asOfColumn: 'updatedAt' });
}

/** Every event this subgraph consumes: where people become known, the territory the register lives in, every service's audit entries. */
export const projectionHandlers: EventHandlers = {
  ...personAffiliationHandlers,
  ...auditHandlers,
  ...on(CompoundCreated, applyCompound),
  ...on(CompoundFirmChanged, applyCompound),
  ...on(CompoundOrganisationsSet, applyCompound),
  ...on(CompoundUpdated, applyCompound),
  // A retired grid takes no new household.
  ...gridCopyHandlers(GridNodeEntity, (p) => ({ code: p.code, communityId: p.communityId, compoundId: p.compoundId })),
};

/** The same effect for runs of ticket events in one transaction (the seed, replays; `applyInOrder`). */
export const projectionBatchHandlers: BatchHandler[] = [ticketAffiliationBatch];

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
import { gridCopyHandlers } from '@linli/subgraph-kit';
import { personAffiliationHandlers } from '../person/person.consumers';
import { auditHandlers } from '../audit/audit.handlers';
import { CompoundNodeEntity, GridNodeEntity } from './territory.entity';

/** Upserts a compound from its full state; the newest by the producer's order wins (events of one compound may arrive out of order). */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  const order = changeOrderOf(e);
  const values = { name: p.name, communityId: p.communityId, updatedAt: order.asOf, sequence: order.sequence };
  const existing = await em.findOne(CompoundNodeEntity, { id: p.compoundId });
  if (!existing) em.create(CompoundNodeEntity, { id: p.compoundId, ...values });
  else if (supersedes(order, { sequence: existing.sequence ?? null, asOf: existing.updatedAt })) em.assign(existing, values);
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

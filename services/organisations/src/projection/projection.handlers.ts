import type { EntityManager } from '@mikro-orm/core';
import {
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  CompoundUpdated,
  GridCreated,
  GridMoved,
  GridRetired,
  GridUpdated,
  on,
  type CompoundStateV1,
  type EventEnvelope,
  type EventHandlers,
  type GridRetiredV1,
  type GridStateV1,
} from '@linli/events';
import { personAffiliationHandlers } from '../person/person.consumers';
import { auditHandlers } from '../audit/audit.handlers';
import { CompoundNodeEntity, GridNodeEntity } from './territory.entity';

/** Upserts a compound from its full state; the newest event wins (events of one compound may arrive out of order). */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  const at = new Date(e.occurredAt);
  const values = { name: p.name, communityId: p.communityId, updatedAt: at };
  const existing = await em.findOne(CompoundNodeEntity, { id: p.compoundId });
  if (!existing) em.create(CompoundNodeEntity, { id: p.compoundId, ...values });
  else if (existing.updatedAt <= at) em.assign(existing, values);
}

async function upsertGrid(em: EntityManager, e: EventEnvelope<string, GridStateV1>): Promise<GridNodeEntity> {
  const p = e.payload;
  const at = new Date(e.occurredAt);
  const values = { code: p.code, communityId: p.communityId, compoundId: p.compoundId, updatedAt: at };
  const existing = await em.findOne(GridNodeEntity, { id: p.gridId });
  if (!existing) return em.create(GridNodeEntity, { id: p.gridId, retiredAt: null, ...values });
  if (existing.updatedAt <= at) em.assign(existing, values);
  return existing;
}

async function applyGrid(em: EntityManager, e: EventEnvelope<string, GridStateV1>): Promise<void> {
  await upsertGrid(em, e);
}

/** Retirement is final, whatever order the grid's events arrive in: no household is registered on it afterwards. */
async function retireGrid(em: EntityManager, e: EventEnvelope<string, GridRetiredV1>): Promise<void> {
  const row = await upsertGrid(em, e);
  row.retiredAt ??= new Date(e.payload.retiredAt);
}

/** Every event this subgraph consumes: where people become known, the territory the register lives in, every service's audit entries. */
export const projectionHandlers: EventHandlers = {
  ...personAffiliationHandlers,
  ...auditHandlers,
  ...on(CompoundCreated, applyCompound),
  ...on(CompoundFirmChanged, applyCompound),
  ...on(CompoundOrganisationsSet, applyCompound),
  ...on(CompoundUpdated, applyCompound),
  ...on(GridCreated, applyGrid),
  ...on(GridMoved, applyGrid),
  ...on(GridUpdated, applyGrid),
  ...on(GridRetired, retireGrid),
};

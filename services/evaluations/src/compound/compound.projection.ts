import type { EntityManager } from '@mikro-orm/core';
import { CompoundCreated, CompoundFirmChanged, CompoundOrganisationsSet, CompoundUpdated, on, type CompoundStateV1, type EventEnvelope, type EventHandlers } from '@linli/events';
import { CompoundEntity } from './compound.entity';

/** Every compound event carries the compound's whole state: upsert it, newest `occurredAt` wins. */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  const asOf = new Date(e.occurredAt);
  const values = { name: p.name, communityId: p.communityId, managementMode: p.managementMode, propertyFirmId: p.propertyFirmId ?? null, asOf };
  const row = await em.findOne(CompoundEntity, { id: p.compoundId });
  if (!row) em.create(CompoundEntity, { id: p.compoundId, ...values });
  else if (row.asOf.getTime() <= asOf.getTime()) em.assign(row, values);
}

export const compoundProjectionHandlers: EventHandlers = {
  ...on(CompoundCreated, applyCompound),
  ...on(CompoundFirmChanged, applyCompound),
  ...on(CompoundOrganisationsSet, applyCompound),
  ...on(CompoundUpdated, applyCompound),
};

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
import { monthOf } from '@linli/platform';
import { orgPath, upsertNewest } from '@linli/subgraph-kit';
import { CompoundEntity, CompoundFirmTermEntity } from './compound.entity';

/** Every compound event carries the compound's whole state: upsert it, the newest by the producer's order wins. */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  await upsertNewest(em, CompoundEntity, { id: p.compoundId }, e, {
    name: p.name,
    communityId: p.communityId,
    communityPath: orgPath(p.communityAncestorIds),
    managementMode: p.managementMode,
    propertyFirmId: p.propertyFirmId ?? null,
    partyOrganisationId: p.partyOrganisationId ?? null,
    ownersCommitteeId: p.ownersCommitteeId ?? null,
  });
}

/**
 * The firm from the month of the change (its `occurredAt`): the month's last
 * change by the producer's order (the compound's `sequence`) wins, whatever
 * order the bus delivers them in (a term written before these columns existed
 * ranks oldest).
 */
async function applyFirmTerm(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const key = { compoundId: e.payload.compoundId, fromMonth: monthOf(new Date(e.occurredAt)) };
  await upsertNewest(em, CompoundFirmTermEntity, key, e, { propertyFirmId: e.payload.propertyFirmId ?? null });
}

export const compoundProjectionHandlers: EventHandlers = {
  ...on(CompoundCreated, async (em, e) => {
    await applyCompound(em, e);
    await applyFirmTerm(em, e);
  }),
  ...on(CompoundFirmChanged, async (em, e) => {
    await applyCompound(em, e);
    await applyFirmTerm(em, e);
  }),
  ...on(CompoundOrganisationsSet, applyCompound),
  ...on(CompoundUpdated, applyCompound),
};

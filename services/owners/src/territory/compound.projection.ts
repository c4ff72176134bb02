import type { EntityManager } from '@mikro-orm/core';
import { CompoundCreated, CompoundFirmChanged, CompoundOrganisationsSet, CompoundUpdated, on, type CompoundStateV1, type EventEnvelope, type EventHandlers } from '@linli/events';
import { monthOf } from '@linli/platform';
import { orgPath } from '@linli/subgraph-kit';
import { CompoundEntity, CompoundFirmTermEntity } from './compound.entity';

/** Every compound event carries the compound's whole state: upsert it, newest `occurredAt` wins. */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  const asOf = new Date(e.occurredAt);
  const values = {
    name: p.name,
    communityId: p.communityId,
    communityPath: orgPath(p.communityAncestorIds),
    managementMode: p.managementMode,
    propertyFirmId: p.propertyFirmId ?? null,
    partyOrganisationId: p.partyOrganisationId ?? null,
    ownersCommitteeId: p.ownersCommitteeId ?? null,
    asOf,
  };
  const row = await em.findOne(CompoundEntity, { id: p.compoundId });
  if (!row) em.create(CompoundEntity, { id: p.compoundId, ...values });
  else if (row.asOf.getTime() <= asOf.getTime()) em.assign(row, values);
}

/**
 * The firm from the month of the change: the month's last change by the
 * producer's order (`occurredAt`) wins, whatever order the bus delivers them
 * in (a term written before this column existed ranks oldest).
 */
async function applyFirmTerm(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const asOf = new Date(e.occurredAt);
  const key = { compoundId: e.payload.compoundId, fromMonth: monthOf(asOf) };
  const propertyFirmId = e.payload.propertyFirmId ?? null;
  const term = await em.findOne(CompoundFirmTermEntity, key);
  if (!term) em.create(CompoundFirmTermEntity, { ...key, propertyFirmId, asOf });
  else if ((term.asOf?.getTime() ?? 0) <= asOf.getTime()) em.assign(term, { propertyFirmId, asOf });
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

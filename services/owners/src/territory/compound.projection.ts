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
import { monthOf } from '@linli/platform';
import { orgPath } from '@linli/subgraph-kit';
import { CompoundEntity, CompoundFirmTermEntity } from './compound.entity';

/** Every compound event carries the compound's whole state: upsert it, the newest by the producer's order wins. */
async function applyCompound(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const p = e.payload;
  const order = changeOrderOf(e);
  const values = {
    name: p.name,
    communityId: p.communityId,
    communityPath: orgPath(p.communityAncestorIds),
    managementMode: p.managementMode,
    propertyFirmId: p.propertyFirmId ?? null,
    partyOrganisationId: p.partyOrganisationId ?? null,
    ownersCommitteeId: p.ownersCommitteeId ?? null,
    asOf: order.asOf,
    sequence: order.sequence,
  };
  const row = await em.findOne(CompoundEntity, { id: p.compoundId });
  if (!row) em.create(CompoundEntity, { id: p.compoundId, ...values });
  else if (supersedes(order, { sequence: row.sequence ?? null, asOf: row.asOf })) em.assign(row, values);
}

/**
 * The firm from the month of the change (its `occurredAt`): the month's last
 * change by the producer's order (the compound's `sequence`) wins, whatever
 * order the bus delivers them in (a term written before these columns existed
 * ranks oldest).
 */
async function applyFirmTerm(em: EntityManager, e: EventEnvelope<string, CompoundStateV1>): Promise<void> {
  const order = changeOrderOf(e);
  const key = { compoundId: e.payload.compoundId, fromMonth: monthOf(order.asOf) };
  const values = { propertyFirmId: e.payload.propertyFirmId ?? null, asOf: order.asOf, sequence: order.sequence };
  const term = await em.findOne(CompoundFirmTermEntity, key);
  if (!term) em.create(CompoundFirmTermEntity, { ...key, ...values });
  else if (supersedes(order, { sequence: term.sequence ?? null, asOf: term.asOf })) em.assign(term, values);
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

import { EntitySchema, type EntityManager } from '@mikro-orm/core';
import { PersonPlaced, on, type EventEnvelope, type EventHandlers, type PersonPlacedV1 } from '@linli/events';
import { forbidden, type Actor } from '@linli/platform';
import { mayNamePerson } from '../request/access';
import { orgNodes } from './org-projection';
import { orgAncestors } from './org-node.entity';
import { newestPerKeyBatch } from './newest-batch';

/**
 * A subgraph's copy of where each person is placed (the organisations whose
 * scope holds them), fed by `organisations.person.placed`. Grids and tickets
 * use it to refuse writes that name a person outside the caller's scope
 * without reading the organisations tables (contract correction: naming a
 * person in a write requires them in the caller's scope already).
 */
export interface PersonPlacement {
  personId: string;
  /** JSON array of organisation ids. */
  organisationIds: string;
  asOf: Date;
}

export const PersonPlacementSchema = new EntitySchema<PersonPlacement>({
  name: 'PersonPlacement',
  tableName: 'person_placement',
  properties: {
    personId: { type: 'string', length: 36, primary: true },
    organisationIds: { type: 'text' },
    asOf: { type: 'datetime' },
  },
});

/** Keeps the newest placement of each person; an older one arriving late changes nothing. `held`: the row as a batch read it (null: none). */
async function applyPlacement(em: EntityManager, e: EventEnvelope<string, PersonPlacedV1>, held?: PersonPlacement | null): Promise<void> {
  const p = e.payload;
  const asOf = new Date(p.asOf);
  const row = held !== undefined ? held : await em.findOne(PersonPlacementSchema, { personId: p.personId });
  if (row && row.asOf.getTime() > asOf.getTime()) return;
  const organisationIds = JSON.stringify([...p.organisationIds].sort());
  if (row) em.assign(row, { organisationIds, asOf });
  else em.create(PersonPlacementSchema, { personId: p.personId, organisationIds, asOf });
}

export const personPlacementHandlers: EventHandlers = on(PersonPlaced, (em, e) => applyPlacement(em, e));

const asOfOf = (e: EventEnvelope<string, PersonPlacedV1>) => new Date(e.payload.asOf).getTime();

/** The same for a run of placements in one transaction (bulk paths): each person's newest, their rows read in one query. */
export const personPlacementBatch = newestPerKeyBatch<PersonPlacement>({
  definitions: [PersonPlaced],
  keyOf: (e) => (e as EventEnvelope<string, PersonPlacedV1>).payload.personId,
  supersedes: (a, b) => asOfOf(a) > asOfOf(b),
  load: async (em, personIds) => new Map((await em.find(PersonPlacementSchema, { personId: { $in: personIds } })).map((r) => [r.personId, r])),
  apply: (em, e, held) => applyPlacement(em, e as EventEnvelope<string, PersonPlacedV1>, held),
});

/** Whether the person is placed in an organisation of the caller's scope (always, for a SYSTEM_ADMIN). */
export async function personInActorScope(em: EntityManager, actor: Actor, personId: string): Promise<boolean> {
  const row = await em.findOne(PersonPlacementSchema, { personId });
  const nodes = row ? await orgNodes(em, JSON.parse(row.organisationIds) as string[]) : new Map();
  return mayNamePerson(actor, [...nodes.values()].map((n) => ({ organisationId: n.id, ancestorIds: orgAncestors(n.path) })));
}

/**
 * FORBIDDEN unless the named person lies in the caller's scope. Unknown ids and
 * people elsewhere look alike. The placement arrives by event: a person
 * registered a moment ago may take up to the bus's delivery time to be known here.
 */
export async function requirePersonInScope(em: EntityManager, actor: Actor, personId: string): Promise<void> {
  if (!(await personInActorScope(em, actor, personId))) throw forbidden();
}

import type { EntityManager } from '@mikro-orm/core';
import {
  OrganisationCreated,
  OrganisationDeactivated,
  OrganisationMoved,
  OrganisationRenamed,
  type EventEnvelope,
  type PayloadOf,
} from '@linli/events';
import type { Actor } from '@linli/platform';
import type { EventHandler } from '../runtime/subgraph';
import { orgInScope } from '../request/access';
import { OrgNodeSchema, orgAncestors, orgPath, type OrgNode } from './org-node.entity';

/** Called for each node whose subtree prefix (`path + id + '/'`) changed, top-down, in the event's transaction. */
export type SubtreeMoved = (em: EntityManager, oldPrefix: string, newPrefix: string) => Promise<void>;

/**
 * The producer's order of an organisation's changes: `sequence` (optional in
 * the v1 payloads, sent by the organisations service since the second
 * release); events without it rank 0, so a sequenced change is never undone
 * by an unsequenced replay, and among unsequenced ones the last applied wins
 * (the first release's behaviour).
 */
const sequenceOf = (p: { sequence?: number }) => p.sequence ?? 0;

async function nodeOrPlaceholder(em: EntityManager, id: string, at: Date): Promise<OrgNode> {
  const existing = await em.findOne(OrgNodeSchema, { id });
  if (existing) return existing;
  // A change that arrives before the creation: kept (never dropped) on a placeholder the creation completes.
  return em.create(OrgNodeSchema, { id, name: '', kind: '', parentId: null, path: '/', updatedAt: at, nameVersion: -1, placeVersion: -1 });
}

/**
 * Sets a node's parent and re-derives its path and its descendants' from the
 * parents held here (the chain in the event is only used while the parent is
 * not known yet): whatever order the events of the tree arrive in, every path
 * ends up equal to the source's.
 */
async function place(em: EntityManager, node: OrgNode, parentId: string | null, ancestorIds: string[], onMoved?: SubtreeMoved): Promise<void> {
  const parent = parentId ? await em.findOne(OrgNodeSchema, { id: parentId }) : null;
  node.parentId = parentId;
  const path = parent && parent.placeVersion >= 0 ? `${parent.path}${parent.id}/` : orgPath(ancestorIds);
  await repath(em, node, path, onMoved);
}

async function repath(em: EntityManager, node: OrgNode, path: string, onMoved?: SubtreeMoved, seen = new Set<string>()): Promise<void> {
  // Out of order, two moves can form a cycle here for a while (A under B applied before B left A): stop at it;
  // the pending move breaks it and re-derives the paths.
  if (seen.has(node.id)) return;
  seen.add(node.id);
  const oldPrefix = `${node.path}${node.id}/`;
  node.path = path;
  const newPrefix = `${path}${node.id}/`;
  if (oldPrefix !== newPrefix && onMoved) await onMoved(em, oldPrefix, newPrefix);
  // Children by parent link, not by old prefix: a child applied before this node was placed had a stale chain.
  for (const child of await em.find(OrgNodeSchema, { parentId: node.id })) {
    if (child.path !== newPrefix) await repath(em, child, newPrefix, onMoved, seen);
  }
}

/**
 * Event handlers that keep `org_node` in step with the organisations subgraph:
 * idempotent, order-independent (the newest change by the producer's sequence
 * wins, separately for the name and the place), and keeping a change that
 * arrives before the creation it depends on. `onSubtreeMoved` lets a service
 * move its own rows stored under a path (tickets' `scope_path`).
 */
export function createOrgProjectionHandlers(opts: { onSubtreeMoved?: SubtreeMoved } = {}): Record<string, EventHandler> {
  return {
    [OrganisationCreated.type]: async (em, e: EventEnvelope<string, PayloadOf<typeof OrganisationCreated>>) => {
      const p = e.payload;
      const v = sequenceOf(p);
      const node = await nodeOrPlaceholder(em, p.organisationId, new Date(e.occurredAt));
      node.kind = p.kind;
      if (v >= node.nameVersion) {
        node.name = p.name;
        node.nameVersion = v;
      }
      if (v >= node.placeVersion) {
        node.placeVersion = v;
        await place(em, node, p.parentId, p.ancestorIds, opts.onSubtreeMoved);
      }
      node.updatedAt = new Date(e.occurredAt);
    },
    [OrganisationRenamed.type]: async (em, e: EventEnvelope<string, PayloadOf<typeof OrganisationRenamed>>) => {
      const p = e.payload;
      const v = sequenceOf(p);
      const node = await nodeOrPlaceholder(em, p.organisationId, new Date(e.occurredAt));
      if (v >= node.nameVersion) {
        node.name = p.name;
        node.nameVersion = v;
      }
    },
    [OrganisationMoved.type]: async (em, e: EventEnvelope<string, PayloadOf<typeof OrganisationMoved>>) => {
      const p = e.payload;
      const v = sequenceOf(p);
      const node = await nodeOrPlaceholder(em, p.organisationId, new Date(e.occurredAt));
      if (v < node.placeVersion) return;
      node.placeVersion = v;
      await place(em, node, p.parentId, p.ancestorIds, opts.onSubtreeMoved);
    },
    // Final (nothing reactivates), so order does not matter: the first delivery sets it, a replay keeps it.
    [OrganisationDeactivated.type]: async (em, e: EventEnvelope<string, PayloadOf<typeof OrganisationDeactivated>>) => {
      const node = await nodeOrPlaceholder(em, e.payload.organisationId, new Date(e.occurredAt));
      node.deactivatedAt ??= new Date(e.occurredAt);
    },
  };
}

/** The projection for services that store nothing else under organisation paths. */
export const orgProjectionHandlers: Record<string, EventHandler> = createOrgProjectionHandlers();

/** Scope checks over the projection, batched per request. */
export async function orgNodes(em: EntityManager, ids: readonly string[]): Promise<Map<string, OrgNode>> {
  const rows = ids.length ? await em.find(OrgNodeSchema, { id: { $in: [...new Set(ids)] } }) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

export function nodeInScope(actor: Actor, node: OrgNode): boolean {
  return orgInScope(actor, node.id, orgAncestors(node.path));
}

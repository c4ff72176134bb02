import type { EntityManager } from '@mikro-orm/core';
import {
  OrganisationCreated,
  OrganisationMoved,
  OrganisationRenamed,
  type EventEnvelope,
  type PayloadOf,
} from '@linli/events';
import type { Actor } from '@linli/platform';
import type { EventHandler } from '../runtime/subgraph';
import { orgInScope } from '../request/access';
import { OrgNodeSchema, orgAncestors, orgPath, type OrgNode } from './org-node.entity';

/** Event handlers that keep `org_node` in step with the organisations subgraph. */
export const orgProjectionHandlers: Record<string, EventHandler> = {
  [OrganisationCreated.type]: async (em, e: EventEnvelope<string, PayloadOf<typeof OrganisationCreated>>) => {
    const p = e.payload;
    const existing = await em.findOne(OrgNodeSchema, { id: p.organisationId });
    const values = { name: p.name, kind: p.kind, parentId: p.parentId, path: orgPath(p.ancestorIds), updatedAt: new Date(e.occurredAt) };
    if (existing) em.assign(existing, values);
    else em.create(OrgNodeSchema, { id: p.organisationId, ...values });
  },
  [OrganisationRenamed.type]: async (em, e: EventEnvelope<string, PayloadOf<typeof OrganisationRenamed>>) => {
    const node = await em.findOne(OrgNodeSchema, { id: e.payload.organisationId });
    if (node) node.name = e.payload.name;
  },
  [OrganisationMoved.type]: async (em, e: EventEnvelope<string, PayloadOf<typeof OrganisationMoved>>) => {
    const p = e.payload;
    const node = await em.findOne(OrgNodeSchema, { id: p.organisationId });
    if (!node) return;
    const oldPrefix = `${node.path}${node.id}/`;
    const newPath = orgPath(p.ancestorIds);
    node.parentId = p.parentId;
    node.path = newPath;
    // Descendants keep their path below the moved node; only the prefix changes.
    const descendants = await em.find(OrgNodeSchema, { path: { $like: `${oldPrefix}%` } });
    for (const d of descendants) d.path = `${newPath}${node.id}/${d.path.slice(oldPrefix.length)}`;
  },
};

/** Scope checks over the projection, batched per request. */
export async function orgNodes(em: EntityManager, ids: readonly string[]): Promise<Map<string, OrgNode>> {
  const rows = ids.length ? await em.find(OrgNodeSchema, { id: { $in: [...new Set(ids)] } }) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

export function nodeInScope(actor: Actor, node: OrgNode): boolean {
  return orgInScope(actor, node.id, orgAncestors(node.path));
}

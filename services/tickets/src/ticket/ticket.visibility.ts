import { raw, type FilterQuery } from '@mikro-orm/core';
import { STAFF_ROLES, hasRole } from '@linli/platform';
import { placeholders } from '@linli/subgraph-kit';
import { GRID_WORKER_LEVELS, SCOPE_READERS, isSystemAdmin, type ScopeRoot, type Viewer } from './ticket.access';
import type { TicketEntity } from './ticket.entity';

type Where = FilterQuery<TicketEntity>;

/**
 * A subtree as a condition on tickets: a community is an equality on
 * `community_id` (its list index), anything above it a prefix `LIKE` on
 * `scope_path` (a `varchar_pattern_ops` index on PostgreSQL).
 */
export function subtreeCondition(root: Pick<ScopeRoot, 'id' | 'kind' | 'prefix'>): Where {
  return root.kind === 'COMMUNITY' ? { communityId: root.id } : { scopePath: { $like: `${root.prefix}%` } };
}

/**
 * `canSeeTicket` (ticket.access.ts) as SQL, for lists: the same clauses, OR-ed.
 * Null means no restriction (a system admin).
 */
export function visibilityWhere(v: Viewer): Where | null {
  if (isSystemAdmin(v)) return null;
  const { actor } = v;
  const any: Where[] = [{ reporterId: actor.personId }];
  if (hasRole(actor, ...SCOPE_READERS)) any.push(...v.scopes.map(subtreeCondition));
  else if (actor.roles.has('GRID_WORKER')) {
    any.push(...v.scopes.map((s) => ({ ...(subtreeCondition(s) as object), escalationLevel: { $in: [...GRID_WORKER_LEVELS] } }) as Where));
  }
  if (hasRole(actor, ...STAFF_ROLES) && actor.orgs.length) {
    const orgs = [...actor.orgs];
    any.push({ assigneeId: { $in: orgs } });
    // Handled earlier (accepted at some time): a semi-join on ticket_handler's (organisation_id, ticket_id) key.
    const marks = placeholders(orgs.length);
    any.push({
      [raw((alias) => `${alias}.id in (select th.ticket_id from ticket_handler th where th.organisation_id in (${marks}))`, orgs)]: [],
    } as Where);
  }
  return any.length === 1 ? any[0] : { $or: any };
}

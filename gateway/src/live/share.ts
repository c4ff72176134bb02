import { createHash } from 'node:crypto';
import { Kind, TypeInfo, getNamedType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Actor } from '@linli/platform';

/**
 * Fields whose answer depends only on the ticket and on the caller's roles and
 * organisations, never on who the caller is. Everything else may (contract
 * "Personal data"): a Person is whole for itself, a ticket's contact phone and
 * reporter for its reporter, internal comments are hidden from the reporter,
 * download links are signed per caller. A stream whose selection stays inside
 * this list may share one selection run with every stream of the same scope;
 * anything outside it keeps the stream to its own person. A list of what is
 * safe rather than of what is not, so a field added later is personal until
 * someone decides otherwise here.
 */
export const IMPERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'Subscription.ticketUpdated',
  'Query.ticket',
  ...[
    'id',
    'code',
    'title',
    'description',
    'category',
    'channel',
    'status',
    'priority',
    'escalationLevel',
    'overdue',
    'reopenCount',
    'createdAt',
    'updatedAt',
    'acceptedAt',
    'resolvedAt',
    'closedAt',
    'cancelledAt',
    'responseDueAt',
    'resolutionDueAt',
    'assignee',
    'community',
    'timeline',
  ].map((f) => `Ticket.${f}`),
  ...['at', 'action', 'fromStatus', 'toStatus', 'note'].map((f) => `TicketTimelineEntry.${f}`),
  ...['id', 'name', 'kind', 'active'].map((f) => `Organisation.${f}`),
]);

/** True when every field the document selects is in IMPERSONAL_FIELDS (`__typename` anywhere too). Expects a validated document. */
export function impersonalSelection(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let impersonal = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD]: (node) => {
        if (node.name.value === '__typename') return;
        const parent = typeInfo.getParentType();
        const coordinate = `${parent ? getNamedType(parent).name : '?'}.${node.name.value}`;
        if (!IMPERSONAL_FIELDS.has(coordinate)) impersonal = false;
      },
    }),
  );
  return impersonal;
}

/**
 * Who a stream's answers are the same for. `scope`: every caller with these
 * roles and organisations sees the same (the selection is impersonal and the
 * caller is not personally concerned, e.g. not the ticket's reporter).
 * `person`: only this person, with these roles and organisations (a token of
 * the same person with other claims is another class).
 */
export function viewerClass(actor: Actor, personal: boolean): string {
  const roles = [...actor.roles].sort().join(',');
  const orgs = [...new Set(actor.orgs)].sort().join(',');
  return personal ? `person:${actor.personId}|${roles}|${orgs}` : `scope:${roles}|${orgs}`;
}

/** JSON with object keys sorted, so equal variables give equal text whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** One view: the same operation, variables and viewer class; streams of one view share each selection run. */
export function viewKey(query: string, operationName: string | undefined, variables: Record<string, unknown>, viewer: string): string {
  return createHash('sha256')
    .update(canonical([query, operationName ?? null, variables, viewer]))
    .digest('base64url');
}

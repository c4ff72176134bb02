import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse } from 'graphql';
import type { Actor, Role } from '@linli/platform';
import { impersonalSelection, viewerClass, viewKey } from './share';

const schema = buildSchema(readFileSync(path.join(__dirname, '../../api.graphql'), 'utf8'));
const actor = (personId: string, roles: Role[], orgs: string[]): Actor => ({ personId, roles: new Set(roles), orgs });

describe('impersonalSelection', () => {
  it('holds for the contract TicketUpdates selection, through fragments too', () => {
    const contract = parse('subscription TicketUpdates($id: ID!) { ticketUpdated(id: $id) { id status assignee { id name } timeline { at action toStatus note } } }');
    expect(impersonalSelection(schema, contract)).toBe(true);
    const viaFragment = parse('subscription T($id: ID!) { ticketUpdated(id: $id) { ...F __typename } } fragment F on Ticket { code community { id name } }');
    expect(impersonalSelection(schema, viaFragment)).toBe(true);
  });

  it('fails for anything whose answer depends on who asks (people, phones, comments, links), also inside a fragment', () => {
    for (const selection of ['reporter { id }', 'contactPhone', 'comments { id body }', 'attachments { id url }', 'timeline { actor { id name } }', 'assignee { contactPhone }']) {
      expect(impersonalSelection(schema, parse(`subscription T($id: ID!) { ticketUpdated(id: $id) { id ${selection} } }`))).toBe(false);
    }
    expect(impersonalSelection(schema, parse('subscription T($id: ID!) { ticketUpdated(id: $id) { ...F } } fragment F on Ticket { reporter { name } }'))).toBe(false);
    expect(impersonalSelection(schema, parse('subscription { notificationAdded { id kind } }'))).toBe(false);
  });
});

describe('viewerClass and viewKey', () => {
  const query = 'query T($id: ID!) { ticketUpdated: ticket(id: $id) { id status } }';

  it('puts callers of the same roles and organisations in one scope class, whoever they are and in whatever order the claims come', () => {
    const a = viewerClass(actor('p-1', ['COMMUNITY_STAFF', 'GRID_WORKER'], ['c-1', 'c-2']), false);
    const b = viewerClass(actor('p-2', ['GRID_WORKER', 'COMMUNITY_STAFF'], ['c-2', 'c-1', 'c-1']), false);
    expect(a).toBe(b);
    expect(viewKey(query, 'T', { id: 't-1' }, a)).toBe(viewKey(query, 'T', { id: 't-1' }, b));
  });

  it('separates other roles, other organisations, other variables, other operations', () => {
    const staff = viewerClass(actor('p-1', ['COMMUNITY_STAFF'], ['c-1']), false);
    const key = viewKey(query, 'T', { id: 't-1' }, staff);
    expect(viewKey(query, 'T', { id: 't-1' }, viewerClass(actor('p-1', ['HANDLER_STAFF'], ['c-1']), false))).not.toBe(key);
    expect(viewKey(query, 'T', { id: 't-1' }, viewerClass(actor('p-1', ['COMMUNITY_STAFF'], ['c-2']), false))).not.toBe(key);
    expect(viewKey(query, 'T', { id: 't-1' }, viewerClass(actor('p-1', ['COMMUNITY_STAFF'], ['c-1', 'c-2']), false))).not.toBe(key);
    expect(viewKey(query, 'T', { id: 't-2' }, staff)).not.toBe(key);
    expect(viewKey(query.replace('status', 'code'), 'T', { id: 't-1' }, staff)).not.toBe(key);
  });

  it('keeps a personal class to its person (a reporter, a personal selection), never equal to the scope class', () => {
    const mine = viewerClass(actor('p-1', ['COMMUNITY_STAFF'], ['c-1']), true);
    expect(mine).not.toBe(viewerClass(actor('p-2', ['COMMUNITY_STAFF'], ['c-1']), true));
    expect(mine).not.toBe(viewerClass(actor('p-1', ['COMMUNITY_STAFF'], ['c-1']), false));
    expect(mine).toBe(viewerClass(actor('p-1', ['COMMUNITY_STAFF'], ['c-1']), true));
  });

  it('reads variables whatever the order of their keys', () => {
    const staff = viewerClass(actor('p-1', ['COMMUNITY_STAFF'], ['c-1']), false);
    expect(viewKey(query, 'T', { id: 't-1', x: { b: 1, a: 2 } }, staff)).toBe(viewKey(query, 'T', { x: { a: 2, b: 1 }, id: 't-1' }, staff));
  });
});

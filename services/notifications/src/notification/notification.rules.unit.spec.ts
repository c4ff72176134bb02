import type { TicketEventV1 } from '@linli/events';
import {
  commentDrafts, inboxesOf, overdueDrafts, proposalDrafts, rectificationDrafts, ticketDrafts, withoutPhones } from './notification.rules';

const ticket = (over: Partial<TicketEventV1['ticket']> = {}): TicketEventV1['ticket'] => ({
  ticketId: 't1',
  code: 'TK-20261201-000001',
  version: 2,
  status: 'DISPATCHED',
  category: 'PROPERTY_MANAGEMENT',
  priority: 'NORMAL',
  channel: 'APP',
  escalationLevel: 'COMMUNITY',
  gridId: 'g1',
  compoundId: null,
  communityId: 'c1',
  communityAncestorIds: ['d1', 's1'],
  reporterId: 'p1',
  assigneeId: 'f1',
  submittedAt: '2026-12-01T00:00:00.000Z',
  responseDueAt: '2026-12-02T00:00:00.000Z',
  resolutionDueAt: null,
  lastDispatchedAt: null,
  acceptedAt: null,
  resolvedAt: null,
  resolvedById: 'f1',
  closedAt: null,
  cancelledAt: null,
  reopenCount: 0,
  rating: null,
  ...over,
});
const event = (t = ticket(), actorId: string | null = 'staff'): TicketEventV1 => ({
  ticket: t,
  transition: { action: 'DISPATCH', at: '2026-12-01T00:00:00.000Z', fromStatus: 'SUBMITTED', toStatus: t.status, actorId },
});

describe('who hears of what (contract "Notifications")', () => {
  it('tells the assignee of a dispatch and the reporter of acceptance, resolution and closing', () => {
    expect(ticketDrafts('tickets.ticket.dispatched', event())[0]).toMatchObject({ kind: 'TICKET_DISPATCHED', recipients: ['O:f1'], ticketId: 't1' });
    expect(ticketDrafts('tickets.ticket.dispatched', event())[0].body).toContain('12月02日 08:00');
    for (const [type, kind] of [
      ['tickets.ticket.accepted', 'TICKET_ACCEPTED'],
      ['tickets.ticket.resolved', 'TICKET_RESOLVED'],
      ['tickets.ticket.closed', 'TICKET_CLOSED'],
    ]) {
      expect(ticketDrafts(type, event())).toEqual([expect.objectContaining({ kind, recipients: ['P:p1'] })]);
    }
  });

  it('tells the community of a return, and the level reached of an escalation', () => {
    expect(ticketDrafts('tickets.ticket.returned', event())[0].recipients).toEqual(['O:c1']);
    expect(ticketDrafts('tickets.ticket.escalated', event(ticket({ escalationLevel: 'STREET' })), 's1')[0].recipients).toEqual(['O:c1', 'O:s1']);
  });

  it('tells the firm that resolved a ticket of a bad rating, and not the reporter of their own rating', () => {
    const rated = event(ticket({ status: 'CLOSED', rating: { score: 2, ratedAt: '2026-12-01T00:00:00.000Z' } }), 'p1');
    expect(ticketDrafts('tickets.ticket.rated', rated)).toEqual([expect.objectContaining({ kind: 'BAD_RATING', recipients: ['O:f1'] })]);
    const good = event(ticket({ status: 'CLOSED', rating: { score: 5, ratedAt: '2026-12-01T00:00:00.000Z' } }), 'p1');
    expect(ticketDrafts('tickets.ticket.rated', good)).toEqual([]);
  });

  it('tells the community and the assignee of an overdue ticket, and a firm and its communities of a rectification', () => {
    expect(overdueDrafts({ ticket: ticket(), due: 'RESPONSE', dueAt: '2026-12-02T00:00:00.000Z' })[0].recipients).toEqual(['O:c1', 'O:f1']);
    const r = { rectificationId: 'r1', firmId: 'f1', reason: 'POOR_GRADE' as const, issuedAt: '2026-12-01T00:00:00.000Z', dueAt: '2026-12-16T00:00:00.000Z' };
    expect(rectificationDrafts('RECTIFICATION_ISSUED', r, ['c1', 'c2', 'c1'])[0].recipients).toEqual(['O:f1', 'O:c1', 'O:c2']);
  });

  it('tells the owners of a proposal, with phone numbers masked out of its title', () => {
    const [d] = proposalDrafts('VOTING_OPENED', { proposalId: 'pr1', title: '更换物业，联系13812345678', ownerPersonIds: ['o1', 'o2'] });
    expect(d.recipients).toEqual(['P:o1', 'P:o2']);
    expect(d.body).not.toMatch(/13812345678/);
    expect(withoutPhones('电话 010-12345678')).not.toMatch(/12345678/);
  });

  it('reads the inboxes of the caller and of the organisations it acts for', () => {
    expect(inboxesOf({ personId: 'p1', orgs: ['o1', 'o2'] })).toEqual(['P:p1', 'O:o1', 'O:o2']);
  });
});

describe('comment notifications', () => {
  const commented = (internal: boolean, authorId = 'staff-1') => ({
    ticketId: 't1',
    code: 'TK-20261201-000001',
    commentId: 'c-1',
    internal,
    authorId,
    reporterId: 'r1',
    communityId: 'c1',
    communityAncestorIds: ['d1', 's1'],
    assigneeId: 'f1',
  });
  it('tell the reporter of public comments only, the community and the assignee, never the author, without the body', () => {
    expect(commentDrafts(commented(false))[0]).toMatchObject({ kind: 'COMMENT_ADDED', recipients: ['P:r1', 'O:c1', 'O:f1'], ticketId: 't1' });
    expect(commentDrafts(commented(true))[0].recipients).toEqual(['O:c1', 'O:f1']);
    expect(commentDrafts(commented(false, 'r1'))[0].recipients).toEqual(['O:c1', 'O:f1']);
  });
});

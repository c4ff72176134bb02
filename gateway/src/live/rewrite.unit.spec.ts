import { parse } from 'graphql';
import { LIVE_NOTIFICATION_VARIABLE, LIVE_REPORTER_ALIAS, planLiveOperation } from './rewrite';

describe('planLiveOperation', () => {
  it('turns notificationAdded into a query of the notification, keeping the response key', () => {
    const plan = planLiveOperation(parse('subscription F { notificationAdded { id kind ticket { id status } } }'), undefined, {});
    expect(plan.kind).toBe('notifications');
    const query = (plan as { query: string }).query;
    expect(query).toContain(`query F($${LIVE_NOTIFICATION_VARIABLE}: ID!)`);
    expect(query).toContain(`notificationAdded: notification(id: $${LIVE_NOTIFICATION_VARIABLE})`);
  });

  it('turns ticketUpdated(id) into ticket(id), reading the id from variables or literals', () => {
    const byVariable = planLiveOperation(parse('subscription T($id: ID!) { ticketUpdated(id: $id) { id status } }'), 'T', { id: 't-1' });
    expect(byVariable).toEqual({
      kind: 'ticket',
      ticketId: 't-1',
      query: expect.stringContaining('ticketUpdated: ticket(id: $id)'),
      checkQuery: expect.stringContaining('ticketUpdated: ticket(id: $id)'),
    });
    const aliased = planLiveOperation(parse('subscription { t: ticketUpdated(id: "t-2") { id } }'), undefined, {});
    expect(aliased).toMatchObject({ kind: 'ticket', ticketId: 't-2', query: expect.stringContaining('t: ticket(id: "t-2")') });
  });

  it('probes the reporter in the opening check only, so a reporter’s stream keeps to itself', () => {
    const plan = planLiveOperation(parse('subscription T($id: ID!) { ticketUpdated(id: $id) { id status } }'), 'T', { id: 't-1' });
    if (plan.kind !== 'ticket') throw new Error(plan.kind);
    expect(plan.checkQuery).toContain(`${LIVE_REPORTER_ALIAS}: reporter {`);
    expect(plan.query).not.toContain('reporter');
  });

  it('runs queries and mutations once, and refuses what it cannot serve', () => {
    expect(planLiveOperation(parse('query { a }'), undefined, {})).toEqual({ kind: 'once' });
    expect(() => planLiveOperation(parse('subscription { other { id } }'), undefined, {})).toThrow(/Unknown subscription field/);
    expect(() => planLiveOperation(parse('subscription A { notificationAdded { id } } subscription B { notificationAdded { id } }'), undefined, {})).toThrow(
      /Name the operation/,
    );
  });
});

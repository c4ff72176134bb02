import { randomUUID } from 'node:crypto';
import { OutboxEvent } from '@linli/events';
import { SpanKind, traceInMemory, type ReadableSpan } from '@linli/platform';
import { mintToken, waitFor } from '@linli/testing';
import { contractOperation } from './contract';
import { MODES, startTestStack, type TestStack } from './harness';
import { buildTerritory, ok, submit, ticketInput, type Territory } from './tickets.fixtures';

/**
 * One rating followed from the request to the assessment change, in both run
 * modes, with OpenTelemetry's in-memory exporter: the gateway's request span,
 * its fetch of the tickets subgraph, the subgraph's request and SQL spans, the
 * outbox row's publish (its stored `traceparent`), and the evaluations
 * consumer that applies the event: one trace. The event keeps the request's
 * id as its correlationId.
 */
const tracing = traceInMemory();
afterAll(() => tracing.shutdown());

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

describe.each(MODES)('a rating traced from the gateway to the consumer (%s)', (mode) => {
  let stack: TestStack;
  let w: Territory;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'tracing');
    w = await buildTerritory(stack);
  }, 60_000);
  afterAll(() => stack?.stop());

  it('spans gateway → subgraph → SQL → outbox publish → NATS → consumer, under one trace id', async () => {
    const alice = w.residents.alice;
    const t = await submit(stack, alice, ticketInput(w.compoundGridId, { title: '楼道灯不亮' }));
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, w.callers.communityStaff);
    await ok(stack, 'AcceptTicket', { id: t.id }, w.callers.firmStaff);
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已更换灯泡' }, w.callers.firmStaff);
    await stack.settle();
    tracing.reset();

    const requestId = `rate-${randomUUID()}`;
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        'apollographql-client-name': 'resident-app',
        authorization: `Bearer ${await mintToken({ sub: alice.sub, roles: alice.roles, orgs: alice.orgs ?? [] })}`,
      },
      body: JSON.stringify({ query: contractOperation('RateTicket'), variables: { id: t.id, score: 2 } }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();

    const consumed = await waitFor(
      () => {
        const span = tracing.spans().find((s) => s.name === 'consume tickets.ticket.rated' && s.attributes['messaging.consumer.group.name'] === 'evaluations');
        expect(span).toBeDefined();
        return span!;
      },
      { timeoutMs: 10_000 },
    );
    const spans = tracing.spans().filter((s) => s.spanContext().traceId === consumed.spanContext().traceId);
    const byId = new Map(spans.map((s) => [idOf(s), s]));
    const parent = (s: ReadableSpan) => byId.get(parentOf(s) ?? '');

    // Walk up from the consumer: every hop is in the same trace.
    const publish = parent(consumed)!;
    expect(publish).toMatchObject({ name: 'publish tickets.ticket.rated', kind: SpanKind.PRODUCER });
    const subgraphRequest = parent(publish)!;
    expect(subgraphRequest).toMatchObject({ name: 'POST /graphql', kind: SpanKind.SERVER });
    const fetch_ = parent(subgraphRequest)!;
    expect(fetch_).toMatchObject({ name: 'subgraph tickets', kind: SpanKind.CLIENT });
    const gatewayRequest = parent(fetch_)!;
    expect(gatewayRequest).toMatchObject({ name: 'graphql RateTicket', kind: SpanKind.SERVER });
    expect(parentOf(gatewayRequest)).toBeUndefined();

    // The subgraph's SQL is inside its request span; literals never reach the trace.
    const sql = spans.filter((s) => parentOf(s) === idOf(subgraphRequest) && s.name.startsWith('SQL '));
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.some((s) => String(s.attributes['db.query.text']).includes('outbox_event'))).toBe(true);
    expect(sql.map((s) => String(s.attributes['db.query.text'])).join('\n')).not.toContain('楼道灯不亮');
    // The consumer applied the event inside its span (its own SQL).
    expect(spans.some((s) => parentOf(s) === idOf(consumed) && s.name.startsWith('SQL '))).toBe(true);

    // The outbox row stored the trace context and the request's id.
    const row = await stack.subgraphs.tickets.orm.em.fork().findOneOrFail(OutboxEvent, { type: 'tickets.ticket.rated' }, { orderBy: { seq: 'desc' } });
    expect(row.correlationId).toBe(requestId);
    expect(row.causationId).toBeNull();
    expect(row.traceparent).toBe(`00-${subgraphRequest.spanContext().traceId}-${idOf(subgraphRequest)}-01`);
  });
});

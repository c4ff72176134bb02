// Issue #10, hole 4: the event bus as an attacker inside the network sees it.
// A private nats-server runs the authorization this repository ships
// (natsAuthorizationConfig: one user per service), and the real consumer
// decides what it applies.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startPrivateNats, uniqueName, waitFor, type PrivateNats } from '@linli/testing';
import { createDb, Effect, logger, type TestDb } from '../../test/support';
import { createEnvelope, subjectFor, type EventEnvelope } from '../contracts/envelope';
import { OrganisationMoved } from '../contracts/organisations';
import { TicketSubmitted } from '../contracts/tickets';
import { startConsumer } from '../consumer/idempotent';
import { DlqHeaders, dlqStreamName, dlqSubjectFor, NatsTransport } from './nats.transport';
import { inboxPrefixFor, natsAuthorizationConfig } from './nats.permissions';
import type { Subscription } from './transport';

const SERVICES = ['organisations', 'grids', 'tickets'];
const password = (service: string) => `pw-${service}-${service.length}-long-enough`;

describe('the event bus with per-service users and permissions (private nats-server)', () => {
  const prefix = uniqueName('t', 'perm', 30);
  const stream = prefix.toUpperCase();
  let nats: PrivateNats;
  let db: TestDb;
  let admin: NatsConnection;
  const transports: NatsTransport[] = [];
  const subs: Subscription[] = [];

  const asService = async (service: string, overrides: { password?: string } = {}) => {
    const t = await NatsTransport.connect({
      servers: nats.servers,
      streamName: stream,
      subjectPrefix: prefix,
      logger,
      credentials: { user: service, password: overrides.password ?? password(service) },
      inboxPrefix: inboxPrefixFor(service),
      publishTimeoutMs: 1_000,
      publishAttempts: 1,
    });
    transports.push(t);
    return t;
  };
  const moved = (source: string) =>
    createEnvelope(OrganisationMoved, { organisationId: `c-${source}`, parentId: 's-2', ancestorIds: ['d-1', 's-2'] }, { source });
  const streamSubjects = async (name: string) => {
    const jsm = await jetstreamManager(admin);
    const info = await jsm.streams.info(name);
    const out: { subject: string; envelope: EventEnvelope; reason?: string }[] = [];
    for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(name, { seq });
      if (m) out.push({ subject: m.subject, envelope: m.json<EventEnvelope>(), reason: m.header?.get(DlqHeaders.Error) || undefined });
    }
    return out;
  };

  beforeAll(async () => {
    nats = await startPrivateNats(
      natsAuthorizationConfig({
        prefix,
        stream,
        services: SERVICES,
        readers: ['gateway'],
        passwords: Object.fromEntries([...SERVICES, 'gateway'].map((s) => [s, password(s)])),
        admin: { user: 'admin', password: 'admin-password' },
      }),
    );
    admin = await connect({ servers: nats.servers, user: 'admin', pass: 'admin-password' });
    db = await createDb('sqlite', 'perm');
  }, 30_000);

  afterAll(async () => {
    for (const s of subs) await s.stop();
    for (const t of transports) await t.close();
    await admin?.close();
    await db?.close();
    await nats?.stop();
  });

  it('refuses connections without a service credential', async () => {
    await expect(connect({ servers: nats.servers, reconnect: false })).rejects.toThrow(/Authorization/i);
    await expect(asService('tickets', { password: 'guessed' })).rejects.toThrow(/Authorization/i);
  });

  it('lets a service publish its own events and nobody else\'s', async () => {
    const organisations = await asService('organisations');
    const tickets = await asService('tickets');
    const genuine = moved('organisations');
    await organisations.publish(subjectFor(prefix, OrganisationMoved), genuine);

    // tickets claims an organisations fact on the organisations subject: the server refuses the publish.
    await expect(tickets.publish(subjectFor(prefix, OrganisationMoved), moved('tickets'))).rejects.toThrow(/Permissions Violation|timeout|TIMEOUT/i);
    // …nor with a plain JetStream client of its own.
    const rawConnection = await connect({ servers: nats.servers, user: 'tickets', pass: password('tickets'), inboxPrefix: inboxPrefixFor('tickets') });
    await expect(jetstream(rawConnection).publish(`${prefix}.events.organisations.organisation.renamed.v1`, '{}', { timeout: 1_000 })).rejects.toThrow();
    // …nor into another service's inbox, where pulled messages arrive without passing the stream.
    const gridsConnection = await connect({ servers: nats.servers, user: 'grids', pass: password('grids'), inboxPrefix: inboxPrefixFor('grids') });
    const received: string[] = [];
    gridsConnection.subscribe(`${inboxPrefixFor('grids')}.probe`, { callback: (_err, m) => void received.push(m.string()) });
    await gridsConnection.flush();
    rawConnection.publish(`${inboxPrefixFor('grids')}.probe`, 'forged by tickets');
    await rawConnection.flush();
    admin.publish(`${inboxPrefixFor('grids')}.probe`, 'from the operator');
    await admin.flush();
    await waitFor(() => expect(received).toEqual(['from the operator']));
    await gridsConnection.close();
    await rawConnection.close();

    const stored = await streamSubjects(stream);
    expect(stored.map((m) => m.envelope.source)).toEqual(['organisations']);
    expect(stored[0].envelope.id).toBe(genuine.id);
  });

  it('dead-letters a forged envelope (wrong source, or another type under a service\'s own subject) and never applies it', async () => {
    const applied: string[] = [];
    const grids = await asService('grids');
    const tickets = await asService('tickets');
    // tickets may publish under its own subjects, so it tries an organisations fact there.
    const underOwnSubject = { ...moved('tickets'), id: 'forged-under-tickets-subject' };
    await tickets.publish(subjectFor(prefix, TicketSubmitted), underOwnSubject);
    // A message on the right subject that names another source (a publisher with wider rights, a bug): rejected too.
    const wrongSource = { ...moved('tickets'), id: 'forged-source' };
    await jetstream(admin).publish(subjectFor(prefix, OrganisationMoved), JSON.stringify(wrongSource), { msgID: wrongSource.id });

    subs.push(
      await startConsumer({
        orm: db.orm,
        transport: grids,
        consumer: 'grids',
        logger,
        maxDeliver: 3,
        ackWaitMs: 2_000,
        handlers: {
          [OrganisationMoved.type]: async (em, e) => {
            applied.push(e.id);
            em.create(Effect, { consumer: 'grids', eventId: e.id, replica: 'r1' });
          },
        },
      }),
    );

    const dlq = await waitFor(
      async () => {
        const letters = await streamSubjects(dlqStreamName(stream));
        expect(letters).toHaveLength(2);
        return letters;
      },
      { timeoutMs: 10_000 },
    );
    expect(dlq.every((l) => l.subject === dlqSubjectFor(prefix, 'grids'))).toBe(true);
    const reasons = Object.fromEntries(dlq.map((l) => [l.envelope.id, l.reason]));
    expect(reasons[underOwnSubject.id]).toMatch(/^rejected: subject .*tickets\.ticket\.submitted\.v1 does not match type organisations\.organisation\.moved/);
    expect(reasons[wrongSource.id]).toMatch(/^rejected: source tickets is not the producer of organisations\.organisation\.moved/);

    // The genuine event of the previous test is applied, exactly once; the forged ones never.
    await waitFor(async () => expect(await db.orm.em.fork().count(Effect, { consumer: 'grids' })).toBe(1), { timeoutMs: 10_000 });
    expect(applied).toHaveLength(1);
    expect(applied).not.toContain(underOwnSubject.id);
    expect(applied).not.toContain(wrongSource.id);
    // Rejected messages are settled, not left to redeliver.
    const jsm = await jetstreamManager(admin);
    await waitFor(async () => {
      const info = await jsm.consumers.info(stream, 'grids');
      expect({ pending: info.num_pending, ackPending: info.num_ack_pending }).toEqual({ pending: 0, ackPending: 0 });
    });
  }, 30_000);

  it('lets the gateway read the stream for live updates, and do nothing else', async () => {
    const organisations = await asService('organisations');
    const gateway = await NatsTransport.connect({
      servers: nats.servers,
      streamName: stream,
      subjectPrefix: prefix,
      logger,
      credentials: { user: 'gateway', password: password('gateway') },
      inboxPrefix: inboxPrefixFor('gateway'),
      readOnly: true,
      publishTimeoutMs: 1_000,
      publishAttempts: 1,
    });
    transports.push(gateway);
    const seen: string[] = [];
    subs.push(await gateway.tail((e) => void seen.push(e.id), { since: new Date(Date.now() - 60_000) }));
    const genuine = moved('organisations');
    await organisations.publish(subjectFor(prefix, OrganisationMoved), genuine);
    await waitFor(() => expect(seen).toContain(genuine.id), { timeoutMs: 10_000 });
    const stored = (await streamSubjects(stream)).length;

    // No event of anyone's, and no change to the streams or to a service's consumer.
    await expect(gateway.publish(subjectFor(prefix, OrganisationMoved), moved('organisations'))).rejects.toThrow();
    const raw = await connect({ servers: nats.servers, user: 'gateway', pass: password('gateway'), inboxPrefix: inboxPrefixFor('gateway') });
    const jsm = await jetstreamManager(raw, { checkAPI: false, timeout: 1_000 });
    await expect(jsm.streams.purge(stream)).rejects.toThrow();
    await expect(jsm.streams.delete(dlqStreamName(stream))).rejects.toThrow();
    await expect(jsm.consumers.delete(stream, 'grids')).rejects.toThrow();
    await expect(jetstream(raw).publish(dlqSubjectFor(prefix, 'grids'), '{}', { timeout: 1_000 })).rejects.toThrow();
    await raw.close();
    expect(await streamSubjects(stream)).toHaveLength(stored);
  }, 30_000);
});

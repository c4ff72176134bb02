import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { NatsTransport, ProcessedEvent, type EventEnvelope } from '@linli/events';
import { waitFor } from '@linli/testing';
import { startTestStack, type TestStack } from './harness';
import { buildDistrict, type District } from './fixtures';
import { contractOperation } from './contract';
import { evaluationsProcessed, publishEnvelopes, TicketStory } from './evaluations-story';

// Redelivery and a replica taking over can take minutes on a loaded 2-core machine; counts are asserted, never times.
jest.setTimeout(300_000);

const DUPLICATE_WINDOW_MS = 1_000;
const EVALUATIONS_MAIN = path.resolve(__dirname, '../../../services/evaluations/dist/main.js');

/**
 * Exactly once against real NATS JetStream and PostgreSQL: every bad rating
 * counts once in its firm's month, whatever the bus redelivers and whichever
 * replica dies mid-batch. Counts are checked in the database (the counters
 * and the processed-event rows) and through the gateway (FirmAssessment).
 */
/** Yesterday in China time: the stories' month, and the last of their days. */
const YESTERDAY = new Date(Date.now() + 8 * 3_600_000 - 86_400_000);
const MONTH = YESTERDAY.toISOString().slice(0, 7);
const LAST_DAY = YESTERDAY.getUTCDate();
const FIRST_DAY = Math.max(1, LAST_DAY - 13);

describe('evaluations consume exactly once (distributed)', () => {
  let stack: TestStack;
  let d: District;
  const firms = () => [d.firmId, d.otherFirmId, d.policeId];
  /** Bad ratings expected per firm in MONTH, counted from the stories as they are written. */
  const expectedBad = new Map<string, number>();

  /**
   * Tickets rated 1–5 in turn (1 and 2 are bad), spread over three handling organisations, on
   * the days of MONTH up to 14 days before today (China time): every rectification they cause
   * is due (15 days after issue) after today, so none turns OVERDUE while the test runs and a
   * second one for a firm can only come from two replicas deciding at once.
   */
  function stories(n: number): TicketStory[] {
    return Array.from({ length: n }, (_, i) => {
      const firm = firms()[i % 3];
      const score = 1 + (i % 5);
      if (score <= 2) expectedBad.set(firm, (expectedBad.get(firm) ?? 0) + 1);
      const day = String(FIRST_DAY + (i % (LAST_DAY - FIRST_DAY + 1))).padStart(2, '0');
      const at = (h: number) => `${MONTH}-${day}T${String(h).padStart(2, '0')}:00:00+08:00`;
      return new TicketStory(randomUUID(), d.communityId, at(8)).dispatch(firm, at(9)).accept(at(10)).resolve(at(11)).rate(score, at(12));
    });
  }

  const badRatingsInDb = async () => {
    const rows = await stack.subgraphs.evaluations.orm.em.fork().getConnection().execute(`select firm_id, bad_ratings from firm_month where month = '${MONTH}'`);
    return new Map(rows.filter((r: any) => Number(r.bad_ratings) > 0).map((r: any) => [r.firm_id as string, Number(r.bad_ratings)]));
  };
  const badRatingsShown = async (firmId: string) => {
    const r = await stack.gql(contractOperation('FirmAssessment'), { firmId, period: MONTH }, { sub: 'resident', roles: ['RESIDENT'] });
    return r.data.organisation.assessment.deductions.filter((x: any) => x.reason === 'BAD_RATING').length as number;
  };
  const processedCount = () => stack.subgraphs.evaluations.orm.em.fork().count(ProcessedEvent, { consumer: 'evaluations' });
  const openRectifications = async () => {
    const rows = await stack.subgraphs.evaluations.orm.em.fork().getConnection().execute(`select firm_id, count(*) as n from rectification group by firm_id`);
    return new Map(rows.map((r: any) => [r.firm_id as string, Number(r.n)]));
  };

  beforeAll(async () => {
    stack = await startTestStack('distributed', 'evalonce', { duplicateWindowMs: DUPLICATE_WINDOW_MS });
    d = await buildDistrict(stack);
  }, 60_000);
  afterAll(() => stack?.stop());

  it('counts a redelivered event once', async () => {
    const first = stories(30);
    const envelopes = first.flatMap((s) => s.envelopes);
    await publishEnvelopes(stack, envelopes);
    await evaluationsProcessed(stack, envelopes.map((e) => e.id), 120_000);
    const before = await processedCount();
    expect(await badRatingsInDb()).toEqual(expectedBad);

    // Past the publish dedupe window the stream stores them again: the consumer sees every event a second time.
    await new Promise((r) => setTimeout(r, DUPLICATE_WINDOW_MS + 200));
    await publishEnvelopes(stack, envelopes);
    // One ordered consumer: once a later event is applied, the copies before it have been handled.
    const marker = stories(1)[0];
    await publishEnvelopes(stack, marker.envelopes);
    await evaluationsProcessed(stack, marker.envelopes.map((e) => e.id));
    expect(await processedCount()).toBe(before + marker.envelopes.length);
    expect(await badRatingsInDb()).toEqual(expectedBad);
    for (const firm of firms()) expect(await badRatingsShown(firm)).toBe(expectedBad.get(firm) ?? 0);
  }, 60_000);

  it('counts exactly once when a replica is killed mid-batch and the other takes over', async () => {
    if (!existsSync(EVALUATIONS_MAIN)) throw new Error(`${EVALUATIONS_MAIN} is missing: build the evaluations service first (turbo builds it before these tests)`);
    // A second evaluations process on the same database and durable consumer: a replica, as REPLICAS=evaluations:2 runs it.
    const transport = stack.transport as NatsTransport;
    let output = '';
    const replica: ChildProcess = spawn(process.execPath, [EVALUATIONS_MAIN], {
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: String(stack.subgraphs.evaluations.orm.config.get('clientUrl')),
        NATS_URL: process.env.TEST_NATS_URL ?? '127.0.0.1:4222',
        NATS_STREAM: transport.streamName,
        EVENT_SUBJECT_PREFIX: stack.subjectPrefix,
        LOG_LEVEL: 'debug',
        // Outside embedded mode a process needs a real secret (issue #10); this replica only consumes events.
        AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    replica.stdout!.on('data', (b) => (output += b));
    replica.stderr!.on('data', (b) => (output += b));
    const appliedByReplica = () => output.split('\n').filter((l) => l.includes('"event processed"') && l.includes('"applied"')).length;
    try {
      await waitFor(() => output.includes('subgraph listening'), { timeoutMs: 60_000, intervalMs: 100 }).catch((e) => {
        throw new Error(`replica did not start: ${e.message}\n${output}`);
      });

      const before = await processedCount();
      const burst = stories(120);
      const envelopes: EventEnvelope[] = burst.flatMap((s) => s.envelopes);
      await publishEnvelopes(stack, envelopes);
      // Kill the replica while it is working through its batches: whatever it committed stays, whatever it had not acknowledged comes back.
      await waitFor(() => appliedByReplica() >= 20, { timeoutMs: 60_000, intervalMs: 5 });
      replica.kill('SIGKILL');
      const atKill = await processedCount();
      expect(atKill - before).toBeLessThan(envelopes.length);

      // The surviving instance gets the dead replica's unacknowledged messages after the ack wait (30 s).
      await evaluationsProcessed(stack, envelopes.map((e) => e.id), 60_000);
      expect(await processedCount()).toBe(before + envelopes.length);
      expect(await badRatingsInDb()).toEqual(expectedBad);
      for (const firm of firms()) expect(await badRatingsShown(firm)).toBe(expectedBad.get(firm));
      // Two replicas deciding on the same firm's bad ratings issued one rectification per firm, not one each
      // (property firms only: the police station is assessed, not rectified).
      expect(await openRectifications()).toEqual(new Map([d.firmId, d.otherFirmId].map((f) => [f, 1])));
    } finally {
      if (replica.exitCode === null && replica.signalCode === null) replica.kill('SIGKILL');
    }
  }, 300_000);
});

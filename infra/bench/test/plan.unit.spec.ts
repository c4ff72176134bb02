import { Random } from '../src/random';
import { SCALES } from '../src/scales';
import { apply, submit } from '../src/seed/bulk/history';
import { planHistory, seededUuid } from '../src/seed/bulk/plan';
import type { SeedWorld } from '../src/seed/world';

/** A territory shaped like the structure seeder's, with made-up ids (the plan only references them). */
function world(): Omit<SeedWorld, 'ratingPool' | 'ticketCount'> {
  const rnd = new Random(3);
  const id = () => seededUuid(rnd);
  const firmIds = [id(), id(), id()];
  const streetIds = [id(), id()];
  return {
    districtId: id(),
    streetIds,
    firmIds,
    policeIds: streetIds.map(() => id()),
    communities: [0, 1, 2, 3].map((ci) => ({
      id: id(),
      streetId: streetIds[ci % 2],
      staff: { sub: `seed-staff-${ci}`, roles: ['COMMUNITY_STAFF'] },
      areaGridId: id(),
      compounds: [0, 1, 2].map((k) => ({ id: id(), name: `社区${ci + 1}第${k + 1}小区`, communityId: '', firmId: k === 2 ? null : firmIds[(ci + k) % 3], gridIds: [id(), id()] })),
      residents: [0, 1, 2].map((r) => ({ id: id(), phone: `1390000${ci}${r}00` })),
      gridWorkers: [],
      serviceItemId: null,
    })),
  };
}

const END = new Date('2026-11-20T04:00:00Z');

describe('bulk seed plan and history', () => {
  const w = world();
  const plan = planHistory(w, { ...SCALES.small, ticketsPerCommunityMonth: 60 }, new Random(42), END);

  it('is the same for the same seed', () => {
    const again = planHistory(w, { ...SCALES.small, ticketsPerCommunityMonth: 60 }, new Random(42), END);
    expect(again).toEqual(plan);
    expect(planHistory(w, { ...SCALES.small, ticketsPerCommunityMonth: 60 }, new Random(43), END).tickets[0].id).not.toBe(plan.tickets[0].id);
  });

  it('plans nothing after the end, and each ticket’s steps at least a minute apart in order', () => {
    for (const t of plan.tickets) {
      const times = [t.submittedAt, ...t.steps.map((s) => s.at)];
      expect(Math.max(...times)).toBeLessThanOrEqual(END.getTime());
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(60_000);
    }
    expect(plan.inspections.every((i) => i.at <= END.getTime())).toBe(true);
    expect(plan.finalisations.every((f) => f.at <= END.getTime())).toBe(true);
  });

  it('runs every planned step through the state machine, ending in every status', () => {
    const rnd = new Random(1);
    const statuses = new Map<string, number>();
    for (const [i, t] of plan.tickets.entries()) {
      const { row, made } = submit(t, '/d/s/c/', i + 1, rnd);
      expect(made.timeline).toMatchObject({ seq: 1, action: 'SUBMIT', toStatus: 'SUBMITTED' });
      const handled = new Set<string>();
      for (const step of t.steps) {
        const next = apply(row, step, handled, rnd);
        // The timeline entry orders by the version the event's snapshot carries.
        expect(next.timeline.seq).toBe(row.version);
        expect((next.event.payload as { ticket: { version: number; status: string } }).ticket).toMatchObject({ version: row.version, status: row.status });
        expect(next.event.occurredAt).toBe(new Date(step.at).toISOString());
      }
      statuses.set(row.status, (statuses.get(row.status) ?? 0) + 1);
      if (t.pool) expect(row).toMatchObject({ status: 'RESOLVED', ratingScore: null });
    }
    expect([...statuses.keys()].sort()).toEqual(['ACCEPTED', 'CANCELLED', 'CLOSED', 'DISPATCHED', 'RESOLVED', 'SUBMITTED']);
    // Most tickets of a past year are done.
    expect(statuses.get('CLOSED')! / plan.tickets.length).toBeGreaterThan(0.7);
  });

  it('auto-closes only after 7 days resolved, as the scheduler would', () => {
    const closes = plan.tickets.flatMap((t) => t.steps.map((s, i) => ({ s, resolve: t.steps.slice(0, i).reverse().find((p) => p.action === 'RESOLVE') })).filter((x) => x.s.action === 'AUTO_CLOSE'));
    expect(closes.length).toBeGreaterThan(0);
    for (const { s, resolve } of closes) expect(s.at - resolve!.at).toBeGreaterThanOrEqual(7 * 24 * 3600_000);
  });
});

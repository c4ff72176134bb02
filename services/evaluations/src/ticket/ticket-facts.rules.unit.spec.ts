import { TicketStory, type StoryEvent } from '../../test/ticket-story';
import { applyTicketEvent, badRatingOf, contributionsOf, diffContributions, newBadRating, type Contribution, type TicketFacts, ratingCounts } from './ticket-facts.rules';

const F = 'firm-f';
const G = 'firm-g';
const C = 'community-c';

const replay = (events: readonly StoryEvent[]) => events.reduce<TicketFacts | null>((f, e) => applyTicketEvent(f, e.kind, e.payload), null)!;

/** The counters after each event's delta, as the consumer keeps them. */
function countersAfter(events: readonly StoryEvent[]): Map<string, Record<string, number>> {
  const totals = new Map<string, Record<string, number>>();
  let facts: TicketFacts | null = null;
  for (const e of events) {
    const next = applyTicketEvent(facts, e.kind, e.payload);
    for (const d of diffContributions(contributionsOf(facts), contributionsOf(next))) {
      const key = d.kind === 'firm' ? `firm|${d.firmId}|${d.month}` : `rate|${d.dimension}|${d.scopeId}|${d.month}`;
      const row = totals.get(key) ?? {};
      for (const [k, v] of Object.entries(d.counters)) row[k] = (row[k] ?? 0) + (v ?? 0);
      totals.set(key, row);
    }
    facts = next;
  }
  for (const [k, row] of totals) {
    for (const [c, v] of Object.entries(row)) if (v === 0) delete row[c];
    if (!Object.keys(row).length) totals.delete(k);
  }
  return totals;
}

const firmCounters = (cs: Contribution[], firmId: string, month: string) =>
  cs.find((c) => c.kind === 'firm' && c.firmId === firmId && c.month === month)?.counters;

describe('ticket facts from the tickets events', () => {
  it('a ticket dispatched to F twice in a month counts once; accepted and resolved in time', () => {
    const story = new TicketStory('t1', C, '2026-11-02T01:00:00Z')
      .dispatch(F, '2026-11-02T02:00:00Z')
      .dispatch(F, '2026-11-02T03:00:00Z')
      .accept('2026-11-02T05:00:00Z')
      .resolve('2026-11-03T05:00:00Z');
    const facts = replay(story.events);
    expect(facts.dispatches).toEqual([{ firmId: F, month: '2026-11' }]);
    expect(firmCounters(contributionsOf(facts), F, '2026-11')).toEqual({ ticketCount: 1, acceptedOnTime: 1, resolvedOnTime: 1 });
  });

  it('counts for every organisation it was dispatched to; one that gave it back never accepted it', () => {
    const story = new TicketStory('t2', C, '2026-11-02T01:00:00Z')
      .dispatch(F, '2026-11-02T02:00:00Z')
      .giveBack('2026-11-02T04:00:00Z')
      .dispatch(G, '2026-11-02T06:00:00Z')
      .accept('2026-11-02T07:00:00Z')
      .resolve('2026-11-04T07:00:00Z');
    const cs = contributionsOf(replay(story.events));
    expect(firmCounters(cs, F, '2026-11')).toEqual({ ticketCount: 1, acceptedOnTime: 0, resolvedOnTime: 0 });
    expect(firmCounters(cs, G, '2026-11')).toEqual({ ticketCount: 1, acceptedOnTime: 1, resolvedOnTime: 1 });
  });

  it('a dispatch counts in its UTC+8 month (00:30 on 1 November in China is still 31 October in UTC)', () => {
    const story = new TicketStory('t3', C, '2026-10-31T15:00:00Z').dispatch(F, '2026-10-31T16:30:00Z');
    expect(replay(story.events).dispatches).toEqual([{ firmId: F, month: '2026-11' }]);
    // Submitted at 23:00 on 31 October, China time: October's service rates.
    expect(contributionsOf(replay(story.events)).find((c) => c.kind === 'rate')).toMatchObject({ month: '2026-10' });
  });

  it('an acceptance after the response due time is not in time', () => {
    const story = new TicketStory('t4', C, '2026-11-02T01:00:00Z').dispatch(F, '2026-11-02T02:00:00Z').accept('2026-11-03T02:00:01Z');
    expect(replay(story.events).acceptedOnTimeBy).toEqual([]);
  });

  it('a reopened ticket is judged on its last resolve against the resolution due time then in force', () => {
    const late = new TicketStory('t5', C, '2026-11-02T01:00:00Z')
      .dispatch(F, '2026-11-02T02:00:00Z')
      .accept('2026-11-02T03:00:00Z')
      .resolve('2026-11-03T00:00:00Z') // in time (due 11-05T02:00)
      .reopen('2026-11-04T00:00:00Z') // new due: 11-07T00:00
      .resolve('2026-11-08T00:00:00Z'); // after the new due time
    expect(firmCounters(contributionsOf(replay(late.events)), F, '2026-11')).toMatchObject({ resolvedOnTime: 0 });

    const rescued = new TicketStory('t6', C, '2026-11-02T01:00:00Z')
      .dispatch(F, '2026-11-02T02:00:00Z')
      .accept('2026-11-02T03:00:00Z')
      .resolve('2026-11-03T00:00:00Z')
      .reopen('2026-11-06T00:00:00Z') // after the first due time; new due 11-09T00:00
      .resolve('2026-11-08T00:00:00Z');
    expect(firmCounters(contributionsOf(replay(rescued.events)), F, '2026-11')).toMatchObject({ resolvedOnTime: 1 });

    // While reopened (ACCEPTED) it is not resolved at all.
    const open = new TicketStory('t7', C, '2026-11-02T01:00:00Z').dispatch(F, '2026-11-02T02:00:00Z').accept('2026-11-02T03:00:00Z').resolve('2026-11-03T00:00:00Z').reopen('2026-11-04T00:00:00Z');
    expect(firmCounters(contributionsOf(replay(open.events)), F, '2026-11')).toMatchObject({ resolvedOnTime: 0 });
  });

  it('a rating counts in the month it was given, for the organisation that resolved the ticket', () => {
    const story = new TicketStory('t8', C, '2026-10-30T01:00:00Z')
      .dispatch(F, '2026-10-30T02:00:00Z')
      .accept('2026-10-30T03:00:00Z')
      .resolve('2026-10-31T03:00:00Z')
      .rate(1, '2026-11-01T03:00:00Z');
    const facts = replay(story.events);
    const cs = contributionsOf(facts);
    expect(firmCounters(cs, F, '2026-10')).toEqual({ ticketCount: 1, acceptedOnTime: 1, resolvedOnTime: 1 });
    expect(firmCounters(cs, F, '2026-11')).toEqual({ ratings: 1, goodRatings: 0, badRatings: 1 });
    const before = replay(story.events.slice(0, -1));
    expect(newBadRating(before, facts)).toEqual({ firmId: F, ratedAt: new Date('2026-11-01T03:00:00Z') });
    expect(newBadRating(facts, facts)).toBeNull();
    // What the window counts: the rating held now, whoever's event made it.
    expect(badRatingOf(facts)).toEqual({ firmId: F, ratedAt: new Date('2026-11-01T03:00:00Z') });
    expect(badRatingOf(before)).toBeNull();
    expect(badRatingOf(replay(new TicketStory('t8b', C, '2026-10-30T01:00:00Z').dispatch(F, '2026-10-30T02:00:00Z').accept('2026-10-30T03:00:00Z').resolve('2026-10-31T03:00:00Z').rate(3, '2026-11-01T03:00:00Z').events))).toBeNull();
  });

  it('service rates: tickets of the community and of the assignee; a cancelled ticket leaves them', () => {
    const story = new TicketStory('t9', C, '2026-11-02T01:00:00Z').dispatch(F, '2026-11-02T02:00:00Z').accept('2026-11-02T03:00:00Z').resolve('2026-11-03T00:00:00Z').rate(5, '2026-11-03T01:00:00Z');
    const rates = contributionsOf(replay(story.events)).filter((c) => c.kind === 'rate');
    const all = { tickets: 1, dispatched: 1, acceptedOnTime: 1, resolved: 1, rated: 1, satisfied: 1 };
    expect(rates).toEqual([
      { kind: 'rate', dimension: 'COMMUNITY', scopeId: C, month: '2026-11', counters: all },
      { kind: 'rate', dimension: 'ASSIGNEE', scopeId: F, month: '2026-11', counters: all },
    ]);
    const cancelled = new TicketStory('t10', C, '2026-11-02T01:00:00Z').cancel('2026-11-02T02:00:00Z');
    expect(contributionsOf(replay(cancelled.events))).toEqual([]);
    expect(countersAfter(cancelled.events).size).toBe(0);
  });

  const complex = () =>
    new TicketStory('t11', C, '2026-10-31T10:00:00Z')
      .dispatch(F, '2026-10-31T11:00:00Z')
      .giveBack('2026-10-31T12:00:00Z')
      .dispatch(G, '2026-11-01T01:00:00Z')
      .accept('2026-11-01T02:00:00Z')
      .resolve('2026-11-02T02:00:00Z')
      .reopen('2026-11-03T02:00:00Z')
      .resolve('2026-11-04T02:00:00Z')
      .rate(2, '2026-11-05T02:00:00Z').events;

  it('the counters kept by deltas equal the final contributions', () => {
    const events = complex();
    const expected = new Map(contributionsOf(replay(events)).map((c) => [c.kind === 'firm' ? `firm|${c.firmId}|${c.month}` : `rate|${c.dimension}|${c.scopeId}|${c.month}`, Object.fromEntries(Object.entries(c.counters).filter(([, v]) => v !== 0))]));
    expect(countersAfter(events)).toEqual(expected);
  });

  it('arrives at the same facts whatever order the events come in, and a repeated event changes nothing', () => {
    const events = complex();
    const inOrder = replay(events);
    const reversed = replay([...events].reverse());
    const shuffled = replay([events[3], events[0], events[8], events[1], events[5], events[2], events[7], events[4], events[6]]);
    const twice = replay([...events, ...events]);
    for (const other of [reversed, shuffled, twice]) {
      expect({ ...other, dispatches: [...other.dispatches].sort((a, b) => a.firmId.localeCompare(b.firmId)) }).toEqual({
        ...inOrder,
        dispatches: [...inOrder.dispatches].sort((a, b) => a.firmId.localeCompare(b.firmId)),
      });
    }
    expect(diffContributions(contributionsOf(inOrder), contributionsOf(applyTicketEvent(inOrder, events[4].kind, events[4].payload)))).toEqual([]);
  });
});

describe('which ratings count (contract correction: residents’ own and follow-ups)', () => {
  const rating = (extra: object) => ({ rating: { score: 1, ratedAt: '2026-11-20T00:00:00Z', ...extra } });
  it('counts a resident’s own, a follow-up’s, and first-release ratings; not one marked counts: false', () => {
    expect(ratingCounts(rating({ via: 'RESIDENT', counts: true }))).toBe(true);
    expect(ratingCounts(rating({ via: 'FOLLOW_UP', counts: true }))).toBe(true);
    expect(ratingCounts(rating({}))).toBe(true);
    expect(ratingCounts(rating({ via: 'RESIDENT', counts: false }))).toBe(false);
    expect(ratingCounts({ rating: null })).toBe(false);
  });
});

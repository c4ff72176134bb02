import type { EntityManager } from '@mikro-orm/core';
import type { EventEnvelope } from '@linli/events';
import { orgNodes } from '@linli/subgraph-kit';
import { TicketFactEntity } from '../ticket/ticket-fact.entity';
import { badRatingOf, type TicketFacts } from '../ticket/ticket-facts.rules';
import type { BadRatingRun } from '../ticket/ticket-fact.projection';
import { badRatingWindowStart, isRectifiable, REPEATED_BAD_RATINGS_THRESHOLD, shouldIssueForBadRatings } from './rectification.rules';
import { causedBy } from '../shared/cause';
import { badRatingsAgainst, issueRectification, lockFirm, openForBadRatings } from './rectification.service';

interface Firm {
  /** Open REPEATED_BAD_RATINGS rectifications (those this run issued included). */
  open: number;
  /** Bad ratings stored for tickets outside the run, rated at or after `from` (ms). */
  stored: number[] | null;
  from: number;
}

/**
 * The REPEATED_BAD_RATINGS rule (`onBadRating`) for a run of ticket events
 * in one transaction (the seed): it decides what the one-by-one path
 * decides at each bad rating, without writing the facts first and counting
 * them in SQL. The window is counted from two parts that never overlap: the
 * stored bad ratings of tickets outside the run (read once per firm), and
 * the run's own tickets as the fold holds them at that event (`moved`). A
 * firm's open rectifications are read once and counted up as the run
 * issues; while one is open, the window is not needed at all.
 */
class Run implements BadRatingRun {
  private readonly firms = new Map<string, Firm | null>();
  /** The run's tickets that count against each firm now: ticket → rated at (ms). */
  private readonly running = new Map<string, Map<string, number>>();

  constructor(
    private readonly em: EntityManager,
    private readonly runTickets: ReadonlyMap<string, TicketFacts>,
  ) {
    for (const [id, facts] of runTickets) this.moved(id, null, facts);
  }

  moved(ticketId: string, before: TicketFacts | null, after: TicketFacts): void {
    const was = badRatingOf(before);
    if (was) this.running.get(was.firmId)?.delete(ticketId);
    const is = badRatingOf(after);
    if (!is) return;
    const mine = this.running.get(is.firmId) ?? new Map<string, number>();
    this.running.set(is.firmId, mine.set(ticketId, is.ratedAt.getTime()));
  }

  async react(firmId: string, ratedAt: Date, cause: EventEnvelope): Promise<void> {
    const firm = await this.firm(firmId);
    // Even a full window issues nothing while one is open.
    if (!firm || !shouldIssueForBadRatings(REPEATED_BAD_RATINGS_THRESHOLD, firm.open)) return;
    const from = badRatingWindowStart(ratedAt).getTime();
    const to = ratedAt.getTime();
    const within = (t: number) => t >= from && t <= to;
    const stored = await this.stored(firmId, firm, from);
    const inWindow = stored.filter(within).length + [...(this.running.get(firmId)?.values() ?? [])].filter(within).length;
    if (!shouldIssueForBadRatings(inWindow, firm.open)) return;
    issueRectification(this.em, firmId, 'REPEATED_BAD_RATINGS', ratedAt, causedBy(cause, ratedAt));
    firm.open += 1;
  }

  /** The firm as the run knows it, locked as the one-by-one path locks it (null: not a property firm, never rectified). */
  private async firm(firmId: string): Promise<Firm | null> {
    if (this.firms.has(firmId)) return this.firms.get(firmId)!;
    let firm: Firm | null = null;
    if (isRectifiable((await orgNodes(this.em, [firmId])).get(firmId)?.kind)) {
      await lockFirm(this.em, firmId);
      firm = { open: await openForBadRatings(this.em, firmId), stored: null, from: Number.POSITIVE_INFINITY };
    }
    this.firms.set(firmId, firm);
    return firm;
  }

  /** Stored bad ratings against the firm from `from` on, outside the run (read again only if a window starts earlier). */
  private async stored(firmId: string, firm: Firm, from: number): Promise<number[]> {
    if (firm.stored && from >= firm.from) return firm.stored;
    const rows = await this.em.find(TicketFactEntity, badRatingsAgainst(firmId, new Date(from)), { fields: ['id', 'ratedAt'], disableIdentityMap: true });
    firm.stored = rows.filter((r) => !this.runTickets.has(r.id)).map((r) => r.ratedAt!.getTime());
    firm.from = from;
    return firm.stored;
  }
}

/** The REPEATED_BAD_RATINGS reactions of one run (`ticketProjectionBatch`): `runTickets` are the run's facts as the fold holds them. */
export const badRatingRun = (em: EntityManager, runTickets: ReadonlyMap<string, TicketFacts>): BadRatingRun => new Run(em, runTickets);

import type { BatchHandler, EventHandlers } from '@linli/events';
import { orgProjectionHandlers } from '@linli/subgraph-kit';
import { compoundProjectionHandlers } from './compound/compound.projection';
import { ticketProjectionBatch, ticketProjectionHandlers } from './ticket/ticket-fact.projection';
import { onBadRating } from './rectification/rectification.service';
import { badRatingRun } from './rectification/bad-rating.run';

/**
 * What this subgraph consumes: the organisation tree (kit projection), the
 * compounds and their firms (grids), and every ticket transition (tickets).
 * `react: false` builds the same read models without consequences (no
 * rectification is issued, no AssessmentChanged announced): the rebuild
 * replays history with it, since rectifications are this subgraph's own
 * record and survive a rebuild, and the assessments it ends with are the ones
 * it began with.
 */
export function evaluationsHandlers({ react }: { react: boolean }): EventHandlers {
  return {
    ...orgProjectionHandlers,
    ...compoundProjectionHandlers,
    ...ticketProjectionHandlers({ onBadRating: react ? onBadRating : undefined, announce: react }),
  };
}

/** The same effect for runs of ticket events in one transaction (the seed, replays; `applyInOrder`). */
export function evaluationsBatchHandlers({ react }: { react: boolean }): BatchHandler[] {
  return [ticketProjectionBatch({ runOf: react ? badRatingRun : undefined, announce: react })];
}

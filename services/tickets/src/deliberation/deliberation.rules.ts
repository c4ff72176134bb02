import { GraphQLError } from 'graphql';
import { badInput } from '@linli/platform';

export const DeliberationFormats = ['BENCH_MEETING', 'COURTYARD_MEETING', 'SUNSHINE_HALL', 'DELIBERATION_CORNER'] as const;
export type DeliberationFormat = (typeof DeliberationFormats)[number];

export const DeliberationStatuses = ['SCHEDULED', 'HELD'] as const;
export type DeliberationStatus = (typeof DeliberationStatuses)[number];

/** A meeting takes up at most this many tickets. */
export const MAX_LINKED_TICKETS = 50;

/** Distinct ticket ids, in the order given. */
export function checkTicketIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_LINKED_TICKETS) throw badInput('ticketIds', `A deliberation takes up at most ${MAX_LINKED_TICKETS} tickets`);
  return unique;
}

/** SCHEDULED → HELD, once: recording a second outcome is INVALID_TRANSITION. */
export function holdDeliberation(status: DeliberationStatus): DeliberationStatus {
  if (status !== 'SCHEDULED') {
    throw new GraphQLError(`Cannot record the outcome of a deliberation that is ${status}`, {
      extensions: { code: 'INVALID_TRANSITION', status, action: 'RECORD_OUTCOME' },
    });
  }
  return 'HELD';
}

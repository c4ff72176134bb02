/**
 * Which of two versions of one aggregate a copy keeps, in the producer's
 * order: the one place every projection of another service's data decides
 * whether an event replaces what its copy holds.
 *
 * A copy stores, next to the state it applied, that change's `sequence` (the
 * aggregate's change number the producer sends, optional in the v1 payloads)
 * and `occurredAt`. Sequences decide whenever both sides have one; a
 * sequenced change always beats an unsequenced one (events without a
 * sequence come from before the producer sent it, so they are older), and
 * between two unsequenced ones the later `occurredAt` wins, a tie going to
 * the one arriving (the first release's rule). A change never replaces one
 * with the same sequence: that is a redelivery of the same change.
 */
export interface ChangeOrder {
  /** The producer's change number of the aggregate; null when the event carried none. */
  sequence: number | null;
  /** The producer's `occurredAt`; null on a row written before copies stored it (ranks oldest). */
  asOf: Date | null;
}

/** The order of an event's change: its payload's `sequence` and its envelope's `occurredAt`. */
export function changeOrderOf(e: { occurredAt: string; payload: unknown }): ChangeOrder & { asOf: Date } {
  const sequence = (e.payload as { sequence?: unknown } | null)?.sequence;
  return { sequence: typeof sequence === 'number' ? sequence : null, asOf: new Date(e.occurredAt) };
}

/** True when `incoming` is newer than `held` by the producer's order (see ChangeOrder). */
export function supersedes(incoming: ChangeOrder, held: ChangeOrder): boolean {
  if (incoming.sequence !== null && held.sequence !== null) return incoming.sequence > held.sequence;
  if (incoming.sequence !== null) return true;
  if (held.sequence !== null) return false;
  return (held.asOf?.getTime() ?? -Infinity) <= (incoming.asOf?.getTime() ?? -Infinity);
}

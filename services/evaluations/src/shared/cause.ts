import type { EnvelopeMeta } from '@linli/events';

/** What an event this service records because of another one carries: that event's chain (its request's correlation id) and the event itself as the cause. */
export const causedBy = (cause: { id: string; correlationId: string | null }, occurredAt?: Date): EnvelopeMeta => ({
  source: 'evaluations',
  correlationId: cause.correlationId,
  causationId: cause.id,
  ...(occurredAt ? { occurredAt } : {}),
});

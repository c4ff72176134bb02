import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { IdempotentRequest } from '@linli/events';
import { bearerToken, conflict, idempotencyKeyOf, type Actor, type CompleteAnswer, type IdempotencyHooks, type Logger } from '@linli/platform';

/** How long a key answers with its first result (contract: 24 h). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** The key of the request being served, kept in the request's scope until its write claims it. */
export interface IdempotencyClaim {
  callerSub: string;
  key: string;
  requestHash: string;
  claimed: boolean;
}

const isMutation = (body: unknown): body is { query: string; variables?: unknown; operationName?: unknown } =>
  typeof body === 'object' && body !== null && typeof (body as { query?: unknown }).query === 'string' && /^\s*mutation\b/.test((body as { query: string }).query);

const conflictAnswer = (message: string): CompleteAnswer => ({
  status: 200,
  body: JSON.stringify({ data: null, errors: [{ message, extensions: { code: 'CONFLICT' } }] }),
});

/**
 * Idempotency-Key for a subgraph's mutations. The key is claimed by a row
 * inserted in the same transaction as the write (`claim`, called by the
 * context's `transact`), so two deliveries of the same request (a client
 * retry, two gateway replicas) can never both commit: the second blocks on
 * the primary key and answers CONFLICT, or, once the first answer is stored,
 * gets that answer back. A different request under a used key is a CONFLICT.
 */
export function createIdempotency(opts: {
  em: EntityManager;
  verify: (token: string) => Promise<Actor>;
  /** The current request's slot (AsyncLocalStorage). */
  slot: () => { idempotency?: IdempotencyClaim } | undefined;
  now: () => Date;
  logger: Logger;
}): IdempotencyHooks & { claim(em: EntityManager): Promise<void> } {
  return {
    async replay({ headers, body }) {
      const key = idempotencyKeyOf(headers);
      const slot = opts.slot();
      if (!key || !slot || !isMutation(body)) return null;
      const token = bearerToken(headers.authorization);
      // No valid token: the context answers UNAUTHENTICATED.
      const actor = token ? await opts.verify(token).catch(() => null) : null;
      if (!actor) return null;
      const requestHash = createHash('sha256')
        .update(JSON.stringify([body.query, body.variables ?? null, body.operationName ?? null]))
        .digest('hex');
      const cutoff = new Date(opts.now().getTime() - IDEMPOTENCY_TTL_MS);
      const row = await opts.em.fork().findOne(IdempotentRequest, { callerSub: actor.personId, key, createdAt: { $gt: cutoff } });
      if (!row) {
        slot.idempotency = { callerSub: actor.personId, key, requestHash, claimed: false };
        return null;
      }
      if (row.requestHash !== requestHash) return conflictAnswer('This Idempotency-Key was already used for another request');
      if (row.response === null) return conflictAnswer('A request with this Idempotency-Key was committed and its answer is not available yet; retry later');
      return { status: 200, body: row.response };
    },

    async claim(em) {
      const claim = opts.slot()?.idempotency;
      if (!claim || claim.claimed) return;
      const cutoff = new Date(opts.now().getTime() - IDEMPOTENCY_TTL_MS);
      // An expired use of the same key makes room for this one.
      await em.nativeDelete(IdempotentRequest, { callerSub: claim.callerSub, key: claim.key, createdAt: { $lte: cutoff } });
      em.create(IdempotentRequest, { callerSub: claim.callerSub, key: claim.key, requestHash: claim.requestHash, createdAt: opts.now() });
      try {
        await em.flush();
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) throw conflict('A request with this Idempotency-Key is already being processed; retry later');
        throw err;
      }
      claim.claimed = true;
    },

    async remember(answer) {
      const claim = opts.slot()?.idempotency;
      if (!claim?.claimed) return;
      const store = () => opts.em.fork().nativeUpdate(IdempotentRequest, { callerSub: claim.callerSub, key: claim.key }, { response: answer.body });
      // The write has committed: its answer goes out whatever happens here. If the
      // database is away, storing it is retried in the background (meanwhile a
      // retry of the request gets "committed, answer not available yet; retry later").
      await store().catch(() => storeLater(store, opts.logger));
    },
  };
}

/** How long a committed request's answer is retried before the key is left without one. */
const STORE_RETRY_MS = 60_000;

async function storeLater(store: () => Promise<unknown>, logger: Logger): Promise<void> {
  const until = Date.now() + STORE_RETRY_MS;
  for (let pause = 250; Date.now() < until; pause = Math.min(pause * 2, 5_000)) {
    await new Promise((r) => setTimeout(r, pause));
    if (await store().then(() => true, () => false)) return;
  }
  logger.warn('the answer of a committed request could not be stored on its Idempotency-Key; a retry will get CONFLICT');
}

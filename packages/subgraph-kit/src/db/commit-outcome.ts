import { ConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { Logger } from '@linli/platform';

/** The server's record of a transaction's fate (`pg_xact_status`). */
export type TransactionStatus = 'committed' | 'aborted' | 'in progress';

export interface CommitOutcomeOptions {
  /** Only PostgreSQL can lose a COMMIT's answer (embedded SQLite is in-process). */
  postgres: boolean;
  logger: Logger;
  /** How long to keep asking for the fate of a transaction whose COMMIT lost its answer (default 15 s: a database blip). */
  lookupBudgetMs?: number;
  /** Pause between lookups while the database is away or the transaction still in progress. */
  lookupIntervalMs?: number;
}

/**
 * What to answer once the fate is known: the work's result if the write
 * committed, the original error otherwise (nothing was written). Pure, so
 * the rule is read and tested in one place.
 */
export function answerFromFate<T>(status: TransactionStatus | null, result: T, error: unknown): T {
  if (status === 'committed') return result;
  throw error;
}

/**
 * `em.transactional(work)`, except that a COMMIT whose answer was lost is
 * not reported as a failure when it committed.
 *
 * Why: when the connection dies while COMMIT is on the wire (a database
 * restart, `pg_terminate_backend`, a network cut), the driver reports an
 * error, yet the server may have committed. Answering that as failed is the
 * one way the HTTP path could report a committed write as failed, and a
 * client that then retries without an Idempotency-Key creates a duplicate.
 * PostgreSQL keeps every transaction's fate: the transaction notes its id
 * (`pg_current_xact_id`) first, and after a failure past the work the id is
 * looked up on another connection (`pg_xact_status`) until the server says
 * committed or aborted, or the budget runs out (then the error stands).
 */
export async function transactKnowingCommit<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>, opts: CommitOutcomeOptions): Promise<T> {
  let xid: string | null = null;
  let finished = false;
  let result!: T;
  try {
    return await em.transactional(async (tx) => {
      if (opts.postgres) xid = await currentTransactionId(tx);
      result = await work(tx);
      finished = true;
      return result;
    });
  } catch (error) {
    // Failed inside the work (nothing reached COMMIT), or a constraint the server refused (certainly rolled back).
    if (!xid || !finished || error instanceof ConstraintViolationException) throw error;
    const status = await fateOf(em, xid, opts);
    // Not the driver's message: it quotes the statement with its values (personal data).
    opts.logger.warn({ xid, status, error: (error as Error).name }, 'a transaction failed past its work; answered from its recorded fate');
    return answerFromFate(status, result, error);
  }
}

async function currentTransactionId(tx: EntityManager): Promise<string> {
  const rows = await tx.getConnection().execute<{ xid: string }[]>('select pg_current_xact_id()::text as xid', [], 'all', tx.getTransactionContext());
  return rows[0].xid;
}

/** Asks other connections of the pool until the server knows, or the budget is spent (null). */
async function fateOf(em: EntityManager, xid: string, opts: CommitOutcomeOptions): Promise<TransactionStatus | null> {
  const until = Date.now() + (opts.lookupBudgetMs ?? 15_000);
  const pause = opts.lookupIntervalMs ?? 200;
  for (;;) {
    try {
      const rows = await em.getConnection().execute<{ status: TransactionStatus | null }[]>('select pg_xact_status(?::xid8) as status', [xid]);
      const status = rows[0]?.status ?? null;
      if (status === 'committed' || status === 'aborted') return status;
    } catch {
      // The database is still away (or the pool handed out a dead connection): ask again.
    }
    if (Date.now() + pause > until) return null;
    await new Promise((r) => setTimeout(r, pause));
  }
}

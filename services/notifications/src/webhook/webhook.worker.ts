import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '@linli/platform';
import { claimDue, startPeriodicJob, type SubgraphRuntime } from '@linli/subgraph-kit';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';
import { retryDelayMs, signature } from './webhook.rules';
import { settingsFor } from './webhook.service';
import { postPinned, resolveTarget, TargetNotAllowed, type PostResult } from './webhook.target';

const BATCH = 20;
/** Extra lease beyond the POST deadline before another replica may retry a claimed row. */
const LEASE_MARGIN_MS = 30_000;

/**
 * One pass: claims due deliveries (`SKIP LOCKED`: replicas never take the
 * same row), leases them by moving `nextAttemptAt` past the POST deadline and
 * commits at once, so no transaction stays open during a POST and a worker
 * that dies mid-POST leaves rows another pass retries when the lease ends.
 */
export async function deliverDue(orm: MikroORM, now: () => Date, logger: Logger): Promise<number> {
  const settings = settingsFor(orm.em.fork());
  const claimed = await orm.em.fork().transactional(async (em) => {
    const at = now();
    const rows = await claimDue(em, WebhookDeliveryEntity, { status: 'PENDING', nextAttemptAt: { $lte: at } }, {
      limit: BATCH,
      orderBy: { nextAttemptAt: 'asc', id: 'asc' },
    });
    for (const r of rows) {
      r.attempts += 1;
      r.nextAttemptAt = new Date(at.getTime() + settings.timeoutMs + LEASE_MARGIN_MS);
    }
    return rows.map((r) => ({ id: r.id, webhookId: r.webhookId, body: r.body, attempts: r.attempts, createdAt: r.createdAt }));
  });
  if (!claimed.length) return 0;
  const hooks = await orm.em.fork().find(WebhookEntity, { id: { $in: [...new Set(claimed.map((c) => c.webhookId))] } }, { populate: ['secret'] });
  const byId = new Map(hooks.map((h) => [h.id, h]));
  await Promise.all(
    claimed.map(async (c) => {
      const hook = byId.get(c.webhookId);
      let result: PostResult;
      if (!hook?.active) {
        result = { status: null, error: 'webhook disabled' };
      } else {
        try {
          const url = new URL(hook.url);
          const pinned = await resolveTarget(url, settings.allowPrivate);
          result = await postPinned(
            url,
            pinned,
            c.body,
            { 'x-linli-event-id': c.id, 'x-linli-signature': signature(hook.secret, c.body) },
            settings.timeoutMs,
          );
        } catch (err) {
          result = { status: null, error: err instanceof TargetNotAllowed ? err.message : 'delivery failed' };
        }
      }
      const at = now();
      const delivered = result.status !== null && result.status >= 200 && result.status < 300;
      const expired = at.getTime() - c.createdAt.getTime() >= settings.retryForMs;
      const gaveUp = !delivered && (expired || !hook?.active);
      await orm.em.fork().nativeUpdate(
        WebhookDeliveryEntity,
        { id: c.id, status: 'PENDING' },
        {
          status: delivered ? 'DELIVERED' : gaveUp ? 'FAILED' : 'PENDING',
          lastStatus: result.status,
          lastError: result.error,
          deliveredAt: delivered ? at : null,
          nextAttemptAt: delivered || gaveUp ? null : new Date(at.getTime() + retryDelayMs(c.attempts, settings.retryBaseMs, settings.retryCapMs)),
        },
      );
      logger.debug({ deliveryId: c.id, attempt: c.attempts, status: result.status, delivered }, 'webhook attempt');
    }),
  );
  return claimed.length;
}

/** The delivery worker of a notifications process. */
export function startWebhookWorker(runtime: SubgraphRuntime): () => Promise<void> {
  const settings = settingsFor(runtime.orm.em.fork());
  const job = startPeriodicJob(
    'webhook-deliveries',
    settings.pollMs,
    async () => {
      // Drain what is due, a batch at a time.
      while ((await deliverDue(runtime.orm, runtime.now, runtime.logger)) === BATCH);
    },
    runtime.logger,
  );
  return job.stop;
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { dialectOf } from '@linli/events';
import { ADMIN_ROLES, checkPageSize, forbidden, hasRole, notFound, badInput, type Actor } from '@linli/platform';
import { decodeCursor, keysetPast, nodeInScope, OrgNodeSchema, toPage, type Command, type Page } from '@linli/subgraph-kit';
import { webhookSettings } from '../env';
import { checkKinds, checkSecret, checkWebhookUrl } from './webhook.rules';
import { resolveTarget, TargetNotAllowed } from './webhook.target';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';

export const settingsFor = (em: EntityManager) => webhookSettings(dialectOf(em) === 'sqlite');

/** Staff or admins acting for the organisation's scope (contract "Webhooks"). */
async function requireWebhookAdmin(em: EntityManager, actor: Actor, organisationId: string): Promise<void> {
  if (!hasRole(actor, ...ADMIN_ROLES, 'HANDLER_STAFF')) throw forbidden();
  const org = await em.findOne(OrgNodeSchema, { id: organisationId });
  if (!org) throw notFound('Organisation');
  if (!nodeInScope(actor, org)) throw forbidden();
}

export interface RegisterWebhookArgs {
  organisationId: string;
  url: string;
  secret: string;
  kinds: string[];
}

export async function registerWebhook(em: EntityManager, cmd: Command, input: RegisterWebhookArgs): Promise<WebhookEntity> {
  await requireWebhookAdmin(em, cmd.actor, input.organisationId);
  const { allowPrivate } = settingsFor(em);
  const url = checkWebhookUrl(input.url, allowPrivate);
  const secret = checkSecret(input.secret);
  const kinds = checkKinds(input.kinds);
  // Checked again at every delivery: what a name resolves to may change.
  await resolveTarget(url, allowPrivate).catch((err: unknown) => {
    throw badInput('url', err instanceof TargetNotAllowed ? 'url must reach a public address' : 'url cannot be resolved');
  });
  return em.create(WebhookEntity, {
    id: randomUUID(),
    organisationId: input.organisationId,
    url: url.toString(),
    secret,
    kinds,
    active: true,
    createdById: cmd.actor.personId,
    createdAt: cmd.now,
  });
}

async function webhookFor(em: EntityManager, actor: Actor, id: string): Promise<WebhookEntity> {
  const hook = await em.findOne(WebhookEntity, { id });
  if (!hook) throw notFound('Webhook');
  await requireWebhookAdmin(em, actor, hook.organisationId);
  return hook;
}

/** Stops deliveries: the pending ones are left failed. */
export async function disableWebhook(em: EntityManager, cmd: Command, id: string): Promise<WebhookEntity> {
  const hook = await webhookFor(em, cmd.actor, id);
  hook.active = false;
  await em.nativeUpdate(WebhookDeliveryEntity, { webhookId: id, status: 'PENDING' }, { status: 'FAILED', lastError: 'webhook disabled', nextAttemptAt: null });
  return hook;
}

/** A webhook's deliveries, newest first, for the people who may register it. */
export async function webhookDeliveries(
  em: EntityManager,
  actor: Actor,
  webhookId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Page<WebhookDeliveryEntity>> {
  await webhookFor(em, actor, webhookId);
  const first = checkPageSize(args.first);
  const cursor = decodeCursor(args.after);
  const where = cursor ? { webhookId, ...keysetPast<WebhookDeliveryEntity>(em, cursor) } : { webhookId };
  const [rows, total] = await Promise.all([
    em.find(WebhookDeliveryEntity, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 }),
    em.count(WebhookDeliveryEntity, { webhookId }),
  ]);
  return toPage(rows, first, total, (r) => r);
}

/** Queues a delivery of each organisation notification to that organisation's active webhooks of its kind (in the notification's transaction). */
export async function createDeliveries(
  em: EntityManager,
  notifications: readonly { id: string; recipient: string; kind: string; title: string; body: string; createdAt: Date; ticketId: string | null; proposalId: string | null; organisationId: string | null }[],
  now: Date,
): Promise<void> {
  const orgs = [...new Set(notifications.filter((n) => n.recipient.startsWith('O:')).map((n) => n.recipient.slice(2)))];
  if (!orgs.length) return;
  const hooks = await em.find(WebhookEntity, { organisationId: { $in: orgs }, active: true });
  for (const n of notifications) {
    for (const hook of hooks) {
      if (`O:${hook.organisationId}` !== n.recipient || !hook.kinds.includes(n.kind)) continue;
      const id = randomUUID();
      const body = JSON.stringify({
        id,
        kind: n.kind,
        organisationId: hook.organisationId,
        notification: {
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          createdAt: n.createdAt.toISOString(),
          ticketId: n.ticketId,
          proposalId: n.proposalId,
          organisationId: n.organisationId,
        },
      });
      em.create(WebhookDeliveryEntity, {
        id,
        webhookId: hook.id,
        notificationId: n.id,
        body,
        status: 'PENDING',
        attempts: 0,
        lastStatus: null,
        lastError: null,
        deliveredAt: null,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
}

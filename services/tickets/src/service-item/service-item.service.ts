import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { HANDLING_KINDS, badInput, checkName, forbidden, hasRole, isHandlingKind, notFound } from '@linli/platform';
import { nodeInScope, orgNodes, type Command, type OrgNode } from '@linli/subgraph-kit';
import { COMMUNITY_WRITERS } from '../ticket/ticket.access';
import { ServiceItemEntity } from './service-item.entity';
import { checkPrice, updatedPrice } from './service-item.rules';
import type { CreateServiceItemInput, UpdateServiceItemInput } from './service-item.type';

/** A provider is merely referenced (it may lie outside the scope) but must exist and handle work. */
function checkProvider(provider: OrgNode | undefined): OrgNode {
  if (!provider) throw badInput('providerId', 'providerId is not a known organisation');
  if (!isHandlingKind(provider.kind)) throw badInput('providerId', `A provider must be an organisation that handles work (${HANDLING_KINDS.join(', ')})`);
  return provider;
}

/** The item to change, written in its community's scope (as creating it was). */
async function itemForWrite(em: EntityManager, { actor }: Command, id: string): Promise<ServiceItemEntity> {
  if (!hasRole(actor, ...COMMUNITY_WRITERS)) throw forbidden();
  const item = await em.findOne(ServiceItemEntity, { id });
  if (!item) throw notFound('Service item');
  const community = (await orgNodes(em, [item.communityId])).get(item.communityId);
  if (!community || !nodeInScope(actor, community)) throw forbidden();
  return item;
}

/**
 * Adds an item to a community's menu: written in the community's scope; the
 * provider is merely referenced and may lie outside it, but must exist and
 * handle work.
 */
export async function createServiceItem(em: EntityManager, { actor, now }: Command, input: CreateServiceItemInput): Promise<ServiceItemEntity> {
  if (!hasRole(actor, ...COMMUNITY_WRITERS)) throw forbidden();
  const name = checkName('name', input.name);
  const priceCents = checkPrice(input.free, input.priceCents);
  const nodes = await orgNodes(em, [input.communityId, input.providerId]);
  const community = nodes.get(input.communityId);
  if (!community) throw notFound('Community');
  if (!nodeInScope(actor, community)) throw forbidden();
  if (community.kind !== 'COMMUNITY') throw badInput('communityId', 'communityId must be a COMMUNITY');
  const provider = checkProvider(nodes.get(input.providerId));

  return em.create(ServiceItemEntity, {
    id: randomUUID(),
    communityId: community.id,
    name,
    category: input.category,
    free: input.free,
    priceCents,
    providerId: provider.id,
    createdAt: now,
  });
}

/** Changes what an item names, by the rules and in the scope of createServiceItem; omitted fields stay. */
export async function updateServiceItem(em: EntityManager, cmd: Command, id: string, input: UpdateServiceItemInput): Promise<ServiceItemEntity> {
  if (!hasRole(cmd.actor, ...COMMUNITY_WRITERS)) throw forbidden();
  const name = input.name !== undefined && input.name !== null ? checkName('name', input.name) : undefined;
  const item = await itemForWrite(em, cmd, id);
  const price = updatedPrice(item, input);
  if (input.providerId) item.providerId = checkProvider((await orgNodes(em, [input.providerId])).get(input.providerId)).id;
  if (name !== undefined) item.name = name;
  if (input.category) item.category = input.category;
  item.free = price.free;
  item.priceCents = price.priceCents;
  return item;
}

/** Takes an item off the menu (contract): it stays readable from the tickets that chose it. Retiring twice changes nothing. */
export async function retireServiceItem(em: EntityManager, cmd: Command, id: string): Promise<ServiceItemEntity> {
  const item = await itemForWrite(em, cmd, id);
  item.retiredAt ??= cmd.now;
  return item;
}

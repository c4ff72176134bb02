import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { HANDLING_KINDS, badInput, checkName, forbidden, hasRole, isHandlingKind, notFound } from '@linli/platform';
import { nodeInScope, orgNodes, type Command } from '@linli/subgraph-kit';
import { COMMUNITY_WRITERS } from '../ticket/ticket.access';
import { ServiceItemEntity } from './service-item.entity';
import { checkPrice } from './service-item.rules';
import type { CreateServiceItemInput } from './service-item.type';

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
  const provider = nodes.get(input.providerId);
  if (!provider) throw badInput('providerId', 'providerId is not a known organisation');
  if (!isHandlingKind(provider.kind)) throw badInput('providerId', `A provider must be an organisation that handles work (${HANDLING_KINDS.join(', ')})`);

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

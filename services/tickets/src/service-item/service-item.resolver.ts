import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { notFound } from '@linli/platform';
import { byIds, orgNodes, type SubgraphContext } from '@linli/subgraph-kit';
import { ServiceItemEntity } from './service-item.entity';
import { createServiceItem, retireServiceItem, updateServiceItem } from './service-item.service';
import { CreateServiceItemInput, CreateServiceItemPayload, ServiceItem, ServiceItemPayload, toServiceItem, UpdateServiceItemInput } from './service-item.type';

/** Batched by id for `Ticket.serviceItem`; the menu is public, so no scoping. */
export const serviceItemById = (ctx: SubgraphContext, id: string) =>
  ctx.loaders.load('serviceItem', id, (ids) =>
    ctx.em.find(ServiceItemEntity, { id: { $in: [...ids] } }).then((rows) => byIds(ids, rows.map(toServiceItem))),
  );

@Resolver(() => ServiceItem)
export class ServiceItemResolver {
  /** Open to every authenticated caller (contract: the service menu is public). */
  @Query(() => [ServiceItem], { description: "A community's service menu, by category then name. Open to every authenticated caller; NOT_FOUND when the id is not a community." })
  async serviceMenu(@Arg('communityId', () => ID, { description: 'The community.' }) communityId: string, @Ctx() ctx: SubgraphContext): Promise<ServiceItem[]> {
    const community = (await orgNodes(ctx.em, [communityId])).get(communityId);
    if (!community || community.kind !== 'COMMUNITY') throw notFound('Community');
    const rows = await ctx.em.find(ServiceItemEntity, { communityId, retiredAt: null }, { orderBy: { category: 'asc', name: 'asc', id: 'asc' } });
    return rows.map(toServiceItem);
  }

  @Mutation(() => CreateServiceItemPayload, {
    description: 'Adds an item to the menu of a community of the caller’s scope (admins and community staff; FORBIDDEN otherwise). NOT_FOUND for an unknown community, BAD_USER_INPUT for bad fields or a provider that does not handle work.',
  })
  async createServiceItem(@Arg('input', { description: 'The new item.' }) input: CreateServiceItemInput, @Ctx() ctx: SubgraphContext): Promise<CreateServiceItemPayload> {
    const cmd = ctx.command();
    return { serviceItem: toServiceItem(await ctx.transact((em) => createServiceItem(em, cmd, input))) };
  }

  @Mutation(() => ServiceItemPayload, { description: 'Changes what the item names; omitted fields stay. Staff and admins of its community.' })
  async updateServiceItem(
    @Arg('id', () => ID, { description: 'An item of the caller’s community (FORBIDDEN outside it, NOT_FOUND if unknown).' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateServiceItemInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ServiceItemPayload> {
    const cmd = ctx.command();
    return { serviceItem: toServiceItem(await ctx.transact((em) => updateServiceItem(em, cmd, id, input))) };
  }

  @Mutation(() => ServiceItemPayload, { description: 'Takes the item off the menu (retiredAt); tickets that chose it still show it.' })
  async retireServiceItem(@Arg('id', () => ID, { description: 'An item of the caller’s community (FORBIDDEN outside it, NOT_FOUND if unknown).' }) id: string, @Ctx() ctx: SubgraphContext): Promise<ServiceItemPayload> {
    const cmd = ctx.command();
    return { serviceItem: toServiceItem(await ctx.transact((em) => retireServiceItem(em, cmd, id))) };
  }
}

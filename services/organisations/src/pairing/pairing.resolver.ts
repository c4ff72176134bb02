import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '@linli/subgraph-kit';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation } from '../organisation/organisation.type';
import { organisationById } from '../organisation/organisation.loaders';
import { endPairing, listPairings, registerPairing } from './pairing.service';
import { Pairing, RegisterPairingInput, RegisterPairingPayload, toPairing } from './pairing.type';

@Resolver(() => Pairing)
export class PairingResolver {
  @Query(() => [Pairing], { description: "Current and ended pairings of a community, newest first: staff and admins of the community's scope." })
  async pairings(@Arg('communityId', () => ID, { description: 'A COMMUNITY in the caller’s scope (FORBIDDEN otherwise, NOT_FOUND if unknown).' }) communityId: string, @Ctx() ctx: SubgraphContext): Promise<Pairing[]> {
    return (await listPairings(ctx.em, ctx, communityId)).map(toPairing);
  }

  @Mutation(() => RegisterPairingPayload, { description: 'Street and district admins. CONFLICT when already ended.' })
  async endPairing(@Arg('id', () => ID, { description: 'The pairing (NOT_FOUND if unknown).' }) id: string, @Arg('until', () => DateScalar, { description: 'Its last day, not before it began (BAD_USER_INPUT otherwise).' }) until: string, @Ctx() ctx: SubgraphContext): Promise<RegisterPairingPayload> {
    const cmd = ctx.command();
    return { pairing: toPairing(await ctx.transact((em) => endPairing(em, cmd, id, until))) };
  }

  @Mutation(() => RegisterPairingPayload, { description: 'Pairs a department with a community (street and district admins of the community’s scope; FORBIDDEN otherwise). CONFLICT when already paired.' })
  async registerPairing(@Arg('input', { description: 'The pairing.' }) input: RegisterPairingInput, @Ctx() ctx: SubgraphContext): Promise<RegisterPairingPayload> {
    const cmd = ctx.command();
    return { pairing: toPairing(await ctx.transact((em) => registerPairing(em, cmd, input))) };
  }

  @FieldResolver(() => Organisation, { description: 'The paired government department.' })
  department(@Root() p: Pairing, @Ctx() ctx: SubgraphContext) {
    return organisationById(ctx, p.departmentId);
  }

  @FieldResolver(() => Organisation, { description: 'The paired community.' })
  community(@Root() p: Pairing, @Ctx() ctx: SubgraphContext) {
    return organisationById(ctx, p.communityId);
  }
}

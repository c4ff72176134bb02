import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation } from '../organisation/organisation.type';
import { organisationById } from '../organisation/organisation.loaders';
import { registerPairing } from './pairing.service';
import { Pairing, RegisterPairingInput, RegisterPairingPayload, toPairing } from './pairing.type';

@Resolver(() => Pairing)
export class PairingResolver {
  @Mutation(() => RegisterPairingPayload)
  async registerPairing(@Arg('input') input: RegisterPairingInput, @Ctx() ctx: SubgraphContext): Promise<RegisterPairingPayload> {
    const cmd = ctx.command();
    return { pairing: toPairing(await ctx.transact((em) => registerPairing(em, cmd, input))) };
  }

  @FieldResolver(() => Organisation)
  department(@Root() p: Pairing, @Ctx() ctx: SubgraphContext) {
    return organisationById(ctx, p.departmentId);
  }

  @FieldResolver(() => Organisation)
  community(@Root() p: Pairing, @Ctx() ctx: SubgraphContext) {
    return organisationById(ctx, p.communityId);
  }
}

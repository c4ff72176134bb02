import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation } from '../organisation/organisation.type';
import { organisationById } from '../organisation/organisation.loaders';
import { registerPairing } from './pairing.service';
import { Pairing, RegisterPairingInput, RegisterPairingPayload, toPairing } from './pairing.type';

@Resolver(() => Pairing)
export class PairingResolver {
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

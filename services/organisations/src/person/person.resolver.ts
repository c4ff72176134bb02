import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { forbidden } from '@linli/platform';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { personById } from './person.loaders';
import { registerPerson } from './person.service';
import { Person, RegisterPersonInput, RegisterPersonPayload } from './person.type';

@Resolver(() => Person)
export class PersonResolver {
  /** FORBIDDEN outside the caller's scope; the same rule as the reference resolver. */
  @Query(() => Person, { nullable: true })
  async person(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Person | null> {
    const person = await personById(ctx, id);
    if (!person) {
      // Hide whether the person exists: not-found and out-of-scope look alike to the caller.
      throw forbidden();
    }
    return person;
  }

  @Mutation(() => RegisterPersonPayload)
  async registerPerson(@Arg('input') input: RegisterPersonInput, @Ctx() ctx: SubgraphContext): Promise<RegisterPersonPayload> {
    const cmd = ctx.command();
    const row = await ctx.transact((em) => registerPerson(em, cmd, input));
    // Shown by the same rules as any read: the caller registered them in its own scope.
    return { person: (await personById(ctx, row.id))! };
  }
}

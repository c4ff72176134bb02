import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { forbidden } from '@linli/platform';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { personById } from './person.loaders';
import { registerPerson } from './person.service';
import { Person, RegisterPersonInput, RegisterPersonPayload } from './person.type';

@Resolver(() => Person)
export class PersonResolver {
  /** FORBIDDEN outside the caller's scope; the same rule as the reference resolver. */
  @Query(() => Person, { nullable: true, description: 'One person of the caller’s scope. FORBIDDEN when unknown or outside the scope (the two look alike).' })
  async person(@Arg('id', () => ID, { description: 'The person’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Person | null> {
    const person = await personById(ctx, id);
    if (!person) {
      // Hide whether the person exists: not-found and out-of-scope look alike to the caller.
      throw forbidden();
    }
    return person;
  }

  @Mutation(() => RegisterPersonPayload, {
    description: 'Registers a person in an organisation of the caller’s scope (any staff or admin role; FORBIDDEN otherwise). NOT_FOUND for an unknown organisation, BAD_USER_INPUT for bad fields, CONFLICT for a phone already registered.',
  })
  async registerPerson(@Arg('input', { description: 'The person to register.' }) input: RegisterPersonInput, @Ctx() ctx: SubgraphContext): Promise<RegisterPersonPayload> {
    const cmd = ctx.command();
    const row = await ctx.transact((em) => registerPerson(em, cmd, input));
    // Shown by the same rules as any read: the caller registered them in its own scope.
    return { person: (await personById(ctx, row.id))! };
  }
}

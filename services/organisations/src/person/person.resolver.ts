import type { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '@linli/subgraph-kit';
import { forbidden } from '@linli/platform';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { personById } from './person.loaders';
import { registerPerson } from './person.service';
import { searchPeople } from './person.search';
import { Person, RegisterPersonInput, RegisterPersonPayload } from './person.type';

const PersonConnection = Connection(Person, 'Person');

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => PersonConnection, {
    description:
      "People of the scope whose name contains `query` or whose phone ends with it (4+ digits), newest first. Staff, grid workers and admins of the scope (FORBIDDEN otherwise); phones per the personal-data rule.",
  })
  people(
    @Arg('scopeId', () => ID, { description: 'An organisation in the caller’s scope (FORBIDDEN otherwise); only people in it are found.' }) scopeId: string,
    @Arg('query', { description: 'Part of a name, or the last digits of a phone (BAD_USER_INPUT when empty or too long).' }) query: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20); anything else is BAD_USER_INPUT.' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; a tampered cursor is BAD_USER_INPUT.' }) after?: string,
  ) {
    return searchPeople(ctx, scopeId, query, first, after);
  }

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

  /** Whole phones shown to anyone but their owner are counted for the request's one PERSONAL_DATA_READ audit entry. */
  @FieldResolver(() => String, { description: 'Whole for the person themself and the staff of their scope; otherwise masked (138****5678).' })
  phone(@Root() p: Person, @Ctx() ctx: SubgraphContext): string {
    if (p.phoneWhole) ctx.audit.personalDataShown(p.id);
    return p.phone;
  }

  @Mutation(() => RegisterPersonPayload, {
    description: 'Registers a person in an organisation of the caller’s scope (any staff or admin role; FORBIDDEN otherwise). NOT_FOUND for an unknown organisation, BAD_USER_INPUT for bad fields, CONFLICT for a phone already registered.',
  })
  async registerPerson(@Arg('input', { description: 'The person to register.' }) input: RegisterPersonInput, @Ctx() ctx: SubgraphContext): Promise<RegisterPersonPayload> {
    const cmd = ctx.command();
    const attempt = () => ctx.transact((em) => registerPerson(em, cmd, input));
    // Two registrations of one phone racing: the unique index refuses the
    // second; run it again so it meets the first's row (CONFLICT or FORBIDDEN by scope).
    const result = await attempt().catch((e: unknown) => {
      if ((e as GraphQLError).extensions?.code === 'CONFLICT') return attempt();
      throw e;
    });
    if ('refused' in result) {
      // Recorded for the scope's admins, without the phone (personal data is never logged).
      ctx.logger.warn({ actorId: ctx.actor.personId, orgs: ctx.actor.orgs }, 'registerPerson refused: the phone belongs to a person outside the caller\'s scope');
      throw forbidden();
    }
    // Shown by the same rules as any read: the caller registered them in its own scope.
    return { person: (await personById(ctx, result.person.id))! };
  }
}

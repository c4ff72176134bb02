import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, Kind, parse, specifiedDirectives, type DefinitionNode, type DocumentNode } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { SubgraphContext } from '../request/context';
import { DateScalar, DateTimeScalar } from './scalars';

/** Federation 2 directives the subgraphs may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/** What the root types say in every subgraph (type-graphql cannot describe them); the fields say the rest. */
const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: 'Reads. Each field says who may call it, when it answers null and which error codes it returns; every field needs a token (UNAUTHENTICATED otherwise).',
  Mutation: 'Writes. Each field says who may call it and which error codes it returns; a rejected write changes nothing; every field needs a token (UNAUTHENTICATED otherwise).',
  Subscription: 'Live updates. Each field says who may subscribe and what it delivers; every field needs a token (UNAUTHENTICATED otherwise).',
};

/** Gives the root types their description where the subgraph left it out (the API schema describes every type). */
function describeRootTypes(doc: DocumentNode): DocumentNode {
  const definitions = doc.definitions.map((d): DefinitionNode => {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION || d.description || !ROOT_DESCRIPTIONS[d.name.value]) return d;
    return { ...d, description: { kind: Kind.STRING, value: ROOT_DESCRIPTIONS[d.name.value]! } };
  });
  return { ...doc, definitions };
}

/**
 * Loads the entities behind a batch of representations, one query for the
 * whole `_entities` call. It must scope what it returns itself: type-graphql's
 * `@Authorized` and middlewares do not run for reference resolution. Return
 * results in the order of `ids`, null for missing or invisible ones.
 */
export type ReferenceLoader = (ids: readonly string[], ctx: SubgraphContext) => Promise<(object | null)[]>;

// type-graphql's own signature takes classes as `Function`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassRef = Function;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<ClassRef>;
  /** Types not reachable from a root field (entity stubs of other subgraphs). */
  orphanedTypes?: ClassRef[];
  /** `__resolveReference` per entity type name, batched by the kit with a per-request DataLoader. */
  references?: Record<string, ReferenceLoader>;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers: build the
 * type-graphql schema, print it with its directives, prepend the federation
 * `@link`, and hand typeDefs plus resolvers to `buildSubgraphSchema`.
 */
export async function buildFederatedSchema(opts: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: opts.resolvers,
    orphanedTypes: opts.orphanedTypes,
    scalarsMap: [
      { type: Date, scalar: DateTimeScalar },
    ],
    directives: [...specifiedDirectives],
    // A subgraph only declares its Subscription fields (the supergraph needs
    // the root type); the gateway serves them over SSE. type-graphql insists
    // on a PubSub once one is declared: this one never delivers anything.
    pubSub: { publish: () => undefined, subscribe: () => (async function* () {})() },
    validate: false,
    skipCheck: true,
    emitSchemaFile: false,
  });
  const typeDefs = describeRootTypes(parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`));
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<SubgraphContext>;
  for (const [typeName, load] of Object.entries(opts.references ?? {})) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
        ctx.loaders.load(`ref:${typeName}`, ref.id, (ids) => load(ids, ctx)),
    } as never;
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}

export { DateScalar, DateTimeScalar };

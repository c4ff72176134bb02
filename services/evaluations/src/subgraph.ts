import { Query, Resolver } from 'type-graphql';
import { OrgNodeSchema, orgProjectionHandlers, type SubgraphDefinition } from '@linli/subgraph-kit';
import { migrations } from './migrations';

/**
 * Placeholder root field until the evaluations domain lands (its issue replaces it):
 * a subgraph needs one root field to compose.
 */
@Resolver()
class EvaluationsStatusResolver {
  @Query(() => String, { description: 'Version of the evaluations subgraph schema.' })
  evaluationsSchemaVersion(): string {
    return '0';
  }
}

export const evaluationsSubgraph: SubgraphDefinition = {
  name: 'evaluations',
  entities: [OrgNodeSchema],
  migrations,
  schema: { resolvers: [EvaluationsStatusResolver] },
  consumers: { ...orgProjectionHandlers },
};

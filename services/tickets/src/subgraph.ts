import { Query, Resolver } from 'type-graphql';
import { OrgNodeSchema, orgProjectionHandlers, type SubgraphDefinition } from '@linli/subgraph-kit';
import { migrations } from './migrations';

/**
 * Placeholder root field until the tickets domain lands (its issue replaces it):
 * a subgraph needs one root field to compose.
 */
@Resolver()
class TicketsStatusResolver {
  @Query(() => String, { description: 'Version of the tickets subgraph schema.' })
  ticketsSchemaVersion(): string {
    return '0';
  }
}

export const ticketsSubgraph: SubgraphDefinition = {
  name: 'tickets',
  entities: [OrgNodeSchema],
  migrations,
  schema: { resolvers: [TicketsStatusResolver] },
  consumers: { ...orgProjectionHandlers },
};

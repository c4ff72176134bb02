import { OrgNodeSchema, orgProjectionHandlers, type SubgraphDefinition } from '@linli/subgraph-kit';
import { GridEntity } from './grid/grid.entity';
import { GridResolver, loadGrids, OrganisationGridsResolver } from './grid/grid.resolver';
import { organisationRef } from './organisation/organisation.type';
import { migrations } from './migrations';

/** The grids subgraph: the territory (compounds, the grid tree, grid staff, visits). */
export const gridsSubgraph: SubgraphDefinition = {
  name: 'grids',
  entities: [GridEntity, OrgNodeSchema],
  migrations,
  schema: {
    resolvers: [GridResolver, OrganisationGridsResolver],
    references: {
      Grid: (ids, ctx) => loadGrids(ctx, ids),
      // Organisations are public; this subgraph only adds fields keyed by id.
      Organisation: async (ids) => ids.map(organisationRef),
    },
  },
  consumers: { ...orgProjectionHandlers },
};

import { OrgNodeSchema, PersonPlacementSchema, orgProjectionHandlers, personPlacementBatch, personPlacementHandlers, type SubgraphDefinition } from '@linli/subgraph-kit';
import { CompoundEntity, CompoundManagementEntity } from './compound/compound.entity';
import { compoundConsumers } from './compound/compound.consumers';
import { loadCompounds } from './compound/compound.loaders';
import { CompoundManagementTermResolver, CompoundResolver, GridCompoundResolver, OrganisationCompoundsResolver } from './compound/compound.resolver';
import { CoverageResolver } from './coverage/coverage.resolver';
import { GridCellEntity, GridEntity } from './grid/grid.entity';
import { loadGrids } from './grid/grid.loaders';
import { GridResolver, OrganisationGridsResolver } from './grid/grid.resolver';
import { organisationRef } from './organisation/organisation.type';
import { GridStaffEntity } from './staff/staff.entity';
import { GridStaffFieldResolver, GridStaffResolver } from './staff/staff.resolver';
import { VisitEntity } from './visit/visit.entity';
import { VisitComplianceResolver, VisitResolver } from './visit/visit.resolver';
import { migrations } from './migrations';

/** The grids subgraph: the territory (compounds, the grid tree, grid staff, visits, coverage). */
export const gridsSubgraph: SubgraphDefinition = {
  name: 'grids',
  entities: [CompoundEntity, CompoundManagementEntity, GridEntity, GridCellEntity, GridStaffEntity, VisitEntity, OrgNodeSchema, PersonPlacementSchema],
  migrations,
  schema: {
    resolvers: [
      CompoundResolver,
      CompoundManagementTermResolver,
      GridCompoundResolver,
      OrganisationCompoundsResolver,
      GridResolver,
      OrganisationGridsResolver,
      GridStaffResolver,
      GridStaffFieldResolver,
      VisitResolver,
      VisitComplianceResolver,
      CoverageResolver,
    ],
    references: {
      // Grids and compounds are public (contract): one query per `_entities` call, no scoping needed.
      Grid: (ids, ctx) => loadGrids(ctx, ids),
      Compound: (ids, ctx) => loadCompounds(ctx, ids),
      // Organisations are public; this subgraph only adds fields keyed by id.
      Organisation: async (ids) => ids.map(organisationRef),
    },
  },
  consumers: { ...orgProjectionHandlers, ...personPlacementHandlers, ...compoundConsumers },
  batchConsumers: [personPlacementBatch],
};

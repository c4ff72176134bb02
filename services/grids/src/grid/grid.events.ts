import type { GridStateV1 } from '@linli/events';
import type { OrgNode } from '@linli/subgraph-kit';
import { ancestorIdsOf } from '../organisation/organisation.scope';
import { gridAncestors } from './grid.rules';
import type { GridEntity } from './grid.entity';

/** The complete state other services project (contract GridStateV1): community chain and grid chain included, and the change number (`countChange` first). */
export function gridState(row: GridEntity, community: OrgNode): GridStateV1 {
  return {
    gridId: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    communityId: row.communityId,
    communityAncestorIds: ancestorIdsOf(community),
    compoundId: row.compoundId,
    parentId: row.parentId,
    ancestorGridIds: gridAncestors(row.path),
    sequence: row.version,
  };
}

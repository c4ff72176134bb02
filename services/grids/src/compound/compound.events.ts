import type { CompoundStateV1 } from '@linli/events';
import type { OrgNode } from '@linli/subgraph-kit';
import { ancestorIdsOf } from '../organisation/organisation.scope';
import type { CompoundEntity } from './compound.entity';

/** The complete state other services project (contract CompoundStateV1), with the community's chain and the change number (`countChange` first). */
export function compoundState(row: CompoundEntity, community: OrgNode): CompoundStateV1 {
  return {
    compoundId: row.id,
    name: row.name,
    communityId: row.communityId,
    communityAncestorIds: ancestorIdsOf(community),
    households: row.households,
    managementMode: row.managementMode,
    propertyFirmId: row.propertyFirmId,
    partyOrganisationId: row.partyOrganisationId,
    ownersCommitteeId: row.ownersCommitteeId,
    sequence: row.version,
  };
}

import { defineEvent } from './envelope';

// Contracts produced by the grids service: the territory other services scope
// by. Every payload names the community and its ancestor chain so consumers
// can scope without calling the grids or organisations subgraphs.

export type ManagementMode = 'COMMERCIAL' | 'COMMUNITY_MANAGED' | 'SELF_MANAGED' | 'NONE';
export type GridLevel = 'COMMUNITY_AREA' | 'COMPOUND' | 'BUILDING_UNIT';

export interface CompoundStateV1 {
  compoundId: string;
  name: string;
  communityId: string;
  /** The community's ancestors, root first, excluding the community itself. */
  communityAncestorIds: string[];
  households: number;
  managementMode: ManagementMode;
  /** The property firm managing it now; null unless COMMERCIAL. */
  propertyFirmId: string | null;
  partyOrganisationId: string | null;
  ownersCommitteeId: string | null;
  /**
   * The compound's change number (1 at creation, +1 per change), in the
   * producer's order: consumers apply a change only over an older one, so
   * copies converge whatever the delivery order, same-millisecond changes and
   * skewed producer clocks included. Optional: absent before the third release.
   */
  sequence?: number;
}

export interface CompoundFirmChangedV1 extends CompoundStateV1 {
  previousFirmId: string | null;
  /** When the new firm took over (the change's commit time). */
  changedAt: string;
}

export interface GridStateV1 {
  gridId: string;
  code: string;
  name: string;
  level: GridLevel;
  communityId: string;
  communityAncestorIds: string[];
  /** The compound the grid covers, when it lies in one. */
  compoundId: string | null;
  parentId: string | null;
  /** Ancestor grids, root first, excluding the grid itself. */
  ancestorGridIds: string[];
  /** The grid's change number (1 at creation, +1 per change): see CompoundStateV1.sequence. */
  sequence?: number;
}

export interface GridRetiredV1 extends GridStateV1 {
  /** When the grid was retired: it takes no new tickets from then on. */
  retiredAt: string;
}

export interface GridStaffV1 {
  assignmentId: string;
  gridId: string;
  personId: string;
  role: string;
  communityId: string;
}

export const CompoundCreated = defineEvent<CompoundStateV1>()('grids.compound.created', 1, 'A residential compound (小区) was registered in a community.');

export const CompoundFirmChanged = defineEvent<CompoundFirmChangedV1>()(
  'grids.compound.firmChanged',
  1,
  'The management mode or property firm of a compound changed (the history of which firm managed it when).',
);

export const CompoundOrganisationsSet = defineEvent<CompoundStateV1>()(
  'grids.compound.organisationsSet',
  1,
  "A compound's party organisation or owners' committee changed.",
);

export const GridCreated = defineEvent<GridStateV1>()('grids.grid.created', 1, 'A grid was created in the grid tree.');

export const GridMoved = defineEvent<GridStateV1>()(
  'grids.grid.moved',
  1,
  "A grid got a new parent (and so new ancestors); descendants' chains are re-derived by consumers.",
);

export const CompoundUpdated = defineEvent<CompoundStateV1>()(
  'grids.compound.updated',
  1,
  "A compound's name, address or household count changed (updateCompound).",
);

export const GridUpdated = defineEvent<GridStateV1>()(
  'grids.grid.updated',
  1,
  "A grid's name, counts or boundary changed (updateGrid); its level, compound and place never change this way.",
);

export const GridRetired = defineEvent<GridRetiredV1>()('grids.grid.retired', 1, 'A grid was retired: no longer found by gridAt, it takes no new tickets.');

export const GridStaffAssigned = defineEvent<GridStaffV1>()('grids.staff.assigned', 1, 'A person was assigned to a grid in a role.');

export const GridStaffUnassigned = defineEvent<GridStaffV1>()('grids.staff.unassigned', 1, "A person's grid assignment ended.");

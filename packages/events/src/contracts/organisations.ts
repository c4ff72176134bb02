import { defineEvent } from './envelope';

// Contracts produced by the organisations service. Payloads carry what
// consumers need to keep their own read models (ids, names, the ancestor
// chain for scope checks) and no personal data beyond a display name.

export type OrganisationKind = string;

export interface OrganisationCreatedV1 {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  /** Root first, excluding the organisation itself; [] for a root. */
  ancestorIds: string[];
  /**
   * The organisation's change number (1 at creation, +1 per change), in the
   * producer's order: consumers apply a change only over an older one, so
   * copies converge whatever the delivery order. Optional: absent before the
   * second release.
   */
  sequence?: number;
}

export interface OrganisationRenamedV1 {
  organisationId: string;
  name: string;
  /** The organisation's change number: see OrganisationCreatedV1.sequence. */
  sequence?: number;
}

export interface OrganisationMovedV1 {
  organisationId: string;
  /** The new parent; null when it became a root. */
  parentId: string | null;
  /** The new chain, root first, excluding the organisation itself. */
  ancestorIds: string[];
  /** The organisation's change number: see OrganisationCreatedV1.sequence. */
  sequence?: number;
}

export interface OrganisationDeactivatedV1 {
  organisationId: string;
  reason: string;
}

export interface PersonRegisteredV1 {
  personId: string;
  /** Display name only: phone numbers and other personal data stay in the organisations service. */
  name: string;
  /**
   * The organisation in whose scope the person was registered; null when a
   * caller acting for no organisation (a SYSTEM_ADMIN) registered them.
   * Optional: absent in events of the first release.
   */
  organisationId?: string | null;
}

/**
 * Where a person is placed now: every organisation whose scope holds them
 * (registration, posts, grid assignments, tickets, dispatches in force). The
 * whole set, so a consumer keeps the newest (`asOf`) and converges whatever
 * the order of delivery. No personal data: ids only.
 */
export interface PersonPlacedV1 {
  personId: string;
  organisationIds: string[];
  /** ISO instant of the change; a consumer ignores a placement older than the one it holds. */
  asOf: string;
}

export const OrganisationCreated = defineEvent<OrganisationCreatedV1>()(
  'organisations.organisation.created',
  1,
  'An organisation was created under a parent (or as a root).',
);

export const OrganisationRenamed = defineEvent<OrganisationRenamedV1>()('organisations.organisation.renamed', 1, 'An organisation got a new name.');

export const OrganisationMoved = defineEvent<OrganisationMovedV1>()(
  'organisations.organisation.moved',
  1,
  'An organisation moved to another parent. Only the moved organisation is announced: consumers re-derive its descendants\' ancestor chains.',
);

export const OrganisationDeactivated = defineEvent<OrganisationDeactivatedV1>()(
  'organisations.organisation.deactivated',
  1,
  'An organisation was deactivated: it takes no new dispatches, appointments, compounds or grids; its history stays.',
);

export const PersonRegistered = defineEvent<PersonRegisteredV1>()('organisations.person.registered', 1, 'A person was registered.');

export const PersonPlaced = defineEvent<PersonPlacedV1>()(
  'organisations.person.placed',
  1,
  "The organisations whose scope holds a person changed (a write may name a person only inside the caller's scope).",
);

// The register (一户一档). Households and memberships are personal data kept
// in the organisations service; these contracts carry only what other
// services (owners' decisions, fees) need: ids, territory, area and relation,
// never names or phones.

export type HouseholdRelation = 'OWNER' | 'CO_OWNER' | 'TENANT' | 'FAMILY';

export interface HouseholdStateV1 {
  householdId: string;
  compoundId: string;
  communityId: string;
  /** The community's ancestors, root first, excluding the community itself. */
  communityAncestorIds: string[];
  /** 楼栋 / 单元 / 室: an address, not personal data (no names). */
  building: string;
  unit: string | null;
  room: string;
  /** Floor area as a decimal string with at most two decimals ("89.50"): exact, never a float. */
  areaSqm: string;
  gridId: string | null;
  /** When the household was registered (a month is billed for every household registered by its first day). */
  registeredAt: string;
  /**
   * The household's change number (1 at registration, +1 per change to it or
   * to its memberships), in the producer's order: consumers apply a change
   * only over an older one. Optional: absent before the third release.
   */
  sequence?: number;
}

export interface HouseholdMembershipV1 {
  householdId: string;
  compoundId: string;
  personId: string;
  relation: HouseholdRelation;
  /** YYYY-MM-DD */
  since: string;
  /** YYYY-MM-DD; null while the membership lasts. */
  until: string | null;
  /**
   * The household's change number after this change (see
   * HouseholdStateV1.sequence): a person leaving and rejoining one household
   * is ordered by it although each membership is a row of its own.
   */
  sequence?: number;
}

export const HouseholdRegistered = defineEvent<HouseholdStateV1>()(
  'organisations.household.registered',
  1,
  'A dwelling of a compound was entered in the register (by hand or by an import).',
);

export const HouseholdUpdated = defineEvent<HouseholdStateV1>()(
  'organisations.household.updated',
  1,
  'A registered household changed (its area or grid); the payload is its whole new state.',
);

export const HouseholdMemberAdded = defineEvent<HouseholdMembershipV1>()(
  'organisations.household.memberAdded',
  1,
  'A person became a member of a household (owner, co-owner, tenant or family).',
);

export const HouseholdMemberRemoved = defineEvent<HouseholdMembershipV1>()(
  'organisations.household.memberRemoved',
  1,
  'A membership ended (`until` set); its history stays in the register.',
);

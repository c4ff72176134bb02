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
}

export interface OrganisationRenamedV1 {
  organisationId: string;
  name: string;
}

export interface OrganisationMovedV1 {
  organisationId: string;
  /** The new parent; null when it became a root. */
  parentId: string | null;
  /** The new chain, root first, excluding the organisation itself. */
  ancestorIds: string[];
}

export interface PersonRegisteredV1 {
  personId: string;
  /** Display name only: phone numbers and other personal data stay in the organisations service. */
  name: string;
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

export const PersonRegistered = defineEvent<PersonRegisteredV1>()('organisations.person.registered', 1, 'A person was registered.');

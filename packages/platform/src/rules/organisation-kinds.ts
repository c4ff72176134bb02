/** `OrganisationKind` of the contract. */
export const OrganisationKinds = [
  'DISTRICT',
  'STREET',
  'COMMUNITY',
  'PARTY_COMMITTEE',
  'PARTY_BRANCH',
  'PARTY_GROUP',
  'PROPERTY_FIRM',
  'OWNERS_COMMITTEE',
  'PROPERTY_MANAGEMENT_COMMITTEE',
  'GOVERNMENT_DEPARTMENT',
  'POLICE_STATION',
  'ENFORCEMENT_SQUAD',
  'MEDIATION_ROOM',
  'SOCIAL_ORGANISATION',
  'VOLUNTEER_TEAM',
  'ENTERPRISE',
] as const;
export type OrganisationKind = (typeof OrganisationKinds)[number];

/**
 * Kinds that handle dispatched tickets (contract "Tickets"): the only
 * dispatch targets, and the only organisations with an `assessment`.
 */
export const HANDLING_KINDS: readonly OrganisationKind[] = [
  'COMMUNITY',
  'PROPERTY_FIRM',
  'GOVERNMENT_DEPARTMENT',
  'POLICE_STATION',
  'ENFORCEMENT_SQUAD',
  'MEDIATION_ROOM',
  'SOCIAL_ORGANISATION',
  'VOLUNTEER_TEAM',
  'ENTERPRISE',
];

export const isHandlingKind = (kind: string): boolean => (HANDLING_KINDS as readonly string[]).includes(kind);

/**
 * The territory's kinds: the scopes of the dashboards that sum what lies
 * under them (coverage, fee collection, service rates), each broken down
 * into its child streets or communities (`BREAKDOWN_KINDS`).
 */
export const TERRITORIAL_KINDS: readonly OrganisationKind[] = ['DISTRICT', 'STREET', 'COMMUNITY'];
export const BREAKDOWN_KINDS: readonly OrganisationKind[] = ['STREET', 'COMMUNITY'];

export const isTerritorialKind = (kind: string): boolean => (TERRITORIAL_KINDS as readonly string[]).includes(kind);

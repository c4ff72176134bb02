/** Units that report to communities under 双报到: departments and other public-service units. */
export const PAIRABLE_KINDS = ['GOVERNMENT_DEPARTMENT', 'POLICE_STATION', 'ENFORCEMENT_SQUAD', 'ENTERPRISE', 'SOCIAL_ORGANISATION'] as const;

/** Contract: `registerPairing` is for street and district admins. */
export const PAIRING_ROLES = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN'] as const;

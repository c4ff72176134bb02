// Handling kinds (dispatch targets, the assessed organisations) are the platform's `HANDLING_KINDS`.

/** Scopes whose service rates count the tickets submitted in their territory (contract "Service rates"). */
export const TERRITORIAL_KINDS: readonly string[] = ['DISTRICT', 'STREET', 'COMMUNITY'];

/** Children listed in a service-rate breakdown: "each child street or community". */
export const BREAKDOWN_KINDS: readonly string[] = ['STREET', 'COMMUNITY'];

export const isTerritorialKind = (kind: string) => TERRITORIAL_KINDS.includes(kind);

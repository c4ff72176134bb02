/** Operations of ../shared/contract/owners.graphql not served yet; the list only shrinks (the contract test fails for one that validates). */
export const PENDING_OWNERS: readonly string[] = [];

/** Operations of ../shared/contract/notifications.graphql not served yet; the list only shrinks (the contract test fails for one that validates). */
export const PENDING_NOTIFICATIONS: readonly string[] = [];

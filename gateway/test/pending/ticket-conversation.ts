/** Operations of ../shared/contract/ticket-conversation.graphql not served yet; the list only shrinks (the contract test fails for one that validates). */
export const PENDING_TICKET_CONVERSATION: readonly string[] = [];

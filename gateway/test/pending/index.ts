import { PENDING_ANALYTICS } from './analytics';
import { PENDING_NOTIFICATIONS } from './notifications';
import { PENDING_OWNERS } from './owners';
import { PENDING_REGISTRY } from './registry';
import { PENDING_TICKET_CONVERSATION } from './ticket-conversation';

/**
 * Contract operations not served yet, one list per contract file so work on
 * different files never edits the same lines. Each list may only shrink.
 */
export const PENDING: readonly string[] = [
  ...PENDING_ANALYTICS,
  ...PENDING_NOTIFICATIONS,
  ...PENDING_OWNERS,
  ...PENDING_REGISTRY,
  ...PENDING_TICKET_CONVERSATION,
];

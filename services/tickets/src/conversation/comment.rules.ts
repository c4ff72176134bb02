import { STAFF_ROLES, hasRole } from '@linli/platform';
import { isReporter, isSystemAdmin, type TicketFacts, type Viewer } from '../ticket/ticket.access';

// Contract "Ticket conversation": anyone who may see the ticket comments;
// internal comments are written by staff and never shown to the reporter.
// Callers of these rules have already checked that the viewer sees the ticket.

/** Internal comments: staff and admin roles only (a resident never writes one). */
export const mayWriteInternal = (v: Viewer) => isSystemAdmin(v) || hasRole(v.actor, ...STAFF_ROLES);

/** Internal comments are hidden from the reporter (even a staff member who reported it) and from residents. */
export const maySeeInternal = (v: Viewer, t: Pick<TicketFacts, 'reporterId'>) => !isReporter(v, t) && mayWriteInternal(v);

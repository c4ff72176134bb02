import type { EventDefinition } from './envelope';
import {
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  HouseholdRegistered,
  HouseholdUpdated,
  OrganisationCreated,
  OrganisationMoved,
  OrganisationRenamed,
  PersonRegistered,
} from './organisations';
import {
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  GridCreated,
  GridMoved,
  GridStaffAssigned,
  GridStaffUnassigned,
} from './grids';
import {
  TicketAccepted,
  TicketCancelled,
  TicketClosed,
  TicketDispatched,
  TicketEscalated,
  TicketOverdue,
  TicketRated,
  TicketReopened,
  TicketResolved,
  TicketReturned,
  TicketSubmitted,
} from './tickets';
import { AssessmentFinalised, RectificationIssued, RectificationOverdue } from './evaluations';
import { NotificationCreated } from './notifications';

/**
 * Every event contract of the system (docs/events.md describes each). A new
 * version is added beside the old one; an existing definition never changes.
 */
export const EventCatalogue: readonly EventDefinition<string, unknown>[] = Object.freeze([
  OrganisationCreated,
  OrganisationRenamed,
  OrganisationMoved,
  PersonRegistered,
  HouseholdRegistered,
  HouseholdUpdated,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  GridCreated,
  GridMoved,
  GridStaffAssigned,
  GridStaffUnassigned,
  TicketSubmitted,
  TicketDispatched,
  TicketAccepted,
  TicketReturned,
  TicketResolved,
  TicketReopened,
  TicketRated,
  TicketEscalated,
  TicketCancelled,
  TicketClosed,
  TicketOverdue,
  RectificationIssued,
  RectificationOverdue,
  AssessmentFinalised,
  NotificationCreated,
]);

/** Looks up a contract by type and version; undefined for an event this build does not know. */
export function findEventDefinition(type: string, version: number): EventDefinition<string, unknown> | undefined {
  return EventCatalogue.find((d) => d.type === type && d.version === version);
}

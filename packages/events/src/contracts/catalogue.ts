import type { EventDefinition } from './envelope';
import {
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  HouseholdRegistered,
  HouseholdUpdated,
  OrganisationCreated,
  OrganisationDeactivated,
  OrganisationMoved,
  OrganisationRenamed,
  PersonPlaced,
  PersonRegistered,
} from './organisations';
import {
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  CompoundUpdated,
  GridCreated,
  GridMoved,
  GridRetired,
  GridUpdated,
  GridStaffAssigned,
  GridStaffUnassigned,
} from './grids';
import {
  TicketAccepted,
  TicketCancelled,
  TicketClosed,
  TicketCommented,
  TicketDispatched,
  TicketEscalated,
  TicketOverdue,
  TicketRated,
  TicketReclassified,
  TicketReopened,
  TicketResolved,
  TicketReturned,
  TicketSubmitted,
} from './tickets';
import { AuditRecorded } from './audit';
import { AssessmentChanged, AssessmentFinalised, RectificationIssued, RectificationOverdue } from './evaluations';
import { ProposalDecided, ProposalVotingOpened } from './owners';
import { NotificationCreated } from './notifications';

/**
 * Every event contract of the system (docs/events.md describes each). A new
 * version is added beside the old one; an existing definition never changes.
 */
export const EventCatalogue: readonly EventDefinition<string, unknown>[] = Object.freeze([
  ...Object.values(AuditRecorded),
  OrganisationCreated,
  OrganisationRenamed,
  OrganisationMoved,
  OrganisationDeactivated,
  PersonRegistered,
  PersonPlaced,
  HouseholdRegistered,
  HouseholdUpdated,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  CompoundUpdated,
  GridCreated,
  GridMoved,
  GridRetired,
  GridUpdated,
  GridStaffAssigned,
  GridStaffUnassigned,
  TicketSubmitted,
  TicketDispatched,
  TicketAccepted,
  TicketReturned,
  TicketResolved,
  TicketReopened,
  TicketReclassified,
  TicketRated,
  TicketEscalated,
  TicketCancelled,
  TicketClosed,
  TicketOverdue,
  TicketCommented,
  RectificationIssued,
  RectificationOverdue,
  AssessmentFinalised,
  AssessmentChanged,
  ProposalVotingOpened,
  ProposalDecided,
  NotificationCreated,
]);

/** Looks up a contract by type and version; undefined for an event this build does not know. */
export function findEventDefinition(type: string, version: number): EventDefinition<string, unknown> | undefined {
  return EventCatalogue.find((d) => d.type === type && d.version === version);
}

import { registerEnumType } from 'type-graphql';
import { EscalationLevels, Priorities, RatingVias, TicketCategories, TicketChannels, TicketStatuses, TimelineActions } from './ticket.rules';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const TicketStatusEnum = enumOf(TicketStatuses);
export const TicketActionEnum = enumOf(TimelineActions);
export const EscalationLevelEnum = enumOf(EscalationLevels);
export const PriorityEnum = enumOf(Priorities);
export const TicketCategoryEnum = enumOf(TicketCategories);
export const TicketChannelEnum = enumOf(TicketChannels);
export const RatingViaEnum = enumOf(RatingVias);

// Descriptions from the contract (README "Tickets"): the state machine, who may act, the due times.
registerEnumType(TicketStatusEnum, {
  name: 'TicketStatus',
  description: 'Where a ticket is in its state machine; any other move is INVALID_TRANSITION.',
  valuesConfig: {
    SUBMITTED: { description: 'Waiting to be dispatched at its escalation level (new, returned by its assignee, or escalated).' },
    DISPATCHED: { description: 'Assigned to an organisation that handles work; its response is due 24 h after dispatch (URGENT: 2 h).' },
    ACCEPTED: { description: 'The assignee took it on (or the reporter reopened it); its resolution is due 72 h after dispatch (URGENT: 24 h).' },
    RESOLVED: { description: 'The assignee says it is done; the reporter may rate it (closes it) or reopen it; closes by itself after 7 days without a rating.' },
    CLOSED: { description: 'Rated by the reporter, or 7 days resolved without a rating. Final.' },
    CANCELLED: { description: 'Cancelled by its reporter while still SUBMITTED. Final.' },
  },
});
registerEnumType(TicketActionEnum, {
  name: 'TicketAction',
  description: 'What a timeline entry records: one entry per transition, with the reason, feedback or comment in its note.',
  valuesConfig: {
    SUBMIT: { description: 'Reported by a resident, or by staff on their behalf.' },
    DISPATCH: { description: 'Assigned (or reassigned) to an organisation that handles work.' },
    ACCEPT: { description: 'The assignee took it on.' },
    RETURN: { description: 'The assignee gave it back (SUBMITTED again, assignee cleared).' },
    RESOLVE: { description: 'The assignee resolved it, with feedback.' },
    RATE: { description: 'The reporter rated it 1–5, which closed it.' },
    REOPEN: { description: 'The reporter said it was not fixed: ACCEPTED again, same assignee, new resolution due time.' },
    ESCALATE: { description: 'Moved one escalation level up, SUBMITTED there.' },
    CANCEL: { description: 'The reporter cancelled it.' },
    AUTO_CLOSE: { description: 'Closed by the system 7 days after its resolve without a rating.' },
    DELIBERATE: { description: 'Taken to a deliberation meeting, or resolved by its outcome.' },
    RECLASSIFY: { description: 'Community staff or a grid worker changed its category (the reason in the note); no status change.' },
    FOLLOW_UP: { description: 'A follow-up call or visit (回访) to the reporter; no status change unless its score rated the ticket (then a RATE entry follows).' },
  },
});
registerEnumType(EscalationLevelEnum, {
  name: 'EscalationLevel',
  description: 'The level that dispatches a ticket, ordered COMPOUND < COMMUNITY < STREET < DISTRICT; escalating past DISTRICT is INVALID_TRANSITION.',
  valuesConfig: {
    COMPOUND: { description: 'A compound’s grid: grid workers and community staff dispatch. Where a ticket starts when its grid belongs to a compound.' },
    COMMUNITY: { description: 'The community: grid workers and community staff dispatch. Where a ticket starts otherwise.' },
    STREET: { description: 'The street: street admins dispatch.' },
    DISTRICT: { description: 'The district: district admins dispatch. The top level.' },
  },
});
registerEnumType(PriorityEnum, {
  name: 'Priority',
  description: 'How fast a ticket must be handled.',
  valuesConfig: {
    NORMAL: { description: 'Response due 24 h and resolution 72 h after dispatch (the default).' },
    URGENT: { description: 'Response due 2 h and resolution 24 h after dispatch (24 h after a reopening).' },
  },
});
registerEnumType(TicketCategoryEnum, {
  name: 'TicketCategory',
  description: 'What kind of matter a ticket is.',
  valuesConfig: {
    PROPERTY_MANAGEMENT: { description: 'Property services in a compound: repairs, cleaning, security, green areas.' },
    ADMINISTRATIVE_ENFORCEMENT: { description: 'Matters for enforcement: illegal building, occupied passages, noise.' },
    DISPUTE: { description: 'Disputes between neighbours, owners and firms, for mediation.' },
    ASSISTANCE: { description: 'Help for people in difficulty.' },
    PUBLIC_AFFAIRS: { description: 'Public matters of the community.' },
    CONVENIENCE_SERVICE: { description: 'An item of the service menu ordered by a resident.' },
  },
});
registerEnumType(TicketChannelEnum, {
  name: 'TicketChannel',
  description: 'How a ticket reached the community.',
  valuesConfig: {
    APP: { description: 'The residents’ app.' },
    WECHAT: { description: 'A WeChat mini-program or group.' },
    HOTLINE: { description: 'A telephone hotline (12345 or the community’s).' },
    DOOR_KNOCKING: { description: 'A grid worker’s door-to-door visit.' },
    REGISTRATION_BOOK: { description: 'The paper register at the community office.' },
    MEETING: { description: 'Raised at a meeting.' },
  },
});
registerEnumType(RatingViaEnum, { name: 'RatingVia', description: 'Who gave a rating: the reporter as a resident, or a follow-up call (回访).', valuesConfig: { RESIDENT: { description: 'The reporter, a resident, rated it in the app.' }, FOLLOW_UP: { description: 'Given on a follow-up call or visit by community staff or a grid worker.' } } });

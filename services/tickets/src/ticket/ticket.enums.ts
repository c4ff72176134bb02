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

registerEnumType(TicketStatusEnum, { name: 'TicketStatus' });
registerEnumType(TicketActionEnum, { name: 'TicketAction', description: 'What a timeline entry records.' });
registerEnumType(EscalationLevelEnum, { name: 'EscalationLevel', description: 'COMPOUND < COMMUNITY < STREET < DISTRICT.' });
registerEnumType(PriorityEnum, { name: 'Priority' });
registerEnumType(TicketCategoryEnum, { name: 'TicketCategory' });
registerEnumType(TicketChannelEnum, { name: 'TicketChannel' });
registerEnumType(RatingViaEnum, { name: 'RatingVia', description: 'Who gave a rating: the reporter as a resident, or a follow-up call (回访).' });

export { ticketsSubgraph, ticketsSubgraph as subgraph } from './subgraph';
// For end-to-end tests and operators' tools: bulk seeding, running a scheduler pass by hand, telling statements apart.
export { TicketEntity, TimelineEntryEntity, TicketHandlerEntity } from './ticket/ticket.entity';
export { runSchedulerPass, SCHEDULER_COMMENT, type PassResult, type SchedulerRuntime } from './ticket/ticket.scheduler';
export { LIST_COMMENT } from './ticket/ticket.list';
export { rebuildCounts } from './ticket/ticket.count';
export { GridNodeEntity } from './projection/grid-node.entity';
// The bulk seed (infra/bench) builds histories with the service's own rules and event shapes.
export { decide, submitted, startingLevel, type TicketCommand, type TicketState, type TicketAction, type TicketStatus } from './ticket/ticket.rules';
export { stateOf, stateColumns } from './ticket/ticket.transition';
export { transitionEvent } from './ticket/ticket.events';
export { codeDay, ticketCode } from './ticket/ticket.code';
export { AUTO_CLOSE_AFTER_MS } from './ticket/ticket.due';
export { TicketCodeCounterEntity } from './ticket/ticket.entity';
export { TicketAssigneeCountEntity, TicketCountEntity } from './ticket/ticket-count.entity';

export { ticketsSubgraph, ticketsSubgraph as subgraph } from './subgraph';
// For end-to-end tests and operators' tools: bulk seeding, running a scheduler pass by hand, telling statements apart.
export { TicketEntity, TimelineEntryEntity, TicketHandlerEntity } from './ticket/ticket.entity';
export { runSchedulerPass, SCHEDULER_COMMENT, type PassResult, type SchedulerRuntime } from './ticket/ticket.scheduler';
export { LIST_COMMENT } from './ticket/ticket.list';
export { rebuildCounts } from './ticket/ticket.count';
export { GridNodeEntity } from './projection/grid-node.entity';

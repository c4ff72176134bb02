export { evaluationsSubgraph, evaluationsSubgraph as subgraph } from './subgraph';
// For the bulk seed (infra/bench): the consumers' real handlers, the write paths of inspections and finalisation, and the read models it checks.
export { evaluationsHandlers } from './consumers';
export { recordInspection } from './inspection/inspection.service';
export { finaliseAssessments } from './assessment/assessment.service';
export { TicketFactEntity } from './ticket/ticket-fact.entity';
export { InspectionEntity } from './inspection/inspection.entity';
export { FirmMonthEntity, TICKET_COUNTER_PROPS } from './assessment/firm-month.entity';
export { RateCounterEntity } from './rates/rate-counter.entity';
export { RectificationEntity } from './rectification/rectification.entity';

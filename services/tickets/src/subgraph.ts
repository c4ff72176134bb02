import { OrgNodeSchema, PersonPlacementSchema, personPlacementBatch, personPlacementHandlers, type SubgraphDefinition } from '@linli/subgraph-kit';
import { TicketAttachmentEntity } from './conversation/attachment.entity';
import { TicketAttachmentResolver, TicketAttachmentUrlResolver } from './conversation/attachment.resolver';
import { TicketCommentEntity } from './conversation/comment.entity';
import { TicketCommentResolver } from './conversation/comment.resolver';
import { TicketFollowUpEntity } from './conversation/follow-up.entity';
import { TicketFollowUpResolver } from './conversation/follow-up.resolver';
import { DeliberationEntity, DeliberationTicketEntity } from './deliberation/deliberation.entity';
import { DeliberationResolver } from './deliberation/deliberation.resolver';
import { migrations } from './migrations';
import { GridNodeEntity } from './projection/grid-node.entity';
import { projectionHandlers } from './projection/projection.handlers';
import { organisationRef } from './references/organisation.type';
import { ServiceItemEntity } from './service-item/service-item.entity';
import { ServiceItemResolver } from './service-item/service-item.resolver';
import { TicketCodeCounterEntity, TicketEntity, TicketHandlerEntity, TimelineEntryEntity } from './ticket/ticket.entity';
import { TicketAssigneeCountEntity, TicketCountEntity } from './ticket/ticket-count.entity';
import { loadVisibleTickets } from './ticket/ticket.loaders';
import { OrganisationTicketsResolver, TicketResolver } from './ticket/ticket.resolver';
import { startTicketScheduler } from './ticket/ticket.scheduler';

/**
 * The tickets subgraph: orders and reports through dispatch, acceptance,
 * resolution and rating (the ticket state machine), the service menu, and
 * the deliberations that settle hard cases. It scopes by its own copies of
 * the organisation and grid trees, fed by events.
 */
export const ticketsSubgraph: SubgraphDefinition = {
  name: 'tickets',
  entities: [
    OrgNodeSchema,
    PersonPlacementSchema,
    GridNodeEntity,
    TicketEntity,
    TimelineEntryEntity,
    TicketHandlerEntity,
    TicketCodeCounterEntity,
    TicketCountEntity,
    TicketAssigneeCountEntity,
    ServiceItemEntity,
    DeliberationEntity,
    DeliberationTicketEntity,
    TicketCommentEntity,
    TicketAttachmentEntity,
    TicketFollowUpEntity,
  ],
  migrations,
  schema: {
    resolvers: [
      TicketResolver,
      OrganisationTicketsResolver,
      ServiceItemResolver,
      DeliberationResolver,
      TicketCommentResolver,
      TicketAttachmentResolver,
      TicketAttachmentUrlResolver,
      TicketFollowUpResolver,
    ],
    references: {
      // Scoped like `ticket(id)`: null where the caller may not see the ticket.
      Ticket: (ids, ctx) => loadVisibleTickets(ctx, ids),
      // Organisations are public; this subgraph only adds `assignedTickets`.
      Organisation: async (ids) => ids.map((id) => organisationRef(id)),
    },
  },
  // Photos and documents on tickets (a directory in embedded mode, S3 in distributed mode).
  files: true,
  consumers: { ...projectionHandlers, ...personPlacementHandlers },
  batchConsumers: [personPlacementBatch],
  background: (runtime) => startTicketScheduler(runtime),
};

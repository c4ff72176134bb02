import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { checkText, forbidden } from '@linli/platform';
import { recordEvent, TicketCommented } from '@linli/events';
import { orgAncestors, type Command } from '@linli/subgraph-kit';
import { TicketCommentEntity } from './comment.entity';
import { mayWriteInternal } from './comment.rules';
import { seenTicket } from './seen-ticket';

/** 留言: anyone who may see the ticket; `internal` by staff only. The event carries no body (notifications say "new comment"). */
export async function addTicketComment(em: EntityManager, cmd: Command, ticketId: string, body: string, internal: boolean): Promise<TicketCommentEntity> {
  const text = checkText('body', body, { required: true })!;
  const { row, viewer } = await seenTicket(em, cmd.actor, ticketId);
  if (internal && !mayWriteInternal(viewer)) throw forbidden();
  const comment = em.create(TicketCommentEntity, { id: randomUUID(), ticketId: row.id, authorId: cmd.actor.personId, body: text, internal, at: cmd.now });
  const scope = orgAncestors(row.scopePath);
  recordEvent(
    em,
    TicketCommented,
    {
      ticketId: row.id,
      code: row.code,
      commentId: comment.id,
      internal,
      authorId: cmd.actor.personId,
      reporterId: row.reporterId,
      communityId: row.communityId,
      communityAncestorIds: scope.slice(0, -1),
      assigneeId: row.assigneeId,
    },
    cmd.event,
  );
  return comment;
}

import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { Ticket } from '../ticket/ticket.type';
import { TicketAttachmentEntity } from './attachment.entity';
import { LINK_TTL_MS } from './attachment.rules';
import { completeUpload, fileKey, requestUpload } from './attachment.service';
import { CompleteUploadPayload, RequestUploadInput, RequestUploadPayload, TicketAttachment, toAttachment } from './attachment.type';

@Resolver(() => Ticket)
export class TicketAttachmentResolver {
  @Mutation(() => RequestUploadPayload, {
    description:
      'SUBMISSION: the reporter or staff of the scope; RESOLUTION: the assignee\'s staff; COMMENT: anyone who may comment. JPEG, PNG, WebP or PDF, at most 10 MB, at most 9 per ticket and stage (BAD_USER_INPUT).',
  })
  async requestUpload(@Arg('input', () => RequestUploadInput, { description: 'The file to attach.' }) input: RequestUploadInput, @Ctx() ctx: SubgraphContext): Promise<RequestUploadPayload> {
    const cmd = ctx.command();
    const out = await ctx.transact((em) => requestUpload(em, cmd, ctx.files, input));
    return { ...out, attachment: toAttachment(out.attachment, null) };
  }

  @Mutation(() => CompleteUploadPayload, {
    description: 'By the uploader, before the upload URL expires: size, SHA-256 and the real type are checked (BAD_USER_INPUT otherwise); images lose their metadata.',
  })
  async completeUpload(@Arg('id', () => ID, { description: 'The pending attachment from requestUpload (NOT_FOUND when unknown).' }) id: string, @Ctx() ctx: SubgraphContext): Promise<CompleteUploadPayload> {
    const cmd = ctx.command();
    const row = await ctx.transact((em) => completeUpload(em, cmd, ctx.files, id));
    return { attachment: toAttachment(row, fileKey(row)) };
  }

  @FieldResolver(() => [TicketAttachment], { description: 'Completed attachments, oldest first.' })
  async attachments(@Root() ticket: Ticket, @Ctx() ctx: SubgraphContext): Promise<TicketAttachment[]> {
    const rows = await ctx.loaders.load('ticket.attachments', ticket.id, async (ids) => {
      const all = await ctx.em.find(
        TicketAttachmentEntity,
        { ticketId: { $in: [...ids] }, state: 'COMPLETE' },
        { orderBy: { ticketId: 'asc', uploadedAt: 'asc', id: 'asc' } },
      );
      return groupBy(ids, all, (a) => a.ticketId);
    });
    return (rows ?? []).map((r) => toAttachment(r, fileKey(r)));
  }
}

/** The link is signed per request for whoever already passed the ticket's visibility (the Ticket it hangs on is scoped). */
@Resolver(() => TicketAttachment)
export class TicketAttachmentUrlResolver {
  @FieldResolver(() => String, { nullable: true, description: 'A download link valid 15 minutes; null while the upload is pending.' })
  async url(@Root() a: TicketAttachment, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    if (!a.key || !a.uploadedAt || !ctx.files) return null;
    return ctx.files.signDownload(a.key, { now: ctx.now(), ttlSeconds: LINK_TTL_MS / 1000 }, a.fileName, a.contentType);
  }
}

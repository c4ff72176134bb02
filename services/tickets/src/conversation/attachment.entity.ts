import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { AttachmentStage } from './attachment.rules';

export type AttachmentState = 'PENDING' | 'COMPLETE';

/**
 * A file on a ticket. PENDING from `requestUpload` until `completeUpload`
 * checked the bytes and stored a cleaned copy; only COMPLETE ones are listed.
 * Objects live under ids (`tickets/<ticket>/<attachment>/…`), never under a
 * client's file name.
 */
@Entity({ tableName: 'ticket_attachment' })
@Index({ name: 'ticket_attachment_ticket_idx', properties: ['ticketId', 'stage', 'state'] })
export class TicketAttachmentEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  ticketId!: string;

  @Property({ type: 'string', length: 20 })
  stage!: AttachmentStage;

  @Property({ type: 'string', length: 10 })
  state!: AttachmentState;

  @Property({ type: 'string', length: 200 })
  fileName!: string;

  @Property({ type: 'string', length: 40 })
  contentType!: string;

  /** Declared until completed; then the stored (cleaned) file's size. */
  @Property({ type: 'integer' })
  byteSize!: number;

  /** The SHA-256 the client declared (hex, lower case). */
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 100 })
  uploadedById!: string;

  @Property({ type: 'datetime' })
  requestedAt!: Date;

  /** The upload URL's expiry: completing after it is refused. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  uploadedAt!: Date | null;
}

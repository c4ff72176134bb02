import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { AttachmentStageEnum } from './attachment.enums';
import type { TicketAttachmentEntity } from './attachment.entity';
import type { AttachmentStage } from './attachment.rules';

@ObjectType('TicketAttachment', { description: 'A photo or document on a ticket. Listed once its upload was completed and checked.' })
export class TicketAttachment {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The name the uploader gave (display only).' })
  fileName!: string;

  @Field({ description: 'image/jpeg, image/png, image/webp or application/pdf, checked from the bytes.' })
  contentType!: string;

  @Field(() => Int, { description: 'Declared until completed; then the size of the stored file (images are stored without metadata).' })
  byteSize!: number;

  @Field(() => AttachmentStageEnum)
  stage!: AttachmentStage;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When completeUpload accepted it; null while pending.' })
  uploadedAt!: Date | null;

  /** Set by the resolver: the stored object's key (never API). */
  key!: string | null;
}

export const toAttachment = (row: TicketAttachmentEntity, key: string | null): TicketAttachment =>
  Object.assign(new TicketAttachment(), {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    byteSize: row.byteSize,
    stage: row.stage,
    uploadedAt: row.uploadedAt,
    key,
  });

@ObjectType('UploadHeader', { description: 'A header the client sends with its PUT of the bytes.' })
export class UploadHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType()
export class RequestUploadPayload {
  @Field(() => TicketAttachment)
  attachment!: TicketAttachment;

  @Field({ description: 'PUT the bytes here, with uploadHeaders, before expiresAt; then call completeUpload.' })
  uploadUrl!: string;

  @Field(() => [UploadHeader])
  uploadHeaders!: UploadHeader[];

  @Field(() => DateTimeScalar, { description: '15 minutes after the request.' })
  expiresAt!: Date;
}

@ObjectType()
export class CompleteUploadPayload {
  @Field(() => TicketAttachment)
  attachment!: TicketAttachment;
}

@InputType()
export class RequestUploadInput {
  @Field(() => ID)
  ticketId!: string;

  @Field(() => AttachmentStageEnum)
  stage!: AttachmentStage;

  @Field({ description: 'Display name, 1–200 characters.' })
  fileName!: string;

  @Field({ description: 'image/jpeg, image/png, image/webp or application/pdf.' })
  contentType!: string;

  @Field(() => Int, { description: 'At most 10 MB.' })
  byteSize!: number;

  @Field({ description: 'SHA-256 of the bytes, hexadecimal.' })
  sha256!: string;
}

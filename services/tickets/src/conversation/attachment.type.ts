import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { AttachmentStageEnum } from './attachment.enums';
import type { TicketAttachmentEntity } from './attachment.entity';
import type { AttachmentStage } from './attachment.rules';

@ObjectType('TicketAttachment', { description: 'A photo or document on a ticket. Listed once its upload was completed and checked.' })
export class TicketAttachment {
  @Field(() => ID, { description: 'The attachment’s id (for completeUpload).' })
  id!: string;

  @Field({ description: 'The name the uploader gave (display only).' })
  fileName!: string;

  @Field({ description: 'image/jpeg, image/png, image/webp or application/pdf, checked from the bytes.' })
  contentType!: string;

  @Field(() => Int, { description: 'Declared until completed; then the size of the stored file (images are stored without metadata).' })
  byteSize!: number;

  @Field(() => AttachmentStageEnum, { description: 'What the file documents.' })
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
  @Field({ description: 'The header’s name.' })
  name!: string;

  @Field({ description: 'The header’s exact value.' })
  value!: string;
}

@ObjectType({ description: 'The result of requestUpload: a pending attachment and where to PUT its bytes.' })
export class RequestUploadPayload {
  @Field(() => TicketAttachment, { description: 'The pending attachment (uploadedAt null until completeUpload).' })
  attachment!: TicketAttachment;

  @Field({ description: 'PUT the bytes here, with uploadHeaders, before expiresAt; then call completeUpload.' })
  uploadUrl!: string;

  @Field(() => [UploadHeader], { description: 'Headers to send with the PUT, exactly as given.' })
  uploadHeaders!: UploadHeader[];

  @Field(() => DateTimeScalar, { description: '15 minutes after the request.' })
  expiresAt!: Date;
}

@ObjectType({ description: 'The result of completeUpload.' })
export class CompleteUploadPayload {
  @Field(() => TicketAttachment, { description: 'The checked attachment, now listed on its ticket.' })
  attachment!: TicketAttachment;
}

@InputType({ description: 'A file to attach to a ticket.' })
export class RequestUploadInput {
  @Field(() => ID, { description: 'The ticket (NOT_FOUND when unknown or out of the caller’s sight).' })
  ticketId!: string;

  @Field(() => AttachmentStageEnum, { description: 'What the file documents; decides who may upload it (FORBIDDEN otherwise).' })
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

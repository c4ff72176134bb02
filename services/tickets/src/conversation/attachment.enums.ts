import { registerEnumType } from 'type-graphql';
import { ATTACHMENT_STAGES, type AttachmentStage } from './attachment.rules';

export const AttachmentStageEnum = Object.fromEntries(ATTACHMENT_STAGES.map((s) => [s, s])) as { [K in AttachmentStage]: K };

registerEnumType(AttachmentStageEnum, {
  name: 'AttachmentStage',
  description: 'What a file documents: the report (SUBMISSION), the work done (RESOLUTION), or a comment (COMMENT).',
});

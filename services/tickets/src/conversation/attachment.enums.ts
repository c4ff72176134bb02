import { registerEnumType } from 'type-graphql';
import { ATTACHMENT_STAGES, type AttachmentStage } from './attachment.rules';

export const AttachmentStageEnum = Object.fromEntries(ATTACHMENT_STAGES.map((s) => [s, s])) as { [K in AttachmentStage]: K };

registerEnumType(AttachmentStageEnum, {
  name: 'AttachmentStage',
  description: 'What a file documents: the report (SUBMISSION), the work done (RESOLUTION), or a comment (COMMENT).',
  valuesConfig: {
    SUBMISSION: { description: 'Documents the reported problem; by the reporter or staff of the scope.' },
    RESOLUTION: { description: 'Documents the work done; by the assignee’s staff.' },
    COMMENT: { description: 'Goes with a comment; by anyone who may comment.' },
  },
});

import { on, ProposalDecided, RectificationOverdue } from '@linli/events';
import { applyOwnersDecision, markFirmUnderReview } from './compound.service';

/** Events of other services that change compounds (the kit runs each once, in its own transaction). */
export const compoundConsumers = {
  ...on(RectificationOverdue, (em, e) => markFirmUnderReview(em, e.payload)),
  ...on(ProposalDecided, (em, e) => applyOwnersDecision(em, e.payload, { correlationId: e.id })),
};

import { badInput, checkName, checkText, invalidTransition } from '@linli/platform';
import type { ProposalKind, ProposalOutcome } from '@linli/events';

export type { ProposalKind };
export const ProposalKinds: readonly ProposalKind[] = [
  'FEE_CHANGE',
  'MAINTENANCE_FUND_USE',
  'MAINTENANCE_FUND_RAISE',
  'RENOVATION',
  'COMMON_PARTS_USE',
  'FIRM_HIRE_OR_DISMISS',
  'PUBLIC_FUND_SPENDING',
  'RULES',
  'COMMITTEE_ELECTION',
  'OTHER',
];
export type ProposalThreshold = 'ORDINARY' | 'SPECIAL';
export type ProposalStatus = 'DRAFT' | 'PARTY_REVIEW' | 'COMMITTEE_REVIEW' | 'APPROVED' | 'VOTING' | ProposalOutcome;
export const ProposalStatuses: readonly ProposalStatus[] = [
  'DRAFT',
  'PARTY_REVIEW',
  'COMMITTEE_REVIEW',
  'APPROVED',
  'VOTING',
  'PASSED',
  'REJECTED',
  'NO_QUORUM',
  'REFUSED',
];
export type ReviewStage = 'PARTY' | 'COMMITTEE';
export type ProposalAction = 'SUBMIT' | 'APPROVE' | 'REFUSE' | 'OPEN_VOTING' | 'CLOSE';

/** PRC Civil Code art. 278: raising the maintenance fund, rebuilding, and changing the use of common parts need ¾. */
const SPECIAL_KINDS: readonly ProposalKind[] = ['MAINTENANCE_FUND_RAISE', 'RENOVATION', 'COMMON_PARTS_USE'];
export const thresholdOf = (kind: ProposalKind): ProposalThreshold => (SPECIAL_KINDS.includes(kind) ? 'SPECIAL' : 'ORDINARY');

const AMOUNT_KINDS: readonly ProposalKind[] = ['MAINTENANCE_FUND_USE', 'MAINTENANCE_FUND_RAISE', 'PUBLIC_FUND_SPENDING', 'RENOVATION'];
/** The API's Int: up to 21 million yuan per proposal, in cents. */
const MAX_AMOUNT_CENTS = 2_147_483_647;
const MAX_RATE_CENTS = 10_000;

export interface DraftFields {
  kind: ProposalKind;
  title: string;
  description: string | null;
  amountCents?: number | null;
  propertyFirmId?: string | null;
  centsPerSqmMonth?: number | null;
}

/**
 * Checks a draft's own fields (contract "Owners' decisions"): title 1–100,
 * description ≤ 2,000, and each kind with exactly the figures it needs: an
 * amount for spending, raising and works, a firm for hiring, a rate for a fee
 * change. A figure given to a kind that takes none is refused too, so a
 * proposal never carries a number nobody votes on.
 */
export function checkDraft(input: DraftFields): Required<DraftFields> {
  if (!ProposalKinds.includes(input.kind)) throw badInput('kind', 'kind is not a ProposalKind');
  const title = checkName('title', input.title);
  const description = checkText('description', input.description, { max: 2000 });
  const amountCents = figure('amountCents', input.amountCents, AMOUNT_KINDS.includes(input.kind), MAX_AMOUNT_CENTS);
  const centsPerSqmMonth = figure('centsPerSqmMonth', input.centsPerSqmMonth, input.kind === 'FEE_CHANGE', MAX_RATE_CENTS);
  const propertyFirmId = input.propertyFirmId ?? null;
  if (input.kind === 'FIRM_HIRE_OR_DISMISS' && !propertyFirmId) throw badInput('propertyFirmId', 'propertyFirmId is required for FIRM_HIRE_OR_DISMISS');
  if (input.kind !== 'FIRM_HIRE_OR_DISMISS' && propertyFirmId) throw badInput('propertyFirmId', 'propertyFirmId is only for FIRM_HIRE_OR_DISMISS');
  return { kind: input.kind, title, description, amountCents, propertyFirmId, centsPerSqmMonth };
}

function figure(field: string, value: number | null | undefined, required: boolean, max: number): number | null {
  if (value === null || value === undefined) {
    if (required) throw badInput(field, `${field} is required for this kind`);
    return null;
  }
  if (!required) throw badInput(field, `${field} does not apply to this kind`);
  if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(field, `${field} must be a whole number from 1 to ${max}`);
  return value;
}

/**
 * The proposal state machine: DRAFT → PARTY_REVIEW → COMMITTEE_REVIEW →
 * APPROVED → VOTING → PASSED | REJECTED | NO_QUORUM, with REFUSED from either
 * review. `outcome` is the vote's result, needed only to CLOSE. Anything else
 * is INVALID_TRANSITION.
 */
export function nextStatus(status: ProposalStatus, action: ProposalAction, outcome?: 'PASSED' | 'REJECTED' | 'NO_QUORUM'): ProposalStatus {
  switch (`${status}:${action}`) {
    case 'DRAFT:SUBMIT':
      return 'PARTY_REVIEW';
    case 'PARTY_REVIEW:APPROVE':
      return 'COMMITTEE_REVIEW';
    case 'COMMITTEE_REVIEW:APPROVE':
      return 'APPROVED';
    case 'PARTY_REVIEW:REFUSE':
    case 'COMMITTEE_REVIEW:REFUSE':
      return 'REFUSED';
    case 'APPROVED:OPEN_VOTING':
      return 'VOTING';
    case 'VOTING:CLOSE':
      if (outcome) return outcome;
  }
  throw invalidTransition(status, action);
}

/** The review a status waits for; INVALID_TRANSITION when it waits for none. */
export function reviewStageOf(status: ProposalStatus, action: 'APPROVE' | 'REFUSE'): ReviewStage {
  if (status === 'PARTY_REVIEW') return 'PARTY';
  if (status === 'COMMITTEE_REVIEW') return 'COMMITTEE';
  throw invalidTransition(status, action);
}

const DAY_MS = 24 * 3600 * 1000;

/** `closesAt` is 1 to 30 days ahead of now (contract). */
export function checkClosesAt(now: Date, closesAt: Date): Date {
  const ahead = closesAt.getTime() - now.getTime();
  if (!(ahead >= DAY_MS && ahead <= 30 * DAY_MS)) throw badInput('closesAt', 'closesAt must be 1 to 30 days ahead');
  return closesAt;
}

/**
 * Voting may be closed by hand once its time has come, or earlier once every
 * household of the electorate has voted; otherwise INVALID_TRANSITION.
 */
export function checkCanClose(status: ProposalStatus, now: Date, closesAt: Date | null, voted: number, electorate: number): void {
  if (status !== 'VOTING') throw invalidTransition(status, 'CLOSE');
  const due = !!closesAt && now.getTime() >= closesAt.getTime();
  if (!due && voted < electorate) throw invalidTransition(status, 'CLOSE');
}

/** A vote counts only while voting is open and before its closing time. */
export function checkVotingOpen(status: ProposalStatus, now: Date, closesAt: Date | null): void {
  if (status !== 'VOTING' || !closesAt || now.getTime() >= closesAt.getTime()) throw invalidTransition(status, 'VOTE');
}

export const isDecided = (status: ProposalStatus) => ['PASSED', 'REJECTED', 'NO_QUORUM', 'REFUSED'].includes(status);

import { addMonths, monthOf, parsePeriod } from '@linli/platform';
import {
  checkRate,
  checkShare,
  electorateOf,
  isBilledMonth,
  monthlyFeeCents,
  outcomeOf,
  publicFundCentsOf,
  rateFor,
  tally,
  thresholdOf,
  type Ballot,
  type Elector,
  type ProposalKind,
  type ProposalStatus,
  type RateFrom,
  type VoteChoice,
} from '@linli/owners';
import { Random } from '../../random';
import { seededUuid } from './plan';

/**
 * The owners' year, planned with the owners service's own rules (fee.rules,
 * area.rules, vote.rules, proposal.rules): first fee rates, proposals in
 * every state with the ballots that give each its outcome, the rates passed
 * FEE_CHANGE proposals bring, every household's bills and payments at a
 * collection rate drawn per compound, the public fund's credits, and the
 * spending under passed PUBLIC_FUND_SPENDING proposals. Pure: the phase
 * (fees.ts) loads the rows and runs the proposals through the service.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface FeeHousehold {
  id: string;
  areaHundredths: number;
  registeredAt: Date;
  /** An owner or co-owner now (who votes for it); null: none, not in an electorate. */
  ownerId: string | null;
}

export interface FeeCompound {
  id: string;
  communityId: string;
  managementMode: string;
  propertyFirmId: string | null;
  households: FeeHousehold[];
}

export interface PlannedRate extends RateFrom {
  compoundId: string;
  proposalId: string | null;
  /** When it was set: a rate is known to a payment made after this. */
  setAt: Date;
}

/** The fee_month, fee_payment and public_fund_entry rows, as the service's entities name their properties. */
export interface FeeMonthRow {
  householdId: string;
  month: string;
  compoundId: string;
  dueCents: number;
  billed: boolean;
  paymentId: string | null;
  paidCents: number;
}
export interface FeePaymentRow {
  id: string;
  householdId: string;
  compoundId: string;
  fromMonth: string;
  months: number;
  amountCents: number;
  publicFundCents: number;
  recordedBy: string;
  receivedAt: Date;
}
export interface FundCreditRow {
  id: string;
  compoundId: string;
  kind: 'CREDIT';
  amountCents: number;
  purpose: null;
  proposalId: null;
  paymentId: string;
  recordedBy: null;
  createdAt: Date;
}

export interface CompoundFees {
  collectionRate: number;
  bills: FeeMonthRow[];
  payments: FeePaymentRow[];
  credits: FundCreditRow[];
}

/** Each compound plans with its own generator: the same compound gives the same year whenever it is planned. */
export const compoundRandom = (seed: number, index: number) => new Random((seed * 7919 + index * 104_729) >>> 0);

/** The months of the history, first to last (the last is billed: the billing pass bills the current month). */
export function monthsOf(firstMonth: string, lastMonth: string): string[] {
  const out: string[] = [];
  for (let m = firstMonth; m <= lastMonth; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** A compound's first rate, set by community staff in the first hours of the first month (setFeeRate: from the month it is set in). */
export function firstRate(compoundId: string, firstMonth: string, rnd: Random): PlannedRate {
  const setAt = new Date(parsePeriod(firstMonth).start.getTime() + rnd.int(2, 40) * HOUR);
  // 0.8–3.5 yuan per m² a month; the public fund's share of each payment 5–20 %.
  return { compoundId, fromMonth: monthOf(setAt), centsPerSqmMonth: checkRate(rnd.int(80, 350)), publicFundShareBp: checkShare(rnd.pick([0.05, 0.1, 0.1, 0.15, 0.2])), proposalId: null, setAt };
}

/** The rate a passed FEE_CHANGE brings (fee-rate.service's applyPassedFeeChange): from the month after the decision, the share carried on. */
export function passedFeeChange(rates: readonly PlannedRate[], centsPerSqmMonth: number, decidedAt: Date): PlannedRate {
  const last = rates[rates.length - 1];
  return { compoundId: last.compoundId, fromMonth: addMonths(monthOf(decidedAt), 1), centsPerSqmMonth, publicFundShareBp: last.publicFundShareBp, proposalId: null, setAt: decidedAt };
}

/** The rates known at an instant (set by then), sorted by month as the service reads them. */
const knownAt = (rates: readonly PlannedRate[], at: number) => rates.filter((r) => r.setAt.getTime() <= at).sort((a, b) => (a.fromMonth < b.fromMonth ? -1 : 1));

/**
 * One compound's bills and payments. A month is billed (at its first day, or
 * when the first rate is set) to each household registered by then, at the
 * rate in force. Payers — round(rate × households), the collection rate drawn
 * in 70–98 % — pay every month, in chunks of 1, 3, 6 or 12 months, within
 * three weeks of a chunk's first month; months of a chunk not yet begun are
 * paid ahead, at the rate known when paid (a later FEE_CHANGE leaves their
 * price: recordFeePayment's `feesOf`). The public fund's share is the rate
 * in force at payment (`publicFundCentsOf`, rounded down), credited when above zero.
 */
export function planCompoundFees(c: FeeCompound, rates: readonly PlannedRate[], months: readonly string[], endAt: number, rnd: Random, recordedBy: string): CompoundFees {
  const collectionRate = Math.round((0.7 + rnd.next() * 0.28) * 1000) / 1000;
  const sorted = knownAt(rates, Infinity);
  const firstSetAt = Math.min(...rates.map((r) => r.setAt.getTime()));
  const billedAt = (m: string) => Math.max(parsePeriod(m).start.getTime(), firstSetAt);
  const out: CompoundFees = { collectionRate, bills: [], payments: [], credits: [] };
  const payers = new Set(shuffled(c.households.map((h) => h.id), rnd).slice(0, Math.round(collectionRate * c.households.length)));
  for (const h of c.households) {
    const billed = months.filter((m) => rateFor(sorted, m) && isBilledMonth(h.registeredAt, m) && billedAt(m) <= endAt);
    const chunk = pickWeighted(rnd, [
      [1, 0.45],
      [3, 0.3],
      [6, 0.1],
      [12, 0.15],
    ]);
    const payer = payers.has(h.id);
    for (let i = 0; i < billed.length; i += chunk) {
      const span = billed.slice(i, i + chunk);
      const receivedAt = billedAt(span[0]) + Math.floor(rnd.next() * 21 * DAY);
      const paid = payer && receivedAt <= endAt;
      const payment = paid ? seededUuid(rnd) : null;
      // A month's price: as billed, or (paid ahead, before it was billed) at the rate known when paid.
      const dues = span.map((m) => monthlyFeeCents(h.areaHundredths, rateFor(knownAt(rates, paid ? Math.min(receivedAt, billedAt(m)) : billedAt(m)), m)!.centsPerSqmMonth));
      span.forEach((m, k) => out.bills.push({ householdId: h.id, month: m, compoundId: c.id, dueCents: dues[k], billed: true, paymentId: payment, paidCents: paid ? dues[k] : 0 }));
      if (!payment) continue;
      const known = knownAt(rates, receivedAt);
      const amountCents = dues.reduce((s, d) => s + d, 0);
      const share = (rateFor(known, monthOf(new Date(receivedAt))) ?? rateFor(known, span[0]))!.publicFundShareBp;
      const publicFundCents = publicFundCentsOf(amountCents, share);
      const at = new Date(receivedAt);
      out.payments.push({ id: payment, householdId: h.id, compoundId: c.id, fromMonth: span[0], months: span.length, amountCents, publicFundCents, recordedBy, receivedAt: at });
      if (publicFundCents > 0) {
        out.credits.push({ id: seededUuid(rnd), compoundId: c.id, kind: 'CREDIT', amountCents: publicFundCents, purpose: null, proposalId: null, paymentId: payment, recordedBy: null, createdAt: at });
      }
    }
  }
  return out;
}

export type ProposalStep =
  | { at: number; action: 'DRAFT' | 'SUBMIT' | 'CLOSE' }
  | { at: number; action: 'REVIEW'; approve: boolean; note: string }
  | { at: number; action: 'OPEN'; closesAt: Date }
  | { at: number; action: 'VOTE'; householdId: string; voterId: string; choice: VoteChoice }
  | { at: number; action: 'SPEND'; amountCents: number; purpose: string };

export interface PlannedProposal {
  compoundId: string;
  communityId: string;
  kind: ProposalKind;
  title: string;
  description: string;
  /** Set for the kinds that take an amount; a passed spending's is fixed by `planSpendings`. */
  amountCents: number | null;
  centsPerSqmMonth: number | null;
  /** Where it ends up. */
  target: ProposalStatus;
  steps: ProposalStep[];
}

/** Every status a proposal can be left in (proposal.rules). */
export const TARGETS: readonly ProposalStatus[] = ['DRAFT', 'PARTY_REVIEW', 'COMMITTEE_REVIEW', 'APPROVED', 'VOTING', 'PASSED', 'REJECTED', 'NO_QUORUM', 'REFUSED'];

const TITLES: Record<ProposalKind, string> = {
  FEE_CHANGE: '调整物业服务费标准',
  MAINTENANCE_FUND_USE: '使用专项维修资金更换电梯',
  MAINTENANCE_FUND_RAISE: '续筹专项维修资金',
  RENOVATION: '外墙翻新改造',
  COMMON_PARTS_USE: '架空层改建为活动室',
  FIRM_HIRE_OR_DISMISS: '续聘物业服务企业',
  PUBLIC_FUND_SPENDING: '公共收益用于增设充电桩',
  RULES: '修订管理规约',
  COMMITTEE_ELECTION: '业主委员会换届选举',
  OTHER: '小区停车管理办法',
};
/** Kinds by turn; a passed FIRM_HIRE_OR_DISMISS would change the territory under the history, so it is not planned. */
const KINDS: readonly ProposalKind[] = ['PUBLIC_FUND_SPENDING', 'FEE_CHANGE', 'RULES', 'MAINTENANCE_FUND_USE', 'RENOVATION', 'COMMON_PARTS_USE', 'COMMITTEE_ELECTION', 'OTHER', 'MAINTENANCE_FUND_RAISE'];

/**
 * `perState` proposals left in each status, each in its own compound (one
 * with households that have an owner when it goes to a vote), so a passed
 * FEE_CHANGE or a spending touches only its compound. The first two passed
 * ones are a FEE_CHANGE and a PUBLIC_FUND_SPENDING. Steps a day or so apart
 * (draft, submit, party and committee reviews, vote open for a week); the
 * decided ones between two weeks after `start` and three weeks before `endAt`,
 * the ones still VOTING open two days before `endAt`, closing after it.
 */
export function planProposals(compounds: readonly FeeCompound[], perState: number, start: number, endAt: number, firstRates: ReadonlyMap<string, PlannedRate>, rnd: Random): PlannedProposal[] {
  const voting = new Set<ProposalStatus>(['VOTING', 'PASSED', 'REJECTED', 'NO_QUORUM']);
  const withOwners = shuffled(compounds.filter((c) => c.households.some((h) => h.ownerId)), rnd);
  const others = shuffled(compounds.filter((c) => !withOwners.includes(c)), rnd);
  const out: PlannedProposal[] = [];
  let turn = 0;
  for (const target of TARGETS) {
    for (let n = 0; n < perState; n++) {
      const c = voting.has(target) ? withOwners.shift() : (others.shift() ?? withOwners.shift());
      if (!c) return out; // fewer compounds than proposals: as many as there are
      const kind: ProposalKind = target === 'PASSED' && n < 2 ? (n === 0 ? 'FEE_CHANGE' : 'PUBLIC_FUND_SPENDING') : KINDS[turn++ % KINDS.length];
      const threshold = thresholdOf(kind);
      const rate = firstRates.get(c.id)!;
      const t0 = target === 'VOTING' ? endAt - 6 * DAY - rnd.int(0, 12) * HOUR : target === 'PASSED' || target === 'REJECTED' || target === 'NO_QUORUM' ? pickIn(rnd, start + 14 * DAY, endAt - 21 * DAY) : pickIn(rnd, start + DAY, endAt - 5 * DAY);
      const p: PlannedProposal = {
        compoundId: c.id,
        communityId: c.communityId,
        kind,
        title: TITLES[kind],
        description: `${TITLES[kind]}，经业主委员会提议，提请业主大会表决。`,
        amountCents: ['MAINTENANCE_FUND_USE', 'MAINTENANCE_FUND_RAISE', 'PUBLIC_FUND_SPENDING', 'RENOVATION'].includes(kind) ? rnd.int(50_000, 2_000_000) : null,
        centsPerSqmMonth: kind === 'FEE_CHANGE' ? checkRate(Math.round(rate.centsPerSqmMonth * (1.05 + rnd.next() * 0.15))) : null,
        target,
        steps: [{ at: t0, action: 'DRAFT' }],
      };
      const step = (s: ProposalStep) => p.steps.push(s);
      if (target !== 'DRAFT') step({ at: t0 + DAY, action: 'SUBMIT' });
      if (target === 'REFUSED') {
        step({ at: t0 + 2 * DAY, action: 'REVIEW', approve: rnd.chance(0.5), note: '同意' });
        const last = p.steps[p.steps.length - 1] as { approve: boolean };
        step({ at: t0 + 3 * DAY, action: 'REVIEW', approve: false, note: '方案不符合相关规定，请修改后重新提交' });
        if (!last.approve) p.steps.pop(); // refused at the party review
      }
      if (['COMMITTEE_REVIEW', 'APPROVED', ...voting].includes(target)) step({ at: t0 + 2 * DAY, action: 'REVIEW', approve: true, note: '' });
      if (['APPROVED', ...voting].includes(target)) step({ at: t0 + 3 * DAY, action: 'REVIEW', approve: true, note: '同意提交业主大会' });
      if (voting.has(target)) {
        const opened = t0 + 4 * DAY;
        const closesAt = opened + (target === 'VOTING' ? 12 : 7) * DAY;
        step({ at: opened, action: 'OPEN', closesAt: new Date(closesAt) });
        const owners = new Map(c.households.filter((h) => h.ownerId).map((h) => [h.id, h.ownerId!]));
        const electorate = electorateOf(c.households.map((h) => ({ householdId: h.id, areaHundredths: h.areaHundredths, ownerCount: h.ownerId ? 1 : 0 })));
        const until = Math.min(closesAt, endAt) - opened;
        for (const b of planBallots(electorate, target, threshold, rnd)) {
          step({ at: opened + HOUR + Math.floor(rnd.next() * (until - 2 * HOUR)), action: 'VOTE', householdId: b.householdId, voterId: owners.get(b.householdId)!, choice: b.choice });
        }
        if (target !== 'VOTING') step({ at: closesAt + HOUR, action: 'CLOSE' });
      }
      p.steps.sort((a, b) => a.at - b.at);
      out.push(p);
    }
  }
  return out;
}

/**
 * Ballots that give `target` by the service's own count (`tally`,
 * `outcomeOf`): for a decided vote most households vote, mostly FOR when it
 * passes and mostly AGAINST when it is rejected; for NO_QUORUM under 2/3
 * vote; a vote still open has a third of its ballots. Redrawn until the count
 * gives the outcome wanted.
 */
export function planBallots(electorate: readonly Elector[], target: ProposalStatus, threshold: 'ORDINARY' | 'SPECIAL', rnd: Random): Ballot[] {
  const shape: Record<string, [number, number]> = { PASSED: [0.85, threshold === 'SPECIAL' ? 0.9 : 0.8], REJECTED: [0.8, 0.25], NO_QUORUM: [0.35, 0.6], VOTING: [0.3, 0.6] };
  const [turnout, pFor] = shape[target] ?? [0, 0];
  for (let attempt = 0; attempt < 100; attempt++) {
    const voters = shuffled(electorate, rnd).slice(0, Math.round(turnout * electorate.length));
    const ballots = voters.map((e): Ballot => ({ householdId: e.householdId, choice: rnd.chance(pFor) ? 'FOR' : rnd.chance(0.7) ? 'AGAINST' : 'ABSTAIN' }));
    if (target === 'VOTING' || outcomeOf(tally(electorate, ballots), threshold) === target) return ballots;
  }
  throw new Error(`no ballots give ${target} in an electorate of ${electorate.length}`);
}

/**
 * The spending under a passed PUBLIC_FUND_SPENDING proposal: its amount is
 * 80 % of what the compound's fund was credited by the day after the
 * decision, spent in two parts (the day after and five days after), so
 * neither goes beyond the amount nor the balance then. Without credits by
 * then, nothing is spent.
 */
export function planSpendings(p: PlannedProposal, credits: readonly FundCreditRow[], endAt: number): void {
  const decided = p.steps.find((s) => s.action === 'CLOSE')!.at;
  const first = decided + DAY;
  const credited = credits.filter((c) => c.createdAt.getTime() <= first).reduce((s, c) => s + c.amountCents, 0);
  const amount = Math.floor(credited * 0.8);
  if (amount < 2) return;
  p.amountCents = amount;
  const half = Math.floor(amount / 2);
  p.steps.push({ at: first, action: 'SPEND', amountCents: half, purpose: '增设电动自行车充电桩' });
  if (decided + 5 * DAY <= endAt) p.steps.push({ at: decided + 5 * DAY, action: 'SPEND', amountCents: amount - half, purpose: '充电桩线路及雨棚' });
}

function pickIn(rnd: Random, from: number, to: number): number {
  return to <= from ? from : from + Math.floor(rnd.next() * (to - from));
}

function pickWeighted<T>(rnd: Random, options: [T, number][]): T {
  let x = rnd.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of options) if ((x -= w) < 0) return v;
  return options[options.length - 1][0];
}

function shuffled<T>(items: readonly T[], rnd: Random): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { badInput, checkName, conflict, notFound } from '@linli/platform';
import { sqlRun, type Command } from '@linli/subgraph-kit';
import { maySpend } from '../proposal/proposal.access';
import { ProposalEntity } from '../proposal/proposal.entity';
import { compoundAccess, permit } from '../territory/compound.access';
import { PublicFundEntity, PublicFundEntryEntity } from './fund.entity';

/** The fund row every conditional update works on (created with the first rate, or on first use). */
export async function ensureFund(em: EntityManager, compoundId: string): Promise<void> {
  if (!(await em.findOne(PublicFundEntity, { compoundId }))) em.create(PublicFundEntity, { compoundId, creditedCents: 0, spentCents: 0 });
}

/** Credits a payment's share in the payment's transaction (an atomic increment: concurrent payments never lose one). */
export async function creditFund(em: EntityManager, compoundId: string, amountCents: number, paymentId: string, at: Date): Promise<void> {
  await ensureFund(em, compoundId);
  await em.flush();
  await sqlRun(em, 'update public_fund set credited_cents = credited_cents + ? where compound_id = ?', [amountCents, compoundId]);
  em.create(PublicFundEntryEntity, { id: randomUUID(), compoundId, kind: 'CREDIT', amountCents, purpose: null, proposalId: null, paymentId, recordedBy: null, createdAt: at });
}

/**
 * Spends from a compound's public fund under a PASSED PUBLIC_FUND_SPENDING
 * proposal of that compound. Two conditional updates in one transaction:
 * the proposal's spending stays within its amount, the fund's balance never
 * goes below zero. On PostgreSQL a racing spending waits for the row lock
 * and re-checks the condition against the committed totals, so two
 * spendings that each fit alone but not together cannot both pass: the
 * second is CONFLICT and changes nothing.
 */
export async function spendPublicFund(
  em: EntityManager,
  cmd: Command,
  input: { compoundId: string; proposalId: string; amountCents: number; purpose: string },
): Promise<PublicFundEntryEntity> {
  const c = await compoundAccess(em, input.compoundId);
  permit(maySpend(cmd.actor, c));
  const purpose = checkName('purpose', input.purpose);
  if (!Number.isInteger(input.amountCents) || input.amountCents < 1) throw badAmount();
  const proposal = await em.findOne(ProposalEntity, { id: input.proposalId });
  if (!proposal) throw notFound('Proposal');
  const withinProposal = await sqlRun(
    em,
    `update proposal set spent_cents = spent_cents + ? where id = ? and compound_id = ? and status = 'PASSED' and kind = 'PUBLIC_FUND_SPENDING' and amount_cents - spent_cents >= ?`,
    [input.amountCents, proposal.id, c.row.id, input.amountCents],
  );
  if (!withinProposal) throw conflict('Spending needs a PASSED PUBLIC_FUND_SPENDING proposal of this compound whose amount covers it');
  const withinBalance = await sqlRun(em, 'update public_fund set spent_cents = spent_cents + ? where compound_id = ? and credited_cents - spent_cents >= ?', [
    input.amountCents,
    c.row.id,
    input.amountCents,
  ]);
  if (!withinBalance) throw conflict('The public fund balance does not cover this spending');
  return em.create(PublicFundEntryEntity, {
    id: randomUUID(),
    compoundId: c.row.id,
    kind: 'SPENDING',
    amountCents: input.amountCents,
    purpose,
    proposalId: proposal.id,
    paymentId: null,
    recordedBy: cmd.actor.personId,
    createdAt: cmd.now,
  });
}

const badAmount = () => badInput('amountCents', 'amountCents must be a positive whole number of cents');

/** The fund's totals now (re-read: conditional updates bypass the unit of work). */
export async function fundTotals(em: EntityManager, compoundId: string): Promise<{ creditedCents: number; spentCents: number }> {
  const row = await em.findOne(PublicFundEntity, { compoundId }, { refresh: true });
  return { creditedCents: row?.creditedCents ?? 0, spentCents: row?.spentCents ?? 0 };
}

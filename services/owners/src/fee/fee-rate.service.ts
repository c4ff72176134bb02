import type { EntityManager } from '@mikro-orm/core';
import { addMonths, conflict, monthOf } from '@linli/platform';
import { flushOrConflict, type Command } from '@linli/subgraph-kit';
import { isScopeAdmin } from '../proposal/proposal.access';
import type { ProposalEntity } from '../proposal/proposal.entity';
import { compoundAccess, permit } from '../territory/compound.access';
import { ensureFund } from '../fund/fund.service';
import { billCompoundThrough } from './billing.service';
import { FeeCompoundEntity, FeeRateEntity } from './fee.entity';
import { checkRate, checkShare, type RateFrom } from './fee.rules';

export const ratesOf = (em: EntityManager, compoundId: string): Promise<RateFrom[]> =>
  em.find(FeeRateEntity, { compoundId }, { orderBy: { fromMonth: 'asc' } });

/**
 * A compound's first rate, from the current month, by community staff or
 * admins of its scope. Once it has one, only a passed FEE_CHANGE changes it:
 * CONFLICT. The current month is billed in the same transaction.
 */
export async function setFeeRate(em: EntityManager, cmd: Command, compoundId: string, cents: number, share: number | null | undefined): Promise<FeeRateEntity> {
  const c = await compoundAccess(em, compoundId);
  permit(isScopeAdmin(cmd.actor, c) || cmd.actor.roles.has('SYSTEM_ADMIN'));
  const centsPerSqmMonth = checkRate(cents);
  const publicFundShareBp = checkShare(share);
  const taken = 'The compound has a fee rate already: only a passed FEE_CHANGE proposal changes it';
  if (await em.count(FeeRateEntity, { compoundId })) throw conflict(taken);
  const fromMonth = monthOf(cmd.now);
  const rate = em.create(FeeRateEntity, { compoundId, fromMonth, centsPerSqmMonth, publicFundShareBp, proposalId: null, setAt: cmd.now });
  em.create(FeeCompoundEntity, { compoundId, firstMonth: fromMonth, billedThrough: null });
  await ensureFund(em, compoundId);
  await flushOrConflict(em, taken);
  await billCompoundThrough(em, compoundId, fromMonth);
  return rate;
}

/** A passed FEE_CHANGE: the new rate from the month after the decision (the public fund's share carries on). */
export async function applyPassedFeeChange(em: EntityManager, p: ProposalEntity, at: Date): Promise<void> {
  const fromMonth = addMonths(monthOf(at), 1);
  const rates = await ratesOf(em, p.compoundId);
  const share = rates.length ? rates[rates.length - 1].publicFundShareBp : 1000;
  const existing = rates.find((r) => r.fromMonth === fromMonth) as FeeRateEntity | undefined;
  const values = { centsPerSqmMonth: p.centsPerSqmMonth!, publicFundShareBp: share, proposalId: p.id, setAt: at };
  if (existing) em.assign(existing, values);
  else em.create(FeeRateEntity, { compoundId: p.compoundId, fromMonth, ...values });
  if (!(await em.findOne(FeeCompoundEntity, { compoundId: p.compoundId }))) {
    em.create(FeeCompoundEntity, { compoundId: p.compoundId, firstMonth: fromMonth, billedThrough: null });
    await ensureFund(em, p.compoundId);
  }
}

import type { MikroORM } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { createLogger, type Actor } from '@linli/platform';
import { openDatabase, type Command } from '@linli/subgraph-kit';
import { createTestDatabase } from '@linli/testing';
import { ownersSubgraph } from '../subgraph';
import { CompoundEntity } from '../territory/compound.entity';
import { HouseholdEntity, HouseholdMemberEntity } from '../register/household.entity';
import { ProposalEntity, VoteEntity } from '../proposal/proposal.entity';
import { castVote, openVoting } from '../proposal/proposal.service';
import { closeDueVotes } from '../proposal/proposal.scheduler';
import { FeeMonthEntity, FeePaymentEntity } from '../fee/fee.entity';
import { setFeeRate } from '../fee/fee-rate.service';
import { recordFeePayment } from '../fee/payment.service';
import { PublicFundEntity, PublicFundEntryEntity } from '../fund/fund.entity';
import { spendPublicFund } from '../fund/fund.service';
import { addMonths, monthOf } from '@linli/platform';

/**
 * Races the owners' writes against each other on the real PostgreSQL (the
 * migrations the service ships): concurrent spendings never take the fund
 * below zero nor beyond the proposal, a month is paid once whatever races,
 * one household keeps one ballot, and a vote is decided once.
 */
describe('owners writes racing on PostgreSQL', () => {
  let orm: MikroORM;
  let drop: () => Promise<void>;
  const now = new Date();
  const actor = (personId: string, roles: Actor['roles'] extends ReadonlySet<infer R> ? R[] : never, orgs: string[]): Actor => ({ personId, roles: new Set(roles), orgs });
  const cmd = (a: Actor, at = now): Command => ({ actor: a, now: at, event: { source: 'owners', correlationId: 'test', occurredAt: at } });
  const staff = actor('staff', ['COMMUNITY_STAFF'], ['community']);
  const committee = actor('chair', ['COMMUNITY_STAFF'], ['committee']);
  const tx = <T>(work: (em: Parameters<Parameters<MikroORM['em']['transactional']>[0]>[0]) => Promise<T>) => orm.em.fork().transactional(work);
  const settled = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);
  const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? (r.reason as { extensions?: { code?: string } }).extensions?.code : 'OK');

  beforeAll(async () => {
    const db = await createTestDatabase('owners_race');
    drop = db.drop;
    orm = await openDatabase({ service: 'owners', target: { driver: 'postgresql', url: db.url }, entities: [...ownersSubgraph.entities, ...eventEntities], migrations: ownersSubgraph.migrations, logger: createLogger('t', 'silent') });
    const em = orm.em.fork();
    em.create(CompoundEntity, { id: 'compound', name: '西关小区', communityId: 'community', communityPath: '/district/street/', managementMode: 'COMMUNITY_MANAGED', propertyFirmId: null, partyOrganisationId: null, ownersCommitteeId: 'committee', asOf: now });
    for (const [id, area] of [['h1', 10_000], ['h2', 8_000], ['h3', 6_000]] as const) {
      em.create(HouseholdEntity, { id, compoundId: 'compound', communityId: 'community', building: '1', unit: null, room: id, areaHundredths: area, registeredAt: new Date(now.getTime() - 400 * 86_400_000), asOf: now });
      em.create(HouseholdMemberEntity, { householdId: id, personId: `owner-${id}`, relation: 'OWNER', since: '2020-01-01', until: null, asOf: now });
    }
    em.create(HouseholdMemberEntity, { householdId: 'h1', personId: 'coowner-h1', relation: 'CO_OWNER', since: '2020-01-01', until: null, asOf: now });
    await em.flush();
  }, 60_000);
  afterAll(async () => {
    await orm?.close(true);
    await drop?.();
  });

  it('pays a month once when two payments race', async () => {
    await tx((em) => setFeeRate(em, cmd(staff), 'compound', 100, 0.1));
    const month = addMonths(monthOf(now), 1);
    const results = await settled([1, 2, 3].map(() => tx((em) => recordFeePayment(em, cmd(staff), { householdId: 'h1', fromMonth: month, months: 1, amountCents: 10_000 }))));
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const em = orm.em.fork();
    expect(await em.count(FeePaymentEntity, { householdId: 'h1' })).toBe(1);
    expect(await em.count(FeeMonthEntity, { householdId: 'h1', month, paymentId: { $ne: null } })).toBe(1);
    expect((await em.findOneOrFail(PublicFundEntity, { compoundId: 'compound' })).creditedCents).toBe(1000);
    // The current month (billed with the rate) raced by two payments: one wins.
    const current = await settled([1, 2].map(() => tx((em) => recordFeePayment(em, cmd(staff), { householdId: 'h2', fromMonth: monthOf(now), months: 1, amountCents: 8_000 }))));
    expect(current.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('never spends beyond the proposal or the balance, however spendings race', async () => {
    // Fund: 1000 (h1) + 800 (h2) credited; a passed proposal allows 1500.
    await orm.em.fork().nativeUpdate(PublicFundEntity, { compoundId: 'compound' }, { creditedCents: 1800 });
    const em = orm.em.fork();
    em.create(ProposalEntity, {
      id: 'spend', compoundId: 'compound', kind: 'PUBLIC_FUND_SPENDING', title: 't', description: null, threshold: 'ORDINARY', status: 'PASSED', amountCents: 1500,
      propertyFirmId: null, centsPerSqmMonth: null, draftedBy: 'chair', createdAt: now, votingClosesAt: null, electorateHouseholds: null, electorateArea: null, result: null, decidedAt: now,
    });
    await em.flush();
    const spend = (amountCents: number) => tx((e) => spendPublicFund(e, cmd(committee), { compoundId: 'compound', proposalId: 'spend', amountCents, purpose: '修缮' }));
    const results = await settled(Array.from({ length: 8 }, () => spend(400)));
    expect(results.filter((r) => codeOf(r) === 'OK')).toHaveLength(3);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(5);
    const check = orm.em.fork();
    expect((await check.findOneOrFail(ProposalEntity, { id: 'spend' })).spentCents).toBe(1200);
    expect((await check.findOneOrFail(PublicFundEntity, { compoundId: 'compound' })).spentCents).toBe(1200);
    expect(await check.count(PublicFundEntryEntity, { kind: 'SPENDING' })).toBe(3);

    // The balance binds too: a second proposal of 5000 cannot take the fund (600 left) below zero.
    await orm.em.fork().nativeUpdate(ProposalEntity, { id: 'spend' }, { amountCents: 5000 });
    const more = await settled(Array.from({ length: 4 }, () => spend(400)));
    expect(more.filter((r) => codeOf(r) === 'OK')).toHaveLength(1);
    const fund = await orm.em.fork().findOneOrFail(PublicFundEntity, { compoundId: 'compound' });
    expect(fund.creditedCents - fund.spentCents).toBe(200);
  });

  it('keeps one ballot per household when its owners vote at once, and decides a vote once', async () => {
    const em = orm.em.fork();
    em.create(ProposalEntity, {
      id: 'vote', compoundId: 'compound', kind: 'OTHER', title: 't', description: null, threshold: 'ORDINARY', status: 'APPROVED', amountCents: null,
      propertyFirmId: null, centsPerSqmMonth: null, draftedBy: 'chair', createdAt: now, votingClosesAt: null, electorateHouseholds: null, electorateArea: null, result: null, decidedAt: null,
    });
    await em.flush();
    await tx((e) => openVoting(e, cmd(committee), 'vote', new Date(now.getTime() + 2 * 86_400_000)));
    const ballots = await settled([
      tx((e) => castVote(e, cmd(actor('owner-h1', ['RESIDENT'], [])), 'vote', 'h1', 'FOR')),
      tx((e) => castVote(e, cmd(actor('coowner-h1', ['RESIDENT'], [])), 'vote', 'h1', 'AGAINST')),
      tx((e) => castVote(e, cmd(actor('owner-h2', ['RESIDENT'], [])), 'vote', 'h2', 'FOR')),
      tx((e) => castVote(e, cmd(actor('owner-h3', ['RESIDENT'], [])), 'vote', 'h3', 'FOR')),
    ]);
    expect(ballots.map(codeOf)).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(await orm.em.fork().count(VoteEntity, { proposalId: 'vote', householdId: 'h1' })).toBe(1);

    // Two scheduler replicas at the closing time: one decides.
    const later = () => new Date(now.getTime() + 3 * 86_400_000);
    const runtime = { name: 'owners', orm, now: later };
    const closed = await Promise.all([closeDueVotes(runtime), closeDueVotes(runtime)]);
    expect(closed[0] + closed[1]).toBe(1);
    const p = await orm.em.fork().findOneOrFail(ProposalEntity, { id: 'vote' });
    expect(p.status).toBe('PASSED');
    expect(await orm.em.fork().count('OutboxEvent', { type: 'owners.proposal.decided' })).toBe(1);
    // A ballot after closing changes nothing.
    const late = await settled([tx((e) => castVote(e, cmd(actor('owner-h2', ['RESIDENT'], []), later()), 'vote', 'h2', 'AGAINST'))]);
    expect(late.map(codeOf)).toEqual(['INVALID_TRANSITION']);
  });
});

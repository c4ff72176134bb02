import { monthOf, parsePeriod } from '@linli/platform';
import { monthlyFeeCents, outcomeOf, tally, thresholdOf } from '@linli/owners';
import { Random } from '../src/random';
import { firstRate, monthsOf, passedFeeChange, planCompoundFees, planProposals, planSpendings, TARGETS, type FeeCompound, type PlannedRate } from '../src/seed/bulk/fees.plan';

const END = Date.parse('2026-12-10T04:00:00Z');
const MONTHS = monthsOf('2026-01', '2026-12');
const START = parsePeriod('2026-01').start.getTime();
const DAY = 86_400_000;

const compound = (id: string, households: number, rnd: Random): FeeCompound => ({
  id,
  communityId: 'community',
  managementMode: 'COMMERCIAL',
  propertyFirmId: 'firm',
  households: Array.from({ length: households }, (_, i) => ({
    id: `${id}-h${i}`,
    areaHundredths: rnd.int(4_000, 14_000),
    // A few registered during the year: billed from the first month they were registered by.
    registeredAt: new Date(i % 10 === 9 ? Date.parse('2026-05-15T00:00:00Z') : START - 5 * DAY),
    ownerId: i % 7 === 6 ? null : `${id}-owner${i}`,
  })),
});

describe('the owners year plan', () => {
  const rnd = new Random(3);
  const c = compound('c1', 200, rnd);
  const first = firstRate(c.id, '2026-01', rnd);
  const change = passedFeeChange([first], first.centsPerSqmMonth + 40, new Date('2026-06-20T02:00:00Z'));
  const rates: PlannedRate[] = [first, change];
  const fees = planCompoundFees(c, rates, MONTHS, END, new Random(5), 'recorder');

  it('sets the first rate in the first month and a passed change from the month after its decision, the share carried on', () => {
    expect(monthOf(first.setAt)).toBe('2026-01');
    expect(change).toMatchObject({ fromMonth: '2026-07', publicFundShareBp: first.publicFundShareBp });
  });

  it('bills every month a household was registered by, once, and collects at the compound’s drawn rate', () => {
    const keys = new Set(fees.bills.map((b) => `${b.householdId}:${b.month}`));
    expect(keys.size).toBe(fees.bills.length);
    const late = c.households.filter((h) => h.registeredAt.getTime() > START);
    expect(fees.bills.filter((b) => b.householdId === late[0].id).map((b) => b.month)).toEqual(MONTHS.slice(5));
    expect(fees.bills.length).toBe((c.households.length - late.length) * 12 + late.length * 7);
    expect(fees.collectionRate).toBeGreaterThanOrEqual(0.7);
    expect(fees.collectionRate).toBeLessThanOrEqual(0.98);
    // Over the complete months (the last one is still being paid).
    const closed = fees.bills.filter((b) => b.month < '2026-12');
    const rate = closed.reduce((s, b) => s + b.paidCents, 0) / closed.reduce((s, b) => s + b.dueCents, 0);
    expect(Math.abs(rate - fees.collectionRate)).toBeLessThan(0.05);
  });

  it('prices billed months at the rate in force, months paid ahead at the rate known when paid', () => {
    const area = new Map(c.households.map((h) => [h.id, h.areaHundredths]));
    const receivedAt = new Map(fees.payments.map((p) => [p.id, p.receivedAt.getTime()]));
    const changedBills = fees.bills.filter((b) => b.month >= '2026-07');
    const aheadOfChange = changedBills.filter((b) => b.paymentId && receivedAt.get(b.paymentId)! < change.setAt.getTime());
    expect(aheadOfChange.length).toBeGreaterThan(0);
    for (const b of aheadOfChange) expect(b.dueCents).toBe(monthlyFeeCents(area.get(b.householdId)!, first.centsPerSqmMonth));
    for (const b of changedBills.filter((x) => !aheadOfChange.includes(x))) expect(b.dueCents).toBe(monthlyFeeCents(area.get(b.householdId)!, change.centsPerSqmMonth));
    for (const b of fees.bills.filter((x) => x.month < '2026-07')) expect(b.dueCents).toBe(monthlyFeeCents(area.get(b.householdId)!, first.centsPerSqmMonth));
  });

  it('makes each payment the fee of its consecutive months, after the rate was set and by the end, with its fund share rounded down', () => {
    const byPayment = new Map<string, { months: string[]; cents: number }>();
    for (const b of fees.bills.filter((x) => x.paymentId)) {
      const p = byPayment.get(b.paymentId!) ?? { months: [], cents: 0 };
      p.months.push(b.month);
      p.cents += b.paidCents;
      byPayment.set(b.paymentId!, p);
    }
    expect(byPayment.size).toBe(fees.payments.length);
    for (const p of fees.payments) {
      const mine = byPayment.get(p.id)!;
      expect(mine.months).toEqual(MONTHS.slice(MONTHS.indexOf(p.fromMonth), MONTHS.indexOf(p.fromMonth) + p.months));
      expect(mine.cents).toBe(p.amountCents);
      expect(p.receivedAt.getTime()).toBeGreaterThanOrEqual(first.setAt.getTime());
      expect(p.receivedAt.getTime()).toBeLessThanOrEqual(END);
      expect(p.publicFundCents).toBe(Math.floor((p.amountCents * first.publicFundShareBp) / 10_000));
    }
    expect(fees.credits.reduce((s, e) => s + e.amountCents, 0)).toBe(fees.payments.reduce((s, p) => s + p.publicFundCents, 0));
    // Monthly payers and households paying a quarter, half a year or the year ahead.
    for (const months of [1, 3, 6, 12]) expect(fees.payments.some((p) => p.months === months)).toBe(true);
  });

  it('is the same year whenever a compound is planned again', () => {
    expect(planCompoundFees(c, rates, MONTHS, END, new Random(5), 'recorder')).toEqual(fees);
  });

  describe('proposals', () => {
    const prnd = new Random(9);
    const compounds = Array.from({ length: 30 }, (_, i) => compound(`k${i}`, i % 3 === 0 ? 1 : 12, prnd));
    const firstRates = new Map(compounds.map((k) => [k.id, firstRate(k.id, '2026-01', prnd)]));
    const proposals = planProposals(compounds, 3, START, END, firstRates, new Random(1));

    it('leaves a few in every state, each in its own compound, every step by the end but the close of an open vote', () => {
      expect(TARGETS.map((t) => proposals.filter((p) => p.target === t).length)).toEqual(TARGETS.map(() => 3));
      expect(new Set(proposals.map((p) => p.compoundId)).size).toBe(proposals.length);
      for (const p of proposals) for (const s of p.steps) expect(s.at).toBeLessThanOrEqual(END);
      for (const p of proposals.filter((x) => x.target === 'VOTING')) expect((p.steps.find((s) => s.action === 'OPEN') as { closesAt: Date }).closesAt.getTime()).toBeGreaterThan(END);
      expect(proposals.filter((p) => p.target === 'PASSED').map((p) => p.kind).slice(0, 2)).toEqual(['FEE_CHANGE', 'PUBLIC_FUND_SPENDING']);
      for (const p of proposals.filter((x) => x.target === 'REFUSED')) expect(p.steps[p.steps.length - 1]).toMatchObject({ action: 'REVIEW', approve: false });
    });

    it('casts ballots, by owners of the electorate, that give each decided vote its outcome by the service’s count', () => {
      for (const p of proposals.filter((x) => ['PASSED', 'REJECTED', 'NO_QUORUM'].includes(x.target))) {
        const k = compounds.find((x) => x.id === p.compoundId)!;
        const electorate = k.households.filter((h) => h.ownerId).map((h) => ({ householdId: h.id, areaHundredths: h.areaHundredths }));
        const ballots = p.steps.flatMap((s) => (s.action === 'VOTE' ? [s] : []));
        for (const b of ballots) expect(k.households.find((h) => h.id === b.householdId)!.ownerId).toBe(b.voterId);
        expect(outcomeOf(tally(electorate, ballots), thresholdOf(p.kind))).toBe(p.target);
      }
    });

    it('spends under a passed PUBLIC_FUND_SPENDING within its amount and what the fund was credited by then', () => {
      const p = proposals.find((x) => x.target === 'PASSED' && x.kind === 'PUBLIC_FUND_SPENDING')!;
      const k = compounds.find((x) => x.id === p.compoundId)!;
      const credits = planCompoundFees(k, [firstRates.get(k.id)!], MONTHS, END, new Random(2), 'r').credits;
      planSpendings(p, credits, END);
      const spends = p.steps.flatMap((s) => (s.action === 'SPEND' ? [s] : []));
      expect(spends.length).toBe(2);
      expect(spends.reduce((s, x) => s + x.amountCents, 0)).toBe(p.amountCents);
      let spent = 0;
      for (const s of spends) {
        spent += s.amountCents;
        expect(spent).toBeLessThanOrEqual(credits.filter((e) => e.createdAt.getTime() <= s.at).reduce((sum, e) => sum + e.amountCents, 0));
      }
    });
  });
});

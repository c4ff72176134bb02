import type { Role } from '@linli/platform';
import { signToken } from '@linli/platform';
import { contractOperation } from './contract';
import { sequentialLatency } from './load';
import type { BenchSubjects, Subjects } from './subjects';

export interface Comparison {
  name: string;
  district: { p50: number; p99: number; volume: number };
  slice: { p50: number; p99: number; volume: number };
  /** p50(district) / p50(slice): how much a list slows with the volume under it (target ≤ 1.5). */
  ratio: number;
  error?: string;
}

interface Case {
  name: string;
  operation: string;
  variables: (s: Subjects) => Record<string, unknown>;
  /** Who asks (default: a district administrator of the district). */
  caller?: (s: Subjects) => { sub: string; roles: Role[]; orgs?: string[] };
  volume: (s: Subjects) => number;
}

const OPEN = ['SUBMITTED', 'DISPATCHED', 'ACCEPTED'];

/**
 * Every contract list and dashboard operation with a scope, by name from the
 * contract files. Volume: tickets under the scope unless said otherwise.
 * `openPage`: the page both firms' open queues fill (a firm with 1 % of the
 * busiest one's tickets has one or two open at the end of the history: asked
 * for 20, the two sides would answer 20 rows against 1, a ratio of page
 * size, not of history).
 */
function cases(period: string, from: string, to: string, openPage: number): Case[] {
  const byScope = (s: Subjects) => s.tickets;
  return [
    { name: 'CommunityInbox', operation: 'CommunityInbox', variables: (s) => ({ filter: { scopeId: s.scopeId }, first: 20 }), volume: byScope },
    { name: 'CommunityInbox, open statuses', operation: 'CommunityInbox', variables: (s) => ({ filter: { scopeId: s.scopeId, status: OPEN }, first: 20 }), volume: byScope },
    { name: 'CommunityInbox, overdue', operation: 'CommunityInbox', variables: (s) => ({ filter: { scopeId: s.scopeId, overdue: true }, first: 20 }), volume: byScope },
    { name: 'TicketExport, first page', operation: 'TicketExport', variables: (s) => ({ filter: { scopeId: s.scopeId }, period, first: 100 }), volume: byScope },
    { name: 'TicketChanges, first page', operation: 'TicketChanges', variables: (s) => ({ scopeId: s.scopeId, first: 100 }), volume: byScope },
    { name: 'ServiceRates', operation: 'ServiceRates', variables: (s) => ({ scopeId: s.scopeId, period }), volume: byScope },
    { name: 'FirmRanking', operation: 'FirmRanking', variables: (s) => ({ scopeId: s.scopeId, period, first: 20 }), volume: byScope },
    // Volume: the household-month bills under the scope (the year's, for a year).
    { name: 'FeeCollection', operation: 'FeeCollection', variables: (s) => ({ scopeId: s.scopeId, period }), volume: (s) => s.feeMonths },
    { name: 'FeeCollection, year', operation: 'FeeCollection', variables: (s) => ({ scopeId: s.scopeId, period: period.slice(0, 4) }), volume: (s) => s.feeMonths },
    // A compound's public fund and its ledger's first page: the largest ledger against one ~1 % of it.
    { name: 'PublicFund, first page', operation: 'PublicFund', variables: (s) => ({ compoundId: s.fundCompoundId, first: 20 }), volume: (s) => s.fundEntries },
    { name: 'Coverage', operation: 'Coverage', variables: (s) => ({ scopeId: s.scopeId }), volume: byScope },
    { name: 'FindPeople', operation: 'FindPeople', variables: (s) => ({ scopeId: s.scopeId, query: '1', first: 20 }), volume: byScope },
    { name: 'AuditLog', operation: 'AuditLog', variables: (s) => ({ scopeId: s.scopeId, from, to, first: 20 }), volume: byScope },
    {
      name: `FirmQueue, open statuses, first ${openPage}`,
      operation: 'FirmQueue',
      variables: (s) => ({ firmId: s.firmId, status: ['DISPATCHED', 'ACCEPTED'], first: openPage }),
      caller: (s) => ({ sub: `bench-handler-${s.firmId}`, roles: ['HANDLER_STAFF'], orgs: [s.firmId] }),
      volume: (s) => s.firmTickets,
    },
    {
      name: 'FirmQueue, all statuses',
      operation: 'FirmQueue',
      variables: (s) => ({ firmId: s.firmId, first: 20 }),
      caller: (s) => ({ sub: `bench-handler-${s.firmId}`, roles: ['HANDLER_STAFF'], orgs: [s.firmId] }),
      volume: (s) => s.firmTickets,
    },
    { name: 'MyTickets', operation: 'MyTickets', variables: () => ({ first: 20 }), caller: (s) => ({ sub: s.residentId, roles: ['RESIDENT'] }), volume: (s) => s.residentTickets },
  ];
}

/** The contract operations the comparison sends (a test checks they all exist in the contract). */
export const comparedOperations = (): string[] => [...new Set(cases('2026-01', '', '', 20).map((c) => c.operation))];

/**
 * The sub-district comparison: each operation at the whole district and at the
 * ~1 % slice, one request in flight, p50 and p99 over `count` requests. The
 * figure is the ratio of the p50s: a list that is flat in history costs the
 * same whatever lies under its scope.
 */
export async function compareScopes(opts: { gatewayUrl: string; secret: string; subjects: BenchSubjects; period: string; count: number; log: (line: string) => void }): Promise<Comparison[]> {
  const to = new Date().toISOString();
  const from = new Date(Date.now() - 365 * 24 * 3600_000).toISOString();
  const out: Comparison[] = [];
  const openPage = Math.max(1, Math.min(20, opts.subjects.district.firmOpen, opts.subjects.slice.firmOpen));
  for (const c of cases(opts.period, from, to, openPage)) {
    const side = async (s: Subjects) => {
      const caller = c.caller?.(s) ?? { sub: 'bench-analyst', roles: ['DISTRICT_ADMIN', 'ANALYST'] as Role[], orgs: [opts.subjects.district.scopeId] };
      const token = await signToken({ ...caller, orgs: caller.orgs ?? [], expiresIn: 3600 }, opts.secret);
      return { ...(await sequentialLatency(opts.gatewayUrl, token, contractOperation(c.operation), c.variables(s), opts.count)), volume: c.volume(s) };
    };
    try {
      const district = await side(opts.subjects.district);
      const slice = await side(opts.subjects.slice);
      const ratio = Math.round((district.p50 / Math.max(slice.p50, 0.1)) * 100) / 100;
      out.push({ name: c.name, district, slice, ratio });
      opts.log(`  ${c.name}: district p50 ${district.p50} ms (volume ${district.volume}), slice p50 ${slice.p50} ms (${slice.volume}): ${ratio}×`);
    } catch (e) {
      const error = (e as Error).message.slice(0, 300);
      out.push({ name: c.name, district: { p50: NaN, p99: NaN, volume: c.volume(opts.subjects.district) }, slice: { p50: NaN, p99: NaN, volume: c.volume(opts.subjects.slice) }, ratio: NaN, error });
      opts.log(`  ${c.name}: FAILED ${error}`);
    }
  }
  return out;
}

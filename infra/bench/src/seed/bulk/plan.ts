import type { Random } from '../../random';
import type { Scale } from '../../scales';
import type { SeedWorld } from '../world';

// The bulk seed's plan (pure and deterministic for a seed): every ticket as
// its submission and the commands its people would issue, at believable
// times, never after the end of the history. The same fates as the write-path
// seeder (seed/tickets.ts): cancellations, escalations, returns and
// re-dispatches, late acceptances and resolutions, reopenings, good and bad
// ratings, unrated tickets the scheduler auto-closes after 7 days, tickets
// still open at the end, and the benchmark's pool of resolved, unrated ones.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The scheduler's pass period: an auto-close lands within a minute of its due instant. */
const SCHEDULER_LAG = MINUTE;
const AUTO_CLOSE_AFTER = 7 * DAY;
const CATEGORIES = ['PROPERTY_MANAGEMENT', 'PROPERTY_MANAGEMENT', 'PROPERTY_MANAGEMENT', 'DISPUTE', 'ASSISTANCE', 'PUBLIC_AFFAIRS', 'CONVENIENCE_SERVICE'] as const;
const CHANNELS = ['APP', 'WECHAT', 'HOTLINE', 'DOOR_KNOCKING'] as const;

export type PlannedAction = 'DISPATCH' | 'ACCEPT' | 'RETURN' | 'RESOLVE' | 'REOPEN' | 'ESCALATE' | 'CANCEL' | 'RATE' | 'AUTO_CLOSE';

export interface PlannedStep {
  at: number;
  action: PlannedAction;
  /** Person id (token `sub`) of who acts; null for the scheduler. */
  actorId: string | null;
  note: string | null;
  assigneeId?: string;
  score?: number;
}

export interface TicketPlan {
  id: string;
  title: string;
  description: string;
  category: string;
  channel: string;
  priority: 'NORMAL' | 'URGENT';
  gridId: string;
  compoundId: string;
  communityId: string;
  reporterId: string;
  contactPhone: string;
  submittedAt: number;
  /** In time order, each at least a minute after the one before. */
  steps: PlannedStep[];
  /** Part of the benchmark's rating pool (resolved, unrated at the end). */
  pool?: { firmId: string };
}

export interface PlannedInspection {
  at: number;
  firmId: string;
  compoundId: string;
  staffId: string;
  communityId: string;
  items: { item: string; score: number }[];
}

export interface PlannedFinalisation {
  at: number;
  period: string;
}

export interface Plan {
  start: number;
  end: number;
  tickets: TicketPlan[];
  inspections: PlannedInspection[];
  finalisations: PlannedFinalisation[];
}

/** No transition in the future: a ticket's history stops at the end (the steps after it never happened). */
function stopAtEnd(steps: PlannedStep[], end: number): void {
  const cut = steps.findIndex((s) => s.at > end);
  if (cut >= 0) steps.length = cut;
}

/** A version-4-shaped UUID from the seeded generator: the same seed gives the same ids. */
export function seededUuid(rnd: Random): string {
  const hex = Array.from({ length: 4 }, () => Math.floor(rnd.next() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const staffId = (ci: number) => `seed-staff-${ci}`;
const handlerId = (orgId: string) => `seed-handler-${orgId.slice(0, 8)}`;
export const DISTRICT_ADMIN_ID = 'seed-district-admin';

/**
 * Plans the tickets, inspections and monthly finalisations of `scale.months`
 * past months and the current one up to `endAt` (exclusive of anything
 * later: a step that would fall after the end is dropped with the ones after it).
 */
export function planHistory(world: Omit<SeedWorld, 'ratingPool' | 'ticketCount'>, scale: Scale, rnd: Random, endAt: Date): Plan {
  const end = endAt.getTime();
  const start = Date.UTC(endAt.getUTCFullYear(), endAt.getUTCMonth() - scale.months, 1, 1);
  const span = end - 3 * DAY - start;
  const tickets: TicketPlan[] = [];

  world.communities.forEach((community, ci) => {
    const total = scale.ticketsPerCommunityMonth * (scale.months + 1);
    for (let n = 0; n < total; n++) {
      const resident = rnd.pick(community.residents);
      const compound = rnd.pick(community.compounds);
      const submittedAt = start + Math.floor((rnd.next() * span) / MINUTE) * MINUTE;
      const urgent = rnd.chance(0.05);
      const category = rnd.pick(CATEGORIES);
      const steps: PlannedStep[] = [];
      const t: TicketPlan = {
        id: seededUuid(rnd),
        title: `${category === 'DISPUTE' ? '邻里纠纷' : '报修'}${n}`,
        description: '楼道灯不亮，请尽快处理。',
        category,
        channel: rnd.pick(CHANNELS),
        priority: urgent ? 'URGENT' : 'NORMAL',
        gridId: rnd.pick(compound.gridIds),
        compoundId: compound.id,
        communityId: community.id,
        reporterId: resident.id,
        contactPhone: resident.phone,
        submittedAt,
        steps,
      };
      tickets.push(t);
      const add = (step: PlannedStep) => steps.push(step);
      const fate = rnd.next();
      if (fate < 0.05) {
        add({ at: submittedAt + 2 * HOUR, action: 'CANCEL', actorId: resident.id, note: '已自行解决' });
        continue;
      }
      let at = submittedAt + HOUR;
      if (fate < 0.08) {
        // Small matters stay in the compound, big ones go to the community.
        add({ at, action: 'ESCALATE', actorId: staffId(ci), note: '需社区协调' });
        at += HOUR;
      }
      const firstAssignee = category === 'DISPUTE' ? world.policeIds[world.streetIds.indexOf(community.streetId)] : (compound.firmId ?? community.id);
      let assignee = firstAssignee;
      add({ at, action: 'DISPATCH', actorId: staffId(ci), note: null, assigneeId: firstAssignee });
      if (fate < 0.11 && compound.firmId) {
        // The firm returns it; the community re-dispatches to another firm.
        at += 3 * HOUR;
        add({ at, action: 'RETURN', actorId: handlerId(firstAssignee), note: '非本公司管辖' });
        assignee = world.firmIds[(world.firmIds.indexOf(compound.firmId) + 1) % world.firmIds.length];
        at += HOUR;
        add({ at, action: 'DISPATCH', actorId: staffId(ci), note: null, assigneeId: assignee });
      }
      // Some are still open when the history ends.
      if (at > end - 4 * DAY && rnd.chance(0.5)) {
        stopAtEnd(steps, end);
        continue;
      }
      at += rnd.chance(0.12) ? (urgent ? 3 : 30) * HOUR : (urgent ? 1 : 4) * HOUR; // some accepted after the response due time
      add({ at, action: 'ACCEPT', actorId: handlerId(assignee), note: null });
      at += rnd.chance(0.15) ? (urgent ? 30 : 90) * HOUR : (urgent ? 6 : 30) * HOUR; // some resolved late
      add({ at, action: 'RESOLVE', actorId: handlerId(assignee), note: '已处理完毕' });
      if (rnd.chance(0.06)) {
        at += 5 * HOUR;
        add({ at, action: 'REOPEN', actorId: resident.id, note: '问题未解决' });
        at += 20 * HOUR;
        add({ at, action: 'RESOLVE', actorId: handlerId(assignee), note: '返工完成' });
      }
      const r = rnd.next();
      const score = r < 0.5 ? 5 : r < 0.75 ? 4 : r < 0.85 ? 3 : r < 0.93 ? 2 : 1;
      if (rnd.chance(0.1)) add({ at: at + AUTO_CLOSE_AFTER + SCHEDULER_LAG, action: 'AUTO_CLOSE', actorId: null, note: null }); // never rated
      else add({ at: at + rnd.int(2, 30) * HOUR, action: 'RATE', actorId: resident.id, note: score <= 2 ? '不满意' : '满意', score });
      stopAtEnd(steps, end);
    }
  });

  // The end of the history: in every community a ticket in each open state,
  // and the pool of resolved, unrated tickets the benchmark rates.
  let pooled = 0;
  world.communities.forEach((community, ci) => {
    const compound = community.compounds.find((k) => k.firmId) ?? community.compounds[0];
    const assignee = compound.firmId ?? community.id;
    const poolHere = Math.ceil(scale.ratingPool / world.communities.length);
    const states = ['SUBMITTED', 'DISPATCHED', 'ACCEPTED', ...Array<string>(poolHere).fill('POOL')];
    states.forEach((state, i) => {
      if (state === 'POOL' && pooled >= scale.ratingPool) return;
      const resident = community.residents[(ci + i) % community.residents.length];
      const steps: PlannedStep[] = [];
      const t: TicketPlan = {
        id: seededUuid(rnd),
        title: `待办${i}`,
        description: '电梯异响',
        category: 'PROPERTY_MANAGEMENT',
        channel: 'APP',
        priority: 'NORMAL',
        gridId: compound.gridIds[0],
        compoundId: compound.id,
        communityId: community.id,
        reporterId: resident.id,
        contactPhone: resident.phone,
        submittedAt: end - 20 * HOUR,
        steps,
      };
      tickets.push(t);
      if (state === 'SUBMITTED') return;
      steps.push({ at: end - 19 * HOUR, action: 'DISPATCH', actorId: staffId(ci), note: null, assigneeId: assignee });
      if (state === 'DISPATCHED') return;
      steps.push({ at: end - 18 * HOUR, action: 'ACCEPT', actorId: handlerId(assignee), note: null });
      if (state === 'ACCEPTED') return;
      steps.push({ at: end - 10 * HOUR, action: 'RESOLVE', actorId: handlerId(assignee), note: '已更换部件' });
      t.pool = { firmId: assignee };
      pooled++;
    });
  });

  // Inspections: about a third of the managed compounds each month; finalisation after each past month.
  const inspections: PlannedInspection[] = [];
  const finalisations: PlannedFinalisation[] = [];
  const managed = world.communities.flatMap((c, ci) => c.compounds.filter((k) => k.firmId).map((k) => ({ k, c, ci })));
  for (let m = 0; m <= scale.months; m++) {
    const monthStart = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + m, 1);
    for (const { k, c, ci } of managed) {
      if (!rnd.chance(0.3)) continue;
      const at = monthStart + rnd.int(2, 25) * DAY + 3 * HOUR;
      const items = [
        { item: '环境卫生', score: rnd.int(60, 100) },
        { item: '设施维护', score: rnd.int(55, 100) },
        { item: '秩序维护', score: rnd.int(65, 100) },
      ];
      if (at <= end) inspections.push({ at, firmId: k.firmId!, compoundId: k.id, staffId: staffId(ci), communityId: c.id, items });
    }
    if (m < scale.months) {
      const d = new Date(monthStart);
      const at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 3, 2);
      if (at <= end) finalisations.push({ at, period: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}` });
    }
  }
  return { start, end, tickets, inspections, finalisations };
}

import { pool, type Caller, type GraphQLClient } from '../client';
import type { Random } from '../random';
import type { Scale } from '../scales';
import * as op from './operations';
import type { SeedCommunity, SeedWorld } from './world';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const CATEGORIES = ['PROPERTY_MANAGEMENT', 'PROPERTY_MANAGEMENT', 'PROPERTY_MANAGEMENT', 'DISPUTE', 'ASSISTANCE', 'PUBLIC_AFFAIRS', 'CONVENIENCE_SERVICE'];
const CHANNELS = ['APP', 'WECHAT', 'HOTLINE', 'DOOR_KNOCKING'];

interface TicketState {
  id?: string;
  reporter: Caller;
  reporterId: string;
  community: SeedCommunity;
  assigneeId?: string;
}

interface Step {
  at: number;
  run: () => Promise<void>;
}

const handler = (orgId: string): Caller => ({ sub: `seed-handler-${orgId.slice(0, 8)}`, roles: ['HANDLER_STAFF'], orgs: [orgId] });

/**
 * Tickets over the past months in every state, through the contract's
 * mutations at believable times: an agenda of steps run in time order with the
 * stack's clock set to each step's time (steps due at the same hour run
 * concurrently). Late acceptances, overdue resolutions, returns, escalations,
 * reopenings, cancellations, bad and good ratings, unrated tickets left to
 * auto-close, inspections, monthly finalisation, and a pool of resolved tickets
 * left unrated for the benchmark.
 */
export async function seedTickets(
  client: GraphQLClient,
  world: Omit<SeedWorld, 'ratingPool' | 'ticketCount'>,
  scale: Scale,
  rnd: Random,
  clock: { set(at: Date): void },
  endAt: Date,
  progress: (label: string, done: number, total: number) => void,
): Promise<{ ratingPool: SeedWorld['ratingPool']; ticketCount: number }> {
  const steps: Step[] = [];
  const add = (at: number, run: () => Promise<void>) => steps.push({ at, run });
  const start = new Date(Date.UTC(endAt.getUTCFullYear(), endAt.getUTCMonth() - scale.months, 1, 1)).getTime();
  const span = endAt.getTime() - 3 * DAY - start;
  const ratingPool: SeedWorld['ratingPool'] = [];
  let ticketCount = 0;

  for (const community of world.communities) {
    const total = scale.ticketsPerCommunityMonth * (scale.months + 1);
    for (let n = 0; n < total; n++) {
      const resident = rnd.pick(community.residents);
      const compound = rnd.pick(community.compounds);
      const t: TicketState = { reporter: { sub: resident.id, roles: ['RESIDENT'] }, reporterId: resident.id, community };
      const submitAt = start + Math.floor(rnd.next() * span);
      const urgent = rnd.chance(0.05);
      const category = rnd.pick(CATEGORIES);
      ticketCount++;
      add(submitAt, async () => {
        const input = {
          title: `${category === 'DISPUTE' ? '邻里纠纷' : '报修'}${n}`,
          description: '楼道灯不亮，请尽快处理。',
          category,
          channel: rnd.pick(CHANNELS),
          gridId: rnd.pick(compound.gridIds),
          priority: urgent ? 'URGENT' : 'NORMAL',
          contactPhone: resident.phone,
        };
        t.id = (await client.request(op.SUBMIT_TICKET, { input }, t.reporter)).submitTicket.ticket.id;
      });
      const fate = rnd.next();
      if (fate < 0.05) {
        add(submitAt + 2 * HOUR, () => client.request(op.CANCEL_TICKET, { id: t.id, reason: '已自行解决' }, t.reporter).then(() => undefined));
        continue;
      }
      let at = submitAt + HOUR;
      if (fate < 0.08) {
        // Small matters stay in the compound, big ones go to the community.
        add(at, () => client.request(op.ESCALATE_TICKET, { id: t.id, reason: '需社区协调' }, community.staff).then(() => undefined));
        at += HOUR;
      }
      const firstAssignee = category === 'DISPUTE' ? world.policeIds[world.streetIds.indexOf(community.streetId)] : compound.firmId ?? community.id;
      add(at, async () => {
        t.assigneeId = firstAssignee;
        await client.request(op.DISPATCH_TICKET, { id: t.id, assigneeId: firstAssignee }, community.staff);
      });
      if (fate < 0.11 && compound.firmId) {
        // The firm returns it; the community re-dispatches to another firm.
        at += 3 * HOUR;
        add(at, () => client.request(op.RETURN_TICKET, { id: t.id, reason: '非本公司管辖' }, handler(firstAssignee)).then(() => undefined));
        const other = world.firmIds[(world.firmIds.indexOf(compound.firmId) + 1) % world.firmIds.length];
        at += HOUR;
        add(at, async () => {
          t.assigneeId = other;
          await client.request(op.DISPATCH_TICKET, { id: t.id, assigneeId: other }, community.staff);
        });
      }
      // Some are still open when the seeding ends.
      if (at > endAt.getTime() - 4 * DAY && rnd.chance(0.5)) continue;
      at += rnd.chance(0.12) ? (urgent ? 3 : 30) * HOUR : (urgent ? 1 : 4) * HOUR; // some accepted after the response due time
      add(at, () => client.request(op.ACCEPT_TICKET, { id: t.id }, handler(t.assigneeId!)).then(() => undefined));
      at += rnd.chance(0.15) ? (urgent ? 30 : 90) * HOUR : (urgent ? 6 : 30) * HOUR; // some resolved late
      add(at, () => client.request(op.RESOLVE_TICKET, { id: t.id, feedback: '已处理完毕' }, handler(t.assigneeId!)).then(() => undefined));
      if (rnd.chance(0.06)) {
        at += 5 * HOUR;
        add(at, () => client.request(op.REOPEN_TICKET, { id: t.id, reason: '问题未解决' }, t.reporter).then(() => undefined));
        at += 20 * HOUR;
        add(at, () => client.request(op.RESOLVE_TICKET, { id: t.id, feedback: '返工完成' }, handler(t.assigneeId!)).then(() => undefined));
      }
      if (at > endAt.getTime()) continue;
      if (rnd.chance(0.1)) continue; // never rated: auto-closes after 7 days
      const r = rnd.next();
      const score = r < 0.5 ? 5 : r < 0.75 ? 4 : r < 0.85 ? 3 : r < 0.93 ? 2 : 1;
      add(at + rnd.int(2, 30) * HOUR, () => client.request(op.RATE_TICKET, { id: t.id, score, comment: score <= 2 ? '不满意' : '满意' }, t.reporter).then(() => undefined));
    }
  }

  // The end of the history: in every community a ticket in each open state,
  // and the pool of resolved, unrated tickets the benchmark rates.
  const end = endAt.getTime();
  world.communities.forEach((community, ci) => {
    const compound = community.compounds.find((k) => k.firmId) ?? community.compounds[0];
    const assignee = compound.firmId ?? community.id;
    const openStates = ['SUBMITTED', 'DISPATCHED', 'ACCEPTED'];
    const poolHere = Math.ceil(scale.ratingPool / world.communities.length);
    [...openStates, ...Array(poolHere).fill('POOL')].forEach((state, i) => {
      if (state === 'POOL' && ratingPool.length + i - openStates.length >= scale.ratingPool) return;
      const resident = community.residents[(ci + i) % community.residents.length];
      const t: TicketState = { reporter: { sub: resident.id, roles: ['RESIDENT'] }, reporterId: resident.id, community };
      ticketCount++;
      add(end - 20 * HOUR, async () => {
        const input = { title: `待办${i}`, description: '电梯异响', category: 'PROPERTY_MANAGEMENT', channel: 'APP', gridId: compound.gridIds[0], contactPhone: resident.phone };
        t.id = (await client.request(op.SUBMIT_TICKET, { input }, t.reporter)).submitTicket.ticket.id;
      });
      if (state === 'SUBMITTED') return;
      add(end - 19 * HOUR, () => client.request(op.DISPATCH_TICKET, { id: t.id, assigneeId: assignee }, community.staff).then(() => undefined));
      if (state === 'DISPATCHED') return;
      add(end - 18 * HOUR, () => client.request(op.ACCEPT_TICKET, { id: t.id }, handler(assignee)).then(() => undefined));
      if (state === 'ACCEPTED') return;
      add(end - 10 * HOUR, async () => {
        await client.request(op.RESOLVE_TICKET, { id: t.id, feedback: '已更换部件' }, handler(assignee));
        ratingPool.push({ ticketId: t.id!, reporterId: t.reporterId, firmId: assignee });
      });
    });
  });

  // Inspections: each firm's compounds twice a month; finalisation after each past month.
  const managed = world.communities.flatMap((c) => c.compounds.filter((k) => k.firmId).map((k) => ({ k, c })));
  for (let m = 0; m <= scale.months; m++) {
    const monthStart = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + m, 1);
    for (const { k, c } of managed) {
      if (!rnd.chance(0.3)) continue;
      const at = monthStart + rnd.int(2, 25) * DAY;
      if (at > endAt.getTime()) continue;
      const items = [
        { item: '环境卫生', score: rnd.int(60, 100) },
        { item: '设施维护', score: rnd.int(55, 100) },
        { item: '秩序维护', score: rnd.int(65, 100) },
      ];
      add(at, () => client.request(op.RECORD_INSPECTION, { input: { firmId: k.firmId, compoundId: k.id, items } }, c.staff).then(() => undefined));
    }
    if (m < scale.months) {
      const d = new Date(monthStart);
      const period = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      const districtAdmin: Caller = { sub: 'seed-district-admin', roles: ['DISTRICT_ADMIN'], orgs: [world.districtId] };
      add(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 3, 2), () => client.request(op.FINALISE_ASSESSMENTS, { scopeId: world.districtId, period }, districtAdmin).then(() => undefined));
    }
  }

  // Run the agenda hour by hour (stable order within an hour keeps each ticket's steps in sequence).
  steps.sort((a, b) => a.at - b.at);
  const buckets = new Map<number, Step[]>();
  for (const s of steps) {
    const hour = Math.floor(s.at / HOUR);
    const bucket = buckets.get(hour) ?? [];
    bucket.push(s);
    buckets.set(hour, bucket);
  }
  let done = 0;
  for (const [hour, bucket] of [...buckets.entries()].sort((a, b) => a[0] - b[0])) {
    clock.set(new Date(hour * HOUR + 30 * 60_000));
    await pool(bucket, 16, (s) => s.run());
    done += bucket.length;
    progress('ticket steps', done, steps.length);
  }
  clock.set(endAt);
  return { ratingPool, ticketCount };
}

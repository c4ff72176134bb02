import { OutboxEvent } from '@linli/events';
import { GridNodeEntity, TicketEntity, TimelineEntryEntity } from '@linli/tickets';
import { waitFor } from '@linli/testing';
import { contractOperation } from './contract';
import { awaitPlaced, buildDistrict, type District } from './fixtures';
import type { Caller, GqlResult, TestStack } from './harness';

/** A clock the tests move (due times, overdue, the scheduler); starts at a fixed instant. */
export class TestClock {
  private at: number;
  constructor(start = '2026-11-22T01:00:00.000Z') {
    this.at = Date.parse(start);
  }
  readonly now = () => new Date(this.at);
  advance(hours: number): Date {
    this.at += hours * 3_600_000;
    return this.now();
  }
  set(iso: string): void {
    this.at = Date.parse(iso);
  }
}

/** Sends a contract operation, unchanged, as a caller. */
export const op = <T = any>(stack: TestStack, name: string, variables: Record<string, unknown>, as: Caller | null): Promise<GqlResult<T>> =>
  stack.gql<T>(contractOperation(name), variables, as);

/** Sends a contract operation and fails the test on any error. */
export async function ok<T = any>(stack: TestStack, name: string, variables: Record<string, unknown>, as: Caller | null): Promise<T> {
  const r = await op<T>(stack, name, variables, as);
  if (r.errors) throw new Error(`${name} ${JSON.stringify(variables)}: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** The first error's contract extensions (code, and field or status/action), for compact assertions. */
export const rejection = (r: GqlResult<unknown>) => {
  const { code, field, status, action } = r.errors?.[0]?.extensions ?? {};
  return Object.fromEntries(Object.entries({ code, field, status, action }).filter(([, v]) => v !== undefined));
};

export interface Resident extends Caller {
  personId: string;
  phone: string;
}

/** The district of fixtures.ts plus the territory tickets need: a commercial compound, grids, residents. */
export interface Territory extends District {
  compoundId: string;
  /** A COMPOUND grid covering the compound: its tickets start at COMPOUND level. */
  compoundGridId: string;
  /** A COMMUNITY_AREA grid of the same community outside any compound: tickets start at COMMUNITY level. */
  areaGridId: string;
  neighbourGridId: string;
  farGridId: string;
  residents: { alice: Resident; bob: Resident; carol: Resident };
  /** Grid worker of the neighbour community, and admins of the other street. */
  neighbourGridWorker: Caller;
  otherStreetAdmin: Caller;
  policeStaff: Caller;
}

async function createGrid(stack: TestStack, as: Caller, input: Record<string, unknown>): Promise<string> {
  const data = await ok(stack, 'CreateGrid', { input: { households: 120, residents: 300, ...input } }, as);
  return data.createGrid.grid.id;
}

async function registerResident(stack: TestStack, as: Caller, name: string, phone: string): Promise<Resident> {
  const data = await ok(stack, 'RegisterPerson', { input: { name, phone, partyMember: false } }, as);
  const personId = data.registerPerson.person.id as string;
  await awaitPlaced(stack, [personId]);
  return { sub: personId, roles: ['RESIDENT'], orgs: [], personId, phone };
}

/**
 * Builds the district through the contract (organisations, compound, grids,
 * residents) and waits until the tickets subgraph's projections know every
 * grid, so tickets can be submitted at once.
 */
export async function buildTerritory(stack: TestStack, tag = ''): Promise<Territory> {
  const d = await buildDistrict(stack, tag);
  const staff = d.callers.communityStaff;
  const neighbourStaff = d.callers.neighbourStaff;
  const farStaff: Caller = { sub: 'far-staff', roles: ['COMMUNITY_STAFF'], orgs: [d.farCommunityId] };

  const compound = await ok(
    stack,
    'CreateCompound',
    { input: { name: '西关小区', communityId: d.communityId, managementMode: 'COMMERCIAL', households: 480, propertyFirmId: d.firmId } },
    staff,
  );
  const compoundId = compound.createCompound.compound.id as string;
  const areaGridId = await createGrid(stack, staff, { code: `XG${tag}-A`, name: '西关一网格', level: 'COMMUNITY_AREA', communityId: d.communityId });
  const compoundGridId = await createGrid(stack, staff, {
    code: `XG${tag}-C`,
    name: '西关小区网格',
    level: 'COMPOUND',
    communityId: d.communityId,
    parentId: areaGridId,
    compoundId,
  });
  const neighbourGridId = await createGrid(stack, neighbourStaff, { code: `DG${tag}-A`, name: '东关一网格', level: 'COMMUNITY_AREA', communityId: d.neighbourId });
  const farGridId = await createGrid(stack, farStaff, { code: `DM${tag}-A`, name: '大麦市一网格', level: 'COMMUNITY_AREA', communityId: d.farCommunityId });

  const residents = {
    alice: await registerResident(stack, staff, '王秀兰', '13912340001'),
    bob: await registerResident(stack, staff, '李建国', '13723450002'),
    carol: await registerResident(stack, neighbourStaff, '张桂芳', '15834560003'),
  };

  const grids = [areaGridId, compoundGridId, neighbourGridId, farGridId];
  await waitFor(async () => expect(await stack.subgraphs.tickets.orm.em.fork().count(GridNodeEntity, { id: { $in: grids } })).toBe(grids.length), {
    timeoutMs: 10_000,
    intervalMs: 50,
  });

  return {
    ...d,
    compoundId,
    compoundGridId,
    areaGridId,
    neighbourGridId,
    farGridId,
    residents,
    neighbourGridWorker: { sub: 'neighbour-grid-worker', roles: ['GRID_WORKER'], orgs: [d.neighbourId] },
    otherStreetAdmin: { sub: 'other-street-admin', roles: ['STREET_ADMIN'], orgs: [d.otherStreetId] },
    policeStaff: { sub: 'police-staff', roles: ['HANDLER_STAFF'], orgs: [d.policeId] },
  };
}

/** A SubmitTicketInput with sensible defaults. */
export const ticketInput = (gridId: string, extra: Record<string, unknown> = {}) => ({
  title: '楼道灯不亮',
  description: '3号楼2单元楼道灯坏了一周，晚上看不见路。',
  category: 'PROPERTY_MANAGEMENT',
  channel: 'APP',
  gridId,
  contactPhone: '13812345678',
  ...extra,
});

export async function submit(stack: TestStack, as: Caller, input: Record<string, unknown>) {
  const data = await ok(stack, 'SubmitTicket', { input }, as);
  return data.submitTicket.ticket as { id: string; code: string; status: string; escalationLevel: string; createdAt: string };
}

/** The events the tickets subgraph recorded, oldest first. */
export const ticketEvents = (stack: TestStack, type?: string) =>
  stack.subgraphs.tickets.orm.em.fork().find(OutboxEvent, type ? { type } : {}, { orderBy: { seq: 'asc' } });

/** A ticket's row and timeline as stored (for "a rejected mutation changes nothing"). */
export async function storedTicket(stack: TestStack, id: string) {
  const em = stack.subgraphs.tickets.orm.em.fork();
  const row = await em.findOneOrFail(TicketEntity, { id });
  const timeline = await em.find(TimelineEntryEntity, { ticketId: id }, { orderBy: { seq: 'asc' } });
  return { row, timeline };
}

import { OutboxEvent } from '@linli/events';
import type { Caller, GqlResult, TestStack } from './harness';
import { contractOperation } from './contract';
import { SYSTEM_ADMIN, awaitPlaced } from './fixtures';

/** A point `x` degrees east and `y` degrees north of a corner in Xi'an (always computed the same way: shared vertices are equal). */
export const ORIGIN = { lat: 34.26, lng: 108.93 };
export const at = (x: number, y: number) => ({ lat: ORIGIN.lat + y, lng: ORIGIN.lng + x });
export const ring = (...xy: [number, number][]) => xy.map(([x, y]) => at(x, y));

/**
 * The territory of the end-to-end tests, in degrees from ORIGIN (x east, y north):
 * - AREA: a concave L, 0.01° square without its north-east quarter (the notch);
 * - COMPOUND: the south-west 0.006 × 0.004 of it;
 * - WEST and EAST: two building grids inside COMPOUND sharing the edge x = 0.003.
 */
export const AREA = ring([0, 0], [0.01, 0], [0.01, 0.005], [0.005, 0.005], [0.005, 0.01], [0, 0.01]);
export const COMPOUND = ring([0, 0], [0.006, 0], [0.006, 0.004], [0, 0.004], [0, 0]);
export const WEST = ring([0, 0], [0.003, 0], [0.003, 0.002], [0, 0.002]);
export const EAST = ring([0.003, 0], [0.006, 0], [0.006, 0.002], [0.003, 0.002]);

/** Sends a contract operation, unchanged, as a caller. */
export const op = <T = any>(stack: TestStack, name: string, variables: Record<string, unknown>, as: Caller | null): Promise<GqlResult<T>> =>
  stack.gql<T>(contractOperation(name), variables, as);

/** The first error's code and field, for compact assertions on rejections. */
export const rejection = (r: GqlResult<unknown>) => {
  const e = r.errors?.[0]?.extensions ?? {};
  return e.field === undefined ? { code: e.code } : { code: e.code, field: e.field };
};

/** Row counts of every table the grids subgraph writes, its outbox included: a rejected mutation leaves them as they were. */
export async function gridsRowCounts(stack: TestStack): Promise<Record<string, number>> {
  const conn = stack.subgraphs.grids.orm.em.fork().getConnection();
  const counts: Record<string, number> = {};
  for (const table of ['compound', 'compound_management', 'grid', 'grid_cell', 'grid_staff', 'visit']) {
    counts[table] = Number((await conn.execute(`select count(*) as n from ${table}`))[0].n);
  }
  // Domain events only: the audit trail records every successful staff call, a no-op included.
  counts.outbox_event = Number((await conn.execute(`select count(*) as n from outbox_event where type not like '%.audit.recorded'`))[0].n);
  return counts;
}

/** The events the grids subgraph recorded, oldest first. */
export const gridsEvents = (stack: TestStack, type?: string) =>
  stack.subgraphs.grids.orm.em.fork().find(OutboxEvent, type ? { type } : {}, { orderBy: { seq: 'asc' } });

/** Registers a person in the caller's organisation and returns their id. */
export async function registerPerson(stack: TestStack, as: Caller, name: string, phone: string): Promise<string> {
  const r = await op(stack, 'RegisterPerson', { input: { name, phone, partyMember: true } }, as);
  if (r.errors) throw new Error(`RegisterPerson: ${JSON.stringify(r.errors)}`);
  const id = r.data.registerPerson.person.id as string;
  await awaitPlaced(stack, [id]);
  return id;
}

/** A compound's state as the admin console reads it (through the gateway). */
export async function readCompound(stack: TestStack, id: string) {
  const r = await stack.gql(
    `query($id: ID!) { compound(id: $id) { id name managementMode firmUnderReview propertyFirm { id } partyOrganisation { id } ownersCommittee { id }
       managementHistory { managementMode propertyFirm { id } since until } } }`,
    { id },
    SYSTEM_ADMIN,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.compound;
}

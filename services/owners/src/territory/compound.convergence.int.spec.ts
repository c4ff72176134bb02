import {
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  CompoundUpdated,
  createEnvelope,
  eventEntities,
  type CompoundStateV1,
  type EventEnvelope,
} from '@linli/events';
import { createLogger, monthOf } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { useTestSqlite, deliverScrambled, producerClock, seededRandom } from '@linli/testing';
import { ownersSubgraph } from '../subgraph';
import { CompoundEntity, CompoundFirmTermEntity } from './compound.entity';
import { compoundProjectionHandlers } from './compound.projection';

const COMMUNITY = '00000000-0000-4000-8000-00000000c001';
const FIRMS = ['00000000-0000-4000-8000-00000000f001', '00000000-0000-4000-8000-00000000f002', '00000000-0000-4000-8000-00000000f003'];
const BASE = Date.parse('2026-01-01T00:00:00.000Z');
const id = (n: number, kind: string) => `00000000-0000-4000-8000-${kind}${String(n).padStart(11, '0')}`;

/**
 * A random history of the grids service's compounds (created, firm changed, organisations set, updated;
 * several changes a month) and the copy it must leave: each compound's last state, and per month the firm
 * of the month's last firm change.
 */
function history(random: () => number, steps: number) {
  const compounds = new Map<string, CompoundStateV1 & { sequence: number }>();
  const events: EventEnvelope[] = [];
  // The producer's order is each compound's change number: one change every ~9 days, but occurredAt does not
  // follow it (same millisecond, replicas with skewed clocks).
  const at = producerClock(random, BASE, 9 * 86_400_000);
  const next = (c: CompoundStateV1 & { sequence: number }) => ({ ...c, sequence: ++c.sequence });
  const terms = new Map<string, string | null>();
  const firm = () => FIRMS[Math.floor(random() * FIRMS.length)];
  for (let i = 0; i < steps; i++) {
    const r = random();
    const pick = [...compounds.values()][Math.floor(random() * compounds.size)];
    const occurredAt = at();
    if (!pick || r < 0.2) {
      const c: CompoundStateV1 & { sequence: number } = {
        compoundId: id(compounds.size + 1, 'a'),
        name: `小区 ${compounds.size + 1}`,
        communityId: COMMUNITY,
        communityAncestorIds: [],
        households: 100,
        managementMode: 'COMMERCIAL',
        propertyFirmId: firm(),
        partyOrganisationId: null,
        ownersCommitteeId: null,
        sequence: 0,
      };
      compounds.set(c.compoundId, c);
      events.push(createEnvelope(CompoundCreated, next(c), { source: 'grids', occurredAt }));
      terms.set(`${c.compoundId} ${monthOf(new Date(occurredAt))}`, c.propertyFirmId);
    } else if (r < 0.55) {
      const previousFirmId = pick.propertyFirmId;
      const self = random() < 0.2;
      Object.assign(pick, { managementMode: self ? 'SELF_MANAGED' : 'COMMERCIAL', propertyFirmId: self ? null : firm() });
      events.push(createEnvelope(CompoundFirmChanged, { ...next(pick), previousFirmId, changedAt: occurredAt }, { source: 'grids', occurredAt }));
      terms.set(`${pick.compoundId} ${monthOf(new Date(occurredAt))}`, pick.propertyFirmId);
    } else if (r < 0.8) {
      Object.assign(pick, { partyOrganisationId: id(i, 'b'), ownersCommitteeId: random() < 0.5 ? id(i, 'c') : null });
      events.push(createEnvelope(CompoundOrganisationsSet, next(pick), { source: 'grids', occurredAt }));
    } else {
      pick.name = `${pick.name}'`;
      events.push(createEnvelope(CompoundUpdated, next(pick), { source: 'grids', occurredAt }));
    }
  }
  const expected = {
    compounds: [...compounds.values()]
      .map((c) => ({ id: c.compoundId, name: c.name, communityId: c.communityId, managementMode: c.managementMode, propertyFirmId: c.propertyFirmId, partyOrganisationId: c.partyOrganisationId, ownersCommitteeId: c.ownersCommitteeId }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    terms: [...terms].map(([key, propertyFirmId]) => `${key} ${propertyFirmId}`).sort(),
  };
  return { events, expected };
}

/** Issue 11: the owners service's copy of the compounds and their firm terms ends equal to the source whatever the delivery order. */
describe('compound copy (owners) converges whatever the delivery order', () => {
  const db = useTestSqlite('compoundconv', (path) =>
    openDatabase({ service: 'compoundconv', target: { driver: 'sqlite', file: path }, entities: [...ownersSubgraph.entities, ...eventEntities], migrations: [], logger: createLogger('t', 'silent') }),
  );

  it.each(Array.from({ length: 8 }, (_, i) => i + 1))('random permutation with duplicates, seed %i: compounds and firm terms equal the source', async (seed) => {
    const random = seededRandom(seed);
    const { events, expected } = history(random, 40);
    await db().em.fork().nativeDelete(CompoundFirmTermEntity, {});
    await db().em.fork().nativeDelete(CompoundEntity, {});
    await deliverScrambled(events, (e) => db().em.fork().transactional((tx) => compoundProjectionHandlers[e.type](tx, e)), random);
    const compounds = await db().em.fork().find(CompoundEntity, {}, { orderBy: { id: 'asc' } });
    const terms = await db().em.fork().find(CompoundFirmTermEntity, {});
    expect({
      compounds: compounds.map((c) => ({ id: c.id, name: c.name, communityId: c.communityId, managementMode: c.managementMode, propertyFirmId: c.propertyFirmId, partyOrganisationId: c.partyOrganisationId, ownersCommitteeId: c.ownersCommitteeId })),
      terms: terms.map((t) => `${t.compoundId} ${t.fromMonth} ${t.propertyFirmId}`).sort(),
    }).toEqual(expected);
  });
});

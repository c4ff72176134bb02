import { MikroORM } from '@mikro-orm/core';
import { CompoundCreated, CompoundFirmChanged, CompoundOrganisationsSet, createEnvelope, eventEntities, type CompoundStateV1, type EventEnvelope } from '@linli/events';
import { createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { createTestSqliteFile, deliverScrambled, producerClock, seededRandom } from '@linli/testing';
import { notificationsSubgraph } from '../subgraph';
import { firmCompoundConsumers } from './firm-compound.consumers';
import { FirmCompoundEntity } from './firm-compound.entity';

const COMMUNITIES = ['00000000-0000-4000-8000-00000000c001', '00000000-0000-4000-8000-00000000c002'];
const FIRMS = ['00000000-0000-4000-8000-00000000f001', '00000000-0000-4000-8000-00000000f002', null];
const BASE = Date.parse('2026-01-01T00:00:00.000Z');

/** A random history of compounds changing firm (or none) and organisations, and which firm manages each at the end. */
function history(random: () => number, steps: number) {
  const compounds = new Map<string, CompoundStateV1 & { sequence: number }>();
  const events: EventEnvelope[] = [];
  // The producer's order is each compound's change number; occurredAt does not follow it (same millisecond, skewed clocks).
  const at = producerClock(random, BASE, 86_400_000);
  const bump = (c: CompoundStateV1 & { sequence: number }) => ({ ...c, sequence: ++c.sequence });
  for (let i = 0; i < steps; i++) {
    const pick = [...compounds.values()][Math.floor(random() * compounds.size)];
    const r = random();
    if (!pick || r < 0.25) {
      const c: CompoundStateV1 & { sequence: number } = {
        compoundId: `00000000-0000-4000-8000-a${String(compounds.size + 1).padStart(11, '0')}`,
        name: `小区 ${compounds.size + 1}`,
        communityId: COMMUNITIES[Math.floor(random() * COMMUNITIES.length)],
        communityAncestorIds: [],
        households: 100,
        managementMode: 'COMMERCIAL',
        propertyFirmId: FIRMS[0],
        partyOrganisationId: null,
        ownersCommitteeId: null,
        sequence: 0,
      };
      compounds.set(c.compoundId, c);
      events.push(createEnvelope(CompoundCreated, bump(c), { source: 'grids', occurredAt: at() }));
    } else if (r < 0.75) {
      const previousFirmId = pick.propertyFirmId;
      const next = FIRMS[Math.floor(random() * FIRMS.length)];
      Object.assign(pick, { propertyFirmId: next, managementMode: next ? 'COMMERCIAL' : 'SELF_MANAGED' });
      const occurredAt = at();
      events.push(createEnvelope(CompoundFirmChanged, { ...bump(pick), previousFirmId, changedAt: occurredAt }, { source: 'grids', occurredAt }));
    } else {
      pick.partyOrganisationId = `00000000-0000-4000-8000-e${String(i).padStart(11, '0')}`;
      events.push(createEnvelope(CompoundOrganisationsSet, bump(pick), { source: 'grids', occurredAt: at() }));
    }
  }
  return { events, expected: [...compounds.values()].map((c) => `${c.compoundId} ${c.propertyFirmId} ${c.communityId}`).sort() };
}

/** Issue 11: notifications' copy of which firm manages which compound ends equal to the source whatever the delivery order. */
describe('firm-compound copy (notifications) converges whatever the delivery order', () => {
  let orm: MikroORM;
  let file: { path: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    file = createTestSqliteFile('firmcompoundconv');
    orm = await openDatabase({
      service: 'firmcompoundconv',
      target: { driver: 'sqlite', file: file.path },
      entities: [...notificationsSubgraph.entities, ...eventEntities],
      migrations: [],
      logger: createLogger('t', 'silent'),
    });
  });
  afterAll(async () => {
    await orm?.close(true);
    await file?.cleanup();
  });

  it.each(Array.from({ length: 8 }, (_, i) => i + 1))('random permutation with duplicates, seed %i: every compound has its last firm', async (seed) => {
    const random = seededRandom(seed);
    const { events, expected } = history(random, 40);
    await orm.em.fork().nativeDelete(FirmCompoundEntity, {});
    await deliverScrambled(events, (e) => orm.em.fork().transactional((tx) => firmCompoundConsumers[e.type](tx, e)), random);
    const rows = await orm.em.fork().find(FirmCompoundEntity, {});
    expect(rows.map((r) => `${r.compoundId} ${r.firmId} ${r.communityId}`).sort()).toEqual(expected);
  });
});

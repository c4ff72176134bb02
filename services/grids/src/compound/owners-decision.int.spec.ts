import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { createEnvelope, eventEntities, OutboxEvent, ProposalDecided, type ProposalDecidedV1 } from '@linli/events';
import { createLogger } from '@linli/platform';
import { OrgNodeSchema, openDatabase } from '@linli/subgraph-kit';
import { CompoundEntity, CompoundManagementEntity } from './compound.entity';
import { compoundConsumers } from './compound.consumers';

/**
 * The owners' decision on the grids side (SQLite, the handlers the kit runs
 * once per event): a passed FIRM_HIRE_OR_DISMISS opens a term noting the
 * proposal, once even if the decision arrives again under another id; other
 * outcomes and kinds change nothing.
 */
describe('a passed FIRM_HIRE_OR_DISMISS on the grids side', () => {
  let orm: MikroORM;
  let dir: string;
  const since = new Date('2026-11-01T00:00:00Z');
  const decision = (over: Partial<ProposalDecidedV1> = {}): ProposalDecidedV1 => ({
    proposalId: 'p-1',
    compoundId: 'c-1',
    communityId: 'community',
    communityAncestorIds: ['district', 'street'],
    kind: 'FIRM_HIRE_OR_DISMISS',
    title: '更换物业',
    status: 'PASSED',
    decidedAt: '2026-12-01T02:00:00.000Z',
    propertyFirmId: 'new-firm',
    centsPerSqmMonth: null,
    amountCents: null,
    ownerPersonIds: [],
    ...over,
  });
  const apply = (payload: ProposalDecidedV1) =>
    orm.em.fork().transactional((em) => compoundConsumers[ProposalDecided.type](em, createEnvelope(ProposalDecided, payload, { source: 'owners' })));
  const terms = () => orm.em.fork().find(CompoundManagementEntity, { compoundId: 'c-1' }, { orderBy: { since: 'asc' } });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'grids-owners-'));
    orm = await openDatabase({
      service: 'grids-owners',
      target: { driver: 'sqlite', file: path.join(dir, 'grids.db') },
      entities: [CompoundEntity, CompoundManagementEntity, OrgNodeSchema, ...eventEntities],
      migrations: [],
      logger: createLogger('test', 'silent'),
    });
    const em = orm.em.fork();
    em.create(OrgNodeSchema, { id: 'community', name: '西关社区', kind: 'COMMUNITY', parentId: 'street', path: '/district/street/', updatedAt: since });
    em.create(CompoundEntity, {
      id: 'c-1', name: '西关小区', communityId: 'community', households: 10, address: null, managementMode: 'COMMERCIAL', propertyFirmId: 'old-firm',
      partyOrganisationId: null, ownersCommitteeId: null, firmUnderReview: true, createdAt: since,
    });
    em.create(CompoundManagementEntity, { id: 't-1', compoundId: 'c-1', managementMode: 'COMMERCIAL', propertyFirmId: 'old-firm', since, until: null, proposalId: null });
    await em.flush();
  });
  afterAll(async () => {
    await orm?.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ignores other outcomes and kinds', async () => {
    await apply(decision({ status: 'REJECTED' }));
    await apply(decision({ kind: 'FEE_CHANGE', propertyFirmId: null, centsPerSqmMonth: 200 }));
    expect(await terms()).toHaveLength(1);
  });

  it('opens one term noting the proposal, clears the review and announces the change once', async () => {
    await apply(decision());
    await apply(decision());
    const [old, current] = await terms();
    expect(old.until?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(current).toMatchObject({ propertyFirmId: 'new-firm', managementMode: 'COMMERCIAL', proposalId: 'p-1', replacedFirmUnderReview: true, until: null });
    expect(await terms()).toHaveLength(2);
    const compound = await orm.em.fork().findOneOrFail(CompoundEntity, { id: 'c-1' });
    expect(compound).toMatchObject({ propertyFirmId: 'new-firm', managementMode: 'COMMERCIAL', firmUnderReview: false });
    const events = await orm.em.fork().find(OutboxEvent, { type: 'grids.compound.firmChanged' });
    // The compound's second change (its creation was the first): copies order its events by this number.
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ compoundId: 'c-1', propertyFirmId: 'new-firm', previousFirmId: 'old-firm', communityAncestorIds: ['district', 'street'], sequence: 2 })]);
  });
});

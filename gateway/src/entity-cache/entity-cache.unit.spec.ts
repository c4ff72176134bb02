import { buildSchema } from 'graphql';
import { createEnvelope, AssessmentChanged, GridUpdated, OrganisationRenamed, PersonPlaced } from '@linli/events';
import { EntityCache } from './entity-cache';
import { fetchEntitiesThroughCache } from './cached-fetch';
import { invalidatedBy } from './invalidation';
import { PUBLIC_FIELDS } from './public-fields';
import { dependenciesOf, entityShapeOf } from './shape';

// The shapes of the supergraph's public registry, as the query planner asks subgraphs for them.
const schema = buildSchema(`
  type Query { _entities(representations: [String!]!): [Entity]! }
  union Entity = Organisation | Grid
  type Organisation { id: ID! name: String! kind: String! parent: Organisation contactPhone: String assessment(period: String!): Assessment people: [Person!]! }
  type Assessment { period: String! score: Float! grade: String! deductions: [Deduction!]! }
  type Deduction { points: Int! }
  type Person { id: ID! phone: String }
  type Grid { id: ID! code: String! level: String! community: Organisation! staff: [Person!]! }
`);

const GRIDS = 'query Export__grids__1($representations:[_Any!]!){_entities(representations:$representations){...on Grid{code level community{__typename id}}}}';
const ORGS = 'query Export__organisations__2($representations:[_Any!]!){_entities(representations:$representations){...on Organisation{name parent{id name}}}}';
const ASSESSMENTS = 'query Export__evaluations__3($representations:[_Any!]!$period:String!){_entities(representations:$representations){...on Organisation{assessment(period:$period){score grade}}}}';

describe('which subgraph fetches the cache may answer', () => {
  it('takes entity fetches of public fields, nested public objects included', () => {
    for (const query of [GRIDS, ORGS, ASSESSMENTS]) expect(entityShapeOf(query, schema, PUBLIC_FIELDS)).not.toBeNull();
  });

  it.each([
    ['a field outside the public registry (phones)', '{_entities(representations:$r){...on Organisation{contactPhone}}}'],
    ["an organisation's people", '{_entities(representations:$r){...on Organisation{people{id}}}}'],
    ["a grid's staff", '{_entities(representations:$r){...on Grid{staff{phone}}}}'],
    ["an assessment's deductions (a deduction's ticket follows the ticket rules)", '{_entities(representations:$r){...on Organisation{assessment(period:"2026-11"){deductions{points}}}}}'],
    ['a root field', '{organisation{id}}'],
    ['a mutation', 'mutation{_entities(representations:$r){...on Grid{code}}}'],
    ['a conditional field', '{_entities(representations:$r){...on Grid{code @include(if:$x)}}}'],
    ['a fragment spread', '{_entities(representations:$r){...F}} fragment F on Grid{code}'],
    ['a broken document', '{_entities('],
  ])('fetches %s every time', (_what, query) => {
    expect(entityShapeOf(query, schema, PUBLIC_FIELDS)).toBeNull();
  });

  it("depends on the entity and on each nested entity it names (any of its type when it does not read the id); an assessment is part of its firm", () => {
    const orgs = entityShapeOf(ORGS, schema, PUBLIC_FIELDS)!.get('Organisation')!;
    expect([...dependenciesOf('Organisation:c1', { name: 'C', parent: { id: 's1', name: 'S' } }, orgs)]).toEqual(['Organisation:c1', 'Organisation:s1']);
    const noId = entityShapeOf('{_entities(representations:$r){...on Organisation{parent{name}}}}', schema, PUBLIC_FIELDS)!.get('Organisation')!;
    expect([...dependenciesOf('Organisation:c1', { parent: { name: 'S' } }, noId)]).toEqual(['Organisation:c1', 'Organisation:*']);
    const assessed = entityShapeOf(ASSESSMENTS, schema, PUBLIC_FIELDS)!.get('Organisation')!;
    expect([...dependenciesOf('Organisation:f1', { assessment: { score: 90, grade: 'GOOD' } }, assessed)]).toEqual(['Organisation:f1']);
  });
});

describe('what an event invalidates', () => {
  const meta = { source: 'test' };
  it('names the entity each registry event changes, and nothing for other events', () => {
    expect(invalidatedBy(createEnvelope(OrganisationRenamed, { organisationId: 'o1', name: 'N' }, meta))).toEqual(['Organisation:o1']);
    expect(invalidatedBy(createEnvelope(AssessmentChanged, { firmId: 'f1', period: '2026-11' }, meta))).toEqual(['Organisation:f1']);
    const grid = { gridId: 'g1', code: 'G', name: 'G', level: 'BUILDING_UNIT' as const, communityId: 'c', communityAncestorIds: [], compoundId: null, parentId: null, ancestorGridIds: [] };
    expect(invalidatedBy(createEnvelope(GridUpdated, grid, meta))).toEqual(['Grid:g1']);
    expect(invalidatedBy(createEnvelope(PersonPlaced, { personId: 'p', organisationIds: [], asOf: new Date().toISOString() }, meta))).toEqual([]);
  });

  it('invalidates everything for a version it cannot read, or a payload without its id', () => {
    const renamed = createEnvelope(OrganisationRenamed, { organisationId: 'o1', name: 'N' }, meta);
    expect(invalidatedBy({ ...renamed, version: 2 })).toEqual(['*']);
    expect(invalidatedBy({ ...renamed, payload: { name: 'N' } as never })).toEqual(['*']);
  });
});

describe('the entity cache', () => {
  const make = (settings = { maxEntries: 10, ttlMs: 60_000 }) => {
    let now = 0;
    const cache = new EntityCache(settings, undefined, () => now);
    cache.useSchema(schema);
    return { cache, tick: (ms: number) => (now += ms) };
  };

  it('answers a copy: what a request merges into its answer never reaches the cache', () => {
    const { cache } = make();
    cache.set('k', { name: 'A' }, 'organisations', ['Organisation:a'], cache.epoch());
    const first = cache.get('k') as Record<string, unknown>;
    first.people = [{ phone: '13800000000' }];
    expect(cache.get('k')).toEqual({ name: 'A' });
  });

  it('drops entries by entity, by type wildcard, by subgraph, by age and by least recent use', () => {
    const { cache, tick } = make({ maxEntries: 3, ttlMs: 1_000 });
    cache.set('a', 1, 'grids', ['Grid:a'], cache.epoch());
    cache.set('b', 2, 'organisations', ['Organisation:b', 'Organisation:*'], cache.epoch());
    cache.set('c', 3, 'evaluations', ['Organisation:c'], cache.epoch());
    cache.invalidate(['Organisation:x']);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    cache.invalidateSubgraph('grids');
    expect(cache.get('a')).toBeUndefined();
    cache.set('d', 4, 'grids', ['Grid:d'], cache.epoch());
    cache.set('e', 5, 'grids', ['Grid:e'], cache.epoch());
    cache.get('c');
    cache.set('f', 6, 'grids', ['Grid:f'], cache.epoch());
    // c was used after d: d goes first.
    expect([cache.get('c'), cache.get('d'), cache.size]).toEqual([3, undefined, 3]);
    tick(1_000);
    expect(cache.get('c')).toBeUndefined();
  });

  it('keeps nothing fetched while an invalidation arrived, nor while the bus is away', () => {
    const { cache } = make();
    const fetchedAt = cache.epoch();
    cache.invalidate(['Grid:unrelated']);
    cache.set('k', 1, 'grids', ['Grid:g'], fetchedAt);
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', 1, 'grids', ['Grid:g'], cache.epoch());
    cache.suspend();
    expect([cache.get('k'), cache.cacheable(GRIDS)]).toEqual([undefined, null]);
    cache.set('k', 1, 'grids', ['Grid:g'], cache.epoch());
    cache.resume();
    expect(cache.get('k')).toBeUndefined();
    expect(cache.cacheable(GRIDS)).not.toBeNull();
  });
});

describe('an entity fetch through the cache', () => {
  const grid = (id: string) => ({ __typename: 'Grid', id });
  const answer = (id: string) => ({ code: `code-${id}`, level: 'COMPOUND', community: { __typename: 'Organisation', id: `c-${id}` } });

  it('fetches only what it lacks and answers every position; a community event drops the grids that name it', async () => {
    const cache = new EntityCache({ maxEntries: 100, ttlMs: 60_000 });
    cache.useSchema(schema);
    const sent: string[][] = [];
    const fetch = async (reps: unknown[]) => {
      sent.push(reps.map((r) => (r as { id: string }).id));
      return { data: { _entities: reps.map((r) => answer((r as { id: string }).id)) } };
    };
    const vars = (ids: string[]) => ({ representations: ids.map(grid) });
    const first = await fetchEntitiesThroughCache(cache, 'grids', GRIDS, vars(['1', '2']), fetch);
    const second = await fetchEntitiesThroughCache(cache, 'grids', GRIDS, vars(['2', '3', '1']), fetch);
    expect(first?.data?._entities).toEqual([answer('1'), answer('2')]);
    expect(second?.data?._entities).toEqual([answer('2'), answer('3'), answer('1')]);
    cache.invalidate(['Organisation:c-2']);
    await fetchEntitiesThroughCache(cache, 'grids', GRIDS, vars(['1', '2', '3']), fetch);
    expect(sent).toEqual([['1', '2'], ['3'], ['2']]);
  });

  it("keeps nothing of an answer with errors, and moves the errors' paths to the original positions", async () => {
    const cache = new EntityCache({ maxEntries: 100, ttlMs: 60_000 });
    cache.useSchema(schema);
    await fetchEntitiesThroughCache(cache, 'grids', GRIDS, { representations: [grid('1')] }, async () => ({ data: { _entities: [answer('1')] } }));
    const failing = async () => ({ data: { _entities: [null] }, errors: [{ message: 'gone', path: ['_entities', 0, 'code'] }] });
    const mixed = await fetchEntitiesThroughCache(cache, 'grids', GRIDS, { representations: [grid('1'), grid('9')] }, failing);
    expect(mixed).toEqual({ data: { _entities: [answer('1'), null] }, errors: [{ message: 'gone', path: ['_entities', 1, 'code'] }] });
    let asked = 0;
    await fetchEntitiesThroughCache(cache, 'grids', GRIDS, { representations: [grid('9')] }, async () => (asked++, { data: { _entities: [answer('9')] } }));
    expect(asked).toBe(1);
  });

  it('leaves other fetches to the subgraph', async () => {
    const cache = new EntityCache({ maxEntries: 100, ttlMs: 60_000 });
    cache.useSchema(schema);
    const staff = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Grid{staff{phone}}}}';
    expect(await fetchEntitiesThroughCache(cache, 'grids', staff, { representations: [grid('1')] }, async () => ({ data: null }))).toBeNull();
  });
});

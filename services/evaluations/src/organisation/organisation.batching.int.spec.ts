import { randomUUID } from 'node:crypto';
import { createEnvelope, InProcessTransport, OrganisationCreated, ProcessedEvent, subjectFor } from '@linli/events';
import { createLogger, DEVELOPMENT_JWT_SECRET } from '@linli/platform';
import { startSubgraph, type RunningSubgraph } from '@linli/subgraph-kit';
import { createTestSqliteFile, mintToken, waitFor, type TestSqliteFile } from '@linli/testing';
import { evaluationsSubgraph } from '../subgraph';

const logger = createLogger('evaluations-test', 'warn');

/**
 * AllianceOverview and TicketExport ask for `assessment(period) { score grade }`
 * on every organisation of a page, through `_entities`: the subgraph must
 * answer a page with one query per field, whatever its size.
 */
describe('the organisation fields on a page of organisations (embedded SQLite)', () => {
  let file: TestSqliteFile;
  let transport: InProcessTransport;
  let running: RunningSubgraph;
  const firms = Array.from({ length: 40 }, () => randomUUID());
  const branch = randomUUID();

  beforeAll(async () => {
    file = createTestSqliteFile('evaluations-batching');
    transport = new InProcessTransport({ logger });
    running = await startSubgraph(evaluationsSubgraph, {
      port: 0,
      host: '127.0.0.1',
      database: { driver: 'sqlite', file: file.path },
      transport,
      subjectPrefix: 'linli',
      auth: { secret: DEVELOPMENT_JWT_SECRET },
      logger,
    });
    const district = randomUUID();
    const orgs = [
      createEnvelope(OrganisationCreated, { organisationId: district, name: '莲湖区', kind: 'DISTRICT', parentId: null, ancestorIds: [] }, { source: 'organisations' }),
      createEnvelope(OrganisationCreated, { organisationId: branch, name: '党支部', kind: 'PARTY_BRANCH', parentId: district, ancestorIds: [district] }, { source: 'organisations' }),
      ...firms.map((id, i) => createEnvelope(OrganisationCreated, { organisationId: id, name: `物业${i}`, kind: 'PROPERTY_FIRM', parentId: district, ancestorIds: [district] }, { source: 'organisations' })),
    ];
    for (const e of orgs) await transport.publish(subjectFor('linli', e), e);
    await waitFor(async () => expect(await running.orm.em.fork().count(ProcessedEvent, {})).toBe(orgs.length), { timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await running?.close();
    await transport?.close();
    await file?.cleanup();
  });

  async function entities(fields: string): Promise<{ data: any; queries: number }> {
    const token = await mintToken({ sub: 'analyst', roles: ['ANALYST'] });
    const res = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { id ${fields} } } }`,
        variables: { r: [...firms, branch].map((id) => ({ __typename: 'Organisation', id })) },
      }),
    });
    // The kit reports the SQL statements the request's resolvers ran (not the relay's polling).
    return { data: ((await res.json()) as any).data, queries: Number(res.headers.get('x-sql-statements')) };
  }

  it('costs one query for the assessments of 41 organisations', async () => {
    const { data, queries } = await entities('assessment(period: "2026-11") { score grade }');
    expect(queries).toBe(1);
    expect(data._entities).toHaveLength(41);
    expect(data._entities.slice(0, 40).every((o: any) => o.assessment.score === 100 && o.assessment.grade === 'EXCELLENT')).toBe(true);
    expect(data._entities[40]).toEqual({ id: branch, assessment: null });
  });

  it('costs one query per field for grades, recommendations and rectifications', async () => {
    expect((await entities('currentGrade replacementRecommended')).queries).toBe(1);
    expect((await entities('rectifications { id status }')).queries).toBe(1);
  });
});

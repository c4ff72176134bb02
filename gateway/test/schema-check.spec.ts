import { readFileSync } from 'node:fs';
import { apiSchemaSdl, SUPERGRAPH_FILE } from '../src/compose';
import { describeChange, readIntendedChanges, releasedApiSchema, unintendedBreakingChanges } from '../src/schema-check';

const BEFORE = `type Query { ticket(id: ID!): Ticket tickets(first: Int): [Ticket!]! }
type Ticket { id: ID! title: String! code: String }
enum Status { OPEN CLOSED }`;

describe('the schema check (@graphql-inspector/core)', () => {
  it('finds removals and narrowed arguments as breaking, additions and deprecations as not', async () => {
    const after = `type Query { ticket(id: ID!): Ticket tickets(first: Int!): [Ticket!]! newField: Int }
type Ticket { id: ID! code: String @deprecated(reason: "use id") }
enum Status { OPEN CLOSED REOPENED }`;
    const breaking = (await unintendedBreakingChanges(BEFORE, after, [])).map(describeChange);
    expect(breaking).toEqual([expect.stringMatching(/^Query\.tickets\.first: /), expect.stringMatching(/^Ticket\.title: .*removed/)]);
    const deprecatedOnly = `type Query { ticket(id: ID!): Ticket tickets(first: Int): [Ticket!]! }
type Ticket { id: ID! title: String! @deprecated(reason: "use code") code: String }
enum Status { OPEN CLOSED }`;
    expect(await unintendedBreakingChanges(BEFORE, deprecatedOnly, [])).toEqual([]);
  });

  it('lets a breaking change through once it is listed as intended', async () => {
    const after = BEFORE.replace('title: String! ', '');
    expect(await unintendedBreakingChanges(BEFORE, after, [{ path: 'Ticket.title', reason: 'agreed with the apps' }])).toEqual([]);
  });

  it('finds no unintended breaking change from the released api.graphql to the current supergraph', async () => {
    const released = releasedApiSchema();
    expect(released).not.toBeNull();
    const current = apiSchemaSdl(readFileSync(SUPERGRAPH_FILE, 'utf8'));
    expect((await unintendedBreakingChanges(released!, current)).map(describeChange)).toEqual([]);
    // Every intended entry says why.
    expect(readIntendedChanges().filter((c) => !c.reason?.trim())).toEqual([]);
  });
});

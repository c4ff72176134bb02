import { composeSupergraph, CompositionError } from './compose';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const organisations = {
  name: 'organisations',
  url: 'http://127.0.0.1:4001/graphql',
  sdl: `${FEDERATION} type Organisation @key(fields: "id") { id: ID! name: String! } type Query { organisation(id: ID!): Organisation }`,
};
const tickets = {
  name: 'tickets',
  url: 'http://127.0.0.1:4003/graphql',
  sdl: `${FEDERATION} type Organisation @key(fields: "id", resolvable: false) { id: ID! } type Ticket { id: ID! assignee: Organisation } type Query { ticket(id: ID!): Ticket }`,
};

describe('composeSupergraph', () => {
  it('composes subgraphs into one supergraph naming each with its URL', () => {
    const sdl = composeSupergraph([organisations, tickets]);
    expect(sdl).toContain('enum join__Graph');
    expect(sdl).toContain('ORGANISATIONS @join__graph(name: "organisations", url: "http://127.0.0.1:4001/graphql")');
    expect(sdl).toContain('TICKETS @join__graph(name: "tickets", url: "http://127.0.0.1:4003/graphql")');
    expect(sdl.endsWith('\n')).toBe(true);
    expect(composeSupergraph([organisations, tickets])).toBe(sdl);
  });

  it('fails with readable composition errors', () => {
    const clash = { ...tickets, sdl: `${FEDERATION} type Query { organisation(id: ID!): Int }` };
    expect(() => composeSupergraph([organisations, clash])).toThrow(CompositionError);
    try {
      composeSupergraph([organisations, clash]);
    } catch (error) {
      const message = (error as CompositionError).message;
      expect(message).toMatch(/^Supergraph composition failed:\n {2}- \[[A-Z_]+\] /);
      expect(message).toMatch(/Query\.organisation/);
    }
  });

  it('names a subgraph whose SDL does not parse', () => {
    expect(() => composeSupergraph([organisations, { ...tickets, sdl: 'type {' }])).toThrow(/tickets: its SDL does not parse/);
  });
});

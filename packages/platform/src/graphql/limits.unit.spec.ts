import { buildSchema, getIntrospectionQuery, GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { COST_MODEL, createComplexityRule, DEFAULT_LIMITS, limitViolations, measureDocument, restoreLimitCode } from './limits';

const schema = buildSchema(`
  type Query {
    org(id: ID): Org
    orgs: [Org!]!
    tickets(first: Int, after: String): TicketConnection!
    page(first: Int = 5): [Org!]!
  }
  type Org { id: ID! name: String! children: [Org!]! parent: Org tickets(first: Int): TicketConnection! }
  type TicketConnection { edges: [TicketEdge!]! nodes: [Ticket!]! pageInfo: PageInfo! totalCount: Int! }
  type TicketEdge { cursor: String! node: Ticket! }
  type Ticket { id: ID! title: String! tags: [String!]! org: Org }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
`);

const measure = (query: string) => {
  const [op] = measureDocument(parse(query), schema);
  return { depth: op.depth, aliases: op.aliases, cost: op.cost };
};
/** `{ org { parent { parent … { id } } } }` with `levels` fields nested. */
const nested = (levels: number) => `{ org ${'{ parent '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;

describe('depth', () => {
  it('counts nested fields', () => {
    expect(measure('{ org { id } }').depth).toBe(2);
    expect(measure(nested(15)).depth).toBe(15);
    expect(limitViolations(measure(nested(15)), DEFAULT_LIMITS)).toEqual([]);
    expect(limitViolations(measure(nested(16)), DEFAULT_LIMITS)).toEqual(['depth 16 is over the limit of 15']);
  });

  it('counts through named fragments, and inline fragments add no level', () => {
    const query = `
      query { org { ...A } }
      fragment A on Org { parent { ...B } }
      fragment B on Org { parent { ... on Org { parent { id } } } }`;
    expect(measure(query).depth).toBe(5);
  });

  it('survives fragment cycles (graphql reports them)', () => {
    const query = 'query { org { ...A } } fragment A on Org { parent { ...B } } fragment B on Org { parent { ...A } }';
    expect(measure(query).depth).toBe(3);
  });
});

describe('aliases', () => {
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

  it('allows 30 and refuses 31', () => {
    expect(limitViolations(measure(aliased(30)), DEFAULT_LIMITS)).toEqual([]);
    expect(limitViolations(measure(aliased(31)), DEFAULT_LIMITS)).toEqual(['31 aliases are over the limit of 30']);
  });

  it('counts aliases inside a fragment once per spread', () => {
    const query = `
      query { org { ...F } x: org { ...F } }
      fragment F on Org { a: id b: name }`;
    expect(measure(query).aliases).toBe(5);
  });
});

describe('cost', () => {
  it('charges 1 per field', () => {
    expect(measure('{ org { id name } }').cost).toBe(3);
  });

  it('multiplies lists without `first` by the default list size, scalar lists count once', () => {
    expect(measure('{ orgs { id } }').cost).toBe(1 + COST_MODEL.defaultListSize);
    expect(measure('{ org { id } tickets(first: 1) { nodes { tags } } }').cost).toBe(2 + 1 + 1 * (1 + 1));
  });

  it('multiplies a page by `first`, without counting edges/nodes again', () => {
    // tickets + 50 × (edges(1 + node(1 + id)) + totalCount)
    expect(measure('{ tickets(first: 50) { edges { node { id } } totalCount } }').cost).toBe(1 + 50 * (3 + 1));
  });

  it('counts a variable page at the maximum, an omitted one at the default, and caps literals', () => {
    expect(measure('query ($n: Int = 2) { tickets(first: $n) { nodes { id } } }').cost).toBe(1 + COST_MODEL.maxPageSize * 2);
    expect(measure('{ tickets { nodes { id } } }').cost).toBe(1 + COST_MODEL.defaultPageSize * 2);
    expect(measure('{ page { id } }').cost).toBe(1 + 5);
    expect(measure('{ tickets(first: 100000) { nodes { id } } }').cost).toBe(1 + COST_MODEL.maxPageSize * 2);
  });

  it('charges lists nested in lists multiplicatively', () => {
    const query = '{ tickets(first: 100) { nodes { org { children { children { id } } } } } }';
    expect(measure(query).cost).toBe(1 + 100 * (1 + (1 + (1 + 10 * (1 + 10 * 1)))));
    expect(limitViolations(measure(query), DEFAULT_LIMITS)).toEqual([]);
    const heavier = '{ tickets(first: 100) { nodes { org { children { children { children { id } } } } } } }';
    expect(limitViolations(measure(heavier), DEFAULT_LIMITS)[0]).toMatch(/^cost \d+ is over the limit of 20000$/);
  });

  it('counts fragments with the type they are spread on, in linear time for fragment bombs', () => {
    expect(measure('{ orgs { ...F } } fragment F on Org { id children { id } }').cost).toBe(1 + 10 * (1 + 1 + 10));
    const levels = 40;
    const bomb = [
      'query { org { ...F0 } }',
      'fragment F0 on Org { id }',
      ...Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Org { ...F${i} ...F${i} }`),
    ].join('\n').replace('...F0 } }', `...F${levels} } }`);
    const started = Date.now();
    expect(measure(bomb).cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('lets the standard introspection query through (developer tools)', () => {
    expect(limitViolations(measure(getIntrospectionQuery()), DEFAULT_LIMITS)).toEqual([]);
  });
});

describe('complexity validation rule', () => {
  const rule = createComplexityRule(DEFAULT_LIMITS);

  it('reports QUERY_TOO_COMPLEX before any other validation error', () => {
    const errors = validate(schema, parse(`{ nope ${nested(16).slice(1)}`), [...specifiedRules, rule]);
    expect(errors.length).toBeGreaterThan(1);
    expect(errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(errors[0].message).toMatch(/depth 16/);
  });

  it('passes operations within the limits', () => {
    expect(validate(schema, parse(nested(15)), [rule])).toEqual([]);
  });

  it('restoreLimitCode undoes Apollo Server\'s GRAPHQL_VALIDATION_FAILED wrapping only for limit errors', () => {
    const [original] = validate(schema, parse(nested(16)), [rule]);
    const wrapped = new GraphQLError(original.message, { originalError: original, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(restoreLimitCode({ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, wrapped).extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const other = new GraphQLError('Cannot query field', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(restoreLimitCode({ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, other).extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});

describe('the token limit', () => {
  it('stops the parser itself, and its error gets the contract code', () => {
    const flat = `{ ${'__typename '.repeat(DEFAULT_LIMITS.maxTokens)}}`;
    let error: unknown;
    try {
      parse(flat, { maxTokens: DEFAULT_LIMITS.maxTokens });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    const wrapped = new GraphQLError((error as Error).message, { originalError: error as Error, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(restoreLimitCode({ message: 'x', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, wrapped).extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const syntax = new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(restoreLimitCode({ message: 'x', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, syntax).extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('leaves room for the introspection query', () => {
    expect(() => parse(getIntrospectionQuery(), { maxTokens: DEFAULT_LIMITS.maxTokens })).not.toThrow();
  });
});

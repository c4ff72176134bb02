import { readFileSync } from 'node:fs';
import { apiSchemaOf, SUPERGRAPH_FILE } from '../src/compose';
import { undescribed } from '../src/descriptions';

describe('the API schema documents itself', () => {
  it('has a description on every type, field, argument, input field and enum value', () => {
    const missing = undescribed(apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8')));
    // One coordinate per line, so the owner of each subgraph sees what to describe (type-graphql `description:`).
    if (missing.length) throw new Error(`${missing.length} schema element(s) without a description:\n  ${missing.join('\n  ')}`);
  });

  it('finds what is missing', () => {
    const { buildSchema } = jest.requireActual<typeof import('graphql')>('graphql');
    const schema = buildSchema(`"Root" type Query { "a ticket" ticket(id: ID!): T } type T { "x" x: E } "E" enum E { "A" A B }`);
    expect(undescribed(schema)).toEqual(['E.B', 'Query.ticket(id:)', 'T']);
  });
});

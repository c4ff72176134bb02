import { parse, type OperationDefinitionNode } from 'graphql';
import { countRepresentations, rootFields, sameSecret } from './guards';

const fieldsOf = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return rootFields(document, operation);
};

describe('subgraph guards (issue #10, hole 5)', () => {
  it('finds root fields through inline fragments and spreads', () => {
    expect(fieldsOf('{ _service { sdl } }').map((f) => f.name.value)).toEqual(['_service']);
    expect(fieldsOf('{ ... on Query { a: _service { sdl } } ...F } fragment F on Query { __typename ...F }').map((f) => f.name.value)).toEqual([
      '_service',
      '__typename',
    ]);
  });

  it('counts representations in variables and literals, over every aliased _entities', () => {
    const query = 'query ($r: [_Any!]!) { a: _entities(representations: $r) { __typename } b: _entities(representations: [{}, {}]) { __typename } }';
    expect(countRepresentations(fieldsOf(query), { r: Array.from({ length: 1_000 }, () => ({})) })).toBe(1_002);
    expect(countRepresentations(fieldsOf('{ organisation(id: "1") { id } }'), {})).toBe(0);
  });

  it('compares the service credential exactly', () => {
    const token = 'a'.repeat(32);
    expect(sameSecret(token, token)).toBe(true);
    expect(sameSecret(`${token}x`, token)).toBe(false);
    expect(sameSecret(undefined, token)).toBe(false);
  });
});

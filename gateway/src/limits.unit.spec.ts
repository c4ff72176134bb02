import { buildSchema, Lexer, print, Source, TokenKind, validate, type DocumentNode } from 'graphql';
import { DEFAULT_LIMITS, limitViolations, measureDocument } from '@linli/platform';
import { apiSchemaOf, contractStandInSchemaSdl, loadContractOperations, readCommittedSupergraph } from '../test/support/contract';

// The limits themselves live in @linli/platform (graphql/limits.ts, shared with every subgraph); this checks them against the contract.
describe('the contract operations (../shared/contract)', () => {
  const operations = loadContractOperations();
  const supergraph = readCommittedSupergraph();
  const apiSchema = supergraph ? apiSchemaOf(supergraph) : undefined;
  const standIn = buildSchema(contractStandInSchemaSdl(operations));
  // The committed supergraph's API schema where it already serves the operation;
  // otherwise a stand-in shaped like the operations, so no operation goes unmeasured.
  const schemaFor = (document: DocumentNode) => (apiSchema && validate(apiSchema, document).length === 0 ? apiSchema : standIn);

  it('all pass the limits, with `first` at its maximum of 100', () => {
    const measured = operations.map((o) => measureDocument(o.document, schemaFor(o.document))[0]);
    const failing = measured.filter((m) => limitViolations(m, DEFAULT_LIMITS).length > 0);
    expect(failing.map((m) => `${m.name}: ${limitViolations(m, DEFAULT_LIMITS).join('; ')}`)).toEqual([]);
    const costliest = measured.reduce((a, b) => (b.cost > a.cost ? b : a));
    // Room for front-ends to grow: the costliest operation stays under half the limit.
    expect(costliest.cost).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost / 2);
    expect(Math.max(...measured.map((m) => m.depth))).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDepth / 2);
  });

  it('each fit in a third of the token limit', () => {
    const tokens = (text: string) => {
      const lexer = new Lexer(new Source(text));
      let n = 0;
      while (lexer.advance().kind !== TokenKind.EOF) n++;
      return n;
    };
    const largest = Math.max(...operations.map((o) => tokens(print(o.document))));
    expect(largest).toBeGreaterThan(50);
    expect(largest).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTokens / 3);
  });
});

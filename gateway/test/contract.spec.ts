import { Kind, validate } from 'graphql';
import { allSubgraphSchemasExist, composeSupergraph, readSubgraphSources } from '../src/compose';
import { apiSchemaOf, loadContractOperations, readCommittedSupergraph } from './support/contract';
import { PENDING } from './pending';


const operations = loadContractOperations();
const supergraph = readCommittedSupergraph();

describe('the committed supergraph', () => {
  it('is what the subgraphs compose to today', () => {
    expect(allSubgraphSchemasExist()).toBe(true);
    const composed = composeSupergraph(readSubgraphSources());
    if (supergraph !== composed) {
      throw new Error('gateway/supergraph.graphql is missing or stale: run npm run compose');
    }
  });
});

describe('the contract operations (../shared/contract)', () => {
  it('PENDING names only operations of the contract, once each', () => {
    const names = new Set(operations.map((o) => o.name));
    expect(PENDING.filter((n) => !names.has(n))).toEqual([]);
    expect(new Set(PENDING).size).toBe(PENDING.length);
    expect(names.size).toBe(operations.length);
  });

  it('validate against the API schema of the committed supergraph, except the PENDING ones', () => {
    const failures = new Map<string, string[]>();
    if (supergraph) {
      const schema = apiSchemaOf(supergraph);
      for (const op of operations) {
        // graphql-js 16 validates a subscription even without a Subscription root type.
        const def = op.document.definitions[0];
        const root = def.kind === Kind.OPERATION_DEFINITION ? schema.getRootType(def.operation) : undefined;
        const errors = root ? validate(schema, op.document).map((e) => e.message) : [`the schema has no ${def.kind === Kind.OPERATION_DEFINITION ? def.operation : ''} root type`];
        if (errors.length) failures.set(op.name, errors);
      }
    } else {
      // Nothing validates before the supergraph is composed.
      for (const op of operations) failures.set(op.name, ['gateway/supergraph.graphql does not exist yet: run npm run compose']);
    }
    const unexpected = operations
      .filter((o) => failures.has(o.name) && !PENDING.includes(o.name))
      .map((o) => `${o.file} ${o.name}:\n    ${failures.get(o.name)!.join('\n    ')}`);
    const nowValid = PENDING.filter((n) => !failures.has(n));
    expect({ failingOutsidePending: unexpected, validNowRemoveFromPending: nowValid }).toEqual({
      failingOutsidePending: [],
      validNowRemoveFromPending: [],
    });
  });
});

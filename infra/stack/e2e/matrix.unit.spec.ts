import { SERVICES } from '@linli/platform';
import { contractOperation, contractOperations } from './contract';
import { directOperation } from './matrix.direct';
import { RULES, STREAMS, WRITES } from './matrix.rules';

const names = SERVICES.map((s) => s.name);
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

describe('the role × operation matrix', () => {
  it('has one entry for every contract operation, each in the table of its kind', () => {
    for (const op of contractOperations().values()) {
      const table = op.type === 'query' ? RULES : op.type === 'mutation' ? WRITES : STREAMS;
      expect([op.name, Boolean(table[op.name])]).toEqual([op.name, true]);
    }
    expect(Object.keys({ ...RULES, ...WRITES, ...STREAMS }).filter((n) => !contractOperations().has(n))).toEqual([]);
  });

  it('sends the owning subgraph only the part of an operation it resolves', () => {
    const grids = directOperation(contractOperation('CommunityGrids'), names);
    expect(grids.subgraph).toBe('organisations');
    expect(oneLine(grids.query)).toBe('query CommunityGrids($communityId: ID!) { organisation(id: $communityId) { id name } }');

    // Variables only the pruned part used are dropped with it.
    const queue = directOperation(contractOperation('FirmQueue'), names);
    expect(queue.subgraph).toBe('organisations');
    expect(queue.pick({ firmId: 'f', status: ['DISPATCHED'], first: 5, after: null })).toEqual({ firmId: 'f' });

    const ticket = directOperation(contractOperation('Ticket'), names);
    expect(ticket.subgraph).toBe('tickets');
    expect(oneLine(ticket.query)).toContain('reporter { id }');
  });

  it('finds an owner for every contract operation', () => {
    for (const op of contractOperations().values()) expect(directOperation(op.text, names).subgraph).toMatch(/\w/);
  });
});

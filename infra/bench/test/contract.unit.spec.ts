import { parse } from 'graphql';
import { comparedOperations } from '../src/compare';
import { contractOperation } from '../src/contract';

describe('the contract operations the bench sends', () => {
  it('finds each by name in ../shared/contract, alone and parseable', () => {
    const names = [...comparedOperations(), 'TicketExport', 'TicketChanges', 'OrganisationTree', 'RateTicket', 'ServiceRates', 'FirmRanking'];
    expect(names).toEqual(expect.arrayContaining(['CommunityInbox', 'FirmQueue', 'MyTickets', 'FeeCollection']));
    for (const name of names) {
      const doc = parse(contractOperation(name));
      expect(doc.definitions).toHaveLength(1);
      expect((doc.definitions[0] as { name?: { value: string } }).name?.value).toBe(name);
    }
  });

  it('refuses a name the contract does not have', () => {
    expect(() => contractOperation('NoSuchOperation')).toThrow(/no operation NoSuchOperation/);
  });
});

export { organisationsSubgraph, organisationsSubgraph as subgraph } from './subgraph';
// The GB 32100-2015 check, for seeders and fixtures that need valid firm codes.
export { creditCodeCheckCharacter, isValidCreditCode } from './organisation/credit-code';

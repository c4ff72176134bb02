export { organisationsSubgraph, organisationsSubgraph as subgraph } from './subgraph';
// The GB 32100-2015 check, for seeders and fixtures that need valid firm codes.
export { creditCodeCheckCharacter, isValidCreditCode } from './organisation/credit-code';
// The register's bulk path, for the district seed (250,000 households: ≤ 5,000 rows per call, one community each).
export { importHouseholds, type ImportHouseholdsRequest, type ImportResult, type ImportProgress } from './household/import.service';
export { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from './household/import.rules';

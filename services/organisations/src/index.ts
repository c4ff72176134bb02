export { organisationsSubgraph, organisationsSubgraph as subgraph } from './subgraph';
// The GB 32100-2015 check, for seeders and fixtures that need valid firm codes.
export { creditCodeCheckCharacter, isValidCreditCode } from './organisation/credit-code';
// The register's bulk path, for the district seed (250,000 households: ≤ 5,000 rows per call, one community each).
export { importAuditSummary, importHouseholds, type ImportHouseholdsRequest, type ImportResult, type ImportProgress } from './household/import.service';
export { IMPORT_COLUMNS, MAX_IMPORT_ROWS, parseImport, type ImportRow } from './household/import.rules';
// What the bulk seed writes and announces exactly as `importHouseholds` would (rows by the entities' metadata, events by the same builders).
export { HouseholdEntity, HouseholdMemberEntity } from './household/household.entity';
export { PersonAffiliationEntity, PersonEntity } from './person/person.entity';
export { householdState, membershipState } from './household/household.events';
export { addressKey, cstDate, type HouseholdRelation } from './household/household.rules';
export { ancestorsOf } from './organisation/organisation.entity';

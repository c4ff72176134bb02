export { ownersSubgraph, ownersSubgraph as subgraph } from './subgraph';
// The bulk seed (infra/bench) builds a year of fees with the service's own rules and rows, and runs proposals and spending through its service functions.
export { FeeCompoundEntity, FeeMonthEntity, FeePaymentEntity, FeeRateEntity, FeeTallyEntity } from './fee/fee.entity';
export { keptTallies, rebuildTallies, recountTallies, RECOUNT_TALLIES_SQL } from './fee/tally.service';
export { PublicFundEntity, PublicFundEntryEntity } from './fund/fund.entity';
export { ProposalEntity } from './proposal/proposal.entity';
export { checkRate, checkShare, isBilledMonth, publicFundCentsOf, rateFor, type RateFrom } from './fee/fee.rules';
export { monthlyFeeCents } from './register/area.rules';
export { electorateOf, outcomeOf, tally, type Ballot, type Elector, type VoteChoice } from './proposal/vote.rules';
export { thresholdOf, type ProposalKind, type ProposalStatus } from './proposal/proposal.rules';
export { castVote, closeVoting, draftProposal, openVoting, reviewProposal, submitProposal } from './proposal/proposal.service';
export { spendPublicFund } from './fund/fund.service';

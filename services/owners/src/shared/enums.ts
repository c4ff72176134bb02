import { registerEnumType } from 'type-graphql';
import { ProposalKinds, ProposalStatuses, type ProposalThreshold, type ReviewStage } from '../proposal/proposal.rules';
import { VoteChoices } from '../proposal/vote.rules';
import type { FundEntryKind } from '../fund/fund.entity';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ProposalKindEnum = enumOf(ProposalKinds);
registerEnumType(ProposalKindEnum, {
  name: 'ProposalKind',
  description: 'The matter a proposal decides (SPECIAL threshold: MAINTENANCE_FUND_RAISE, RENOVATION, COMMON_PARTS_USE).',
  valuesConfig: {
    FEE_CHANGE: { description: 'A new property fee rate (`centsPerSqmMonth`), in force from the month after it passes.' },
    MAINTENANCE_FUND_USE: { description: 'Spending from the maintenance fund (`amountCents`).' },
    MAINTENANCE_FUND_RAISE: { description: 'Raising the maintenance fund (`amountCents`; SPECIAL threshold).' },
    RENOVATION: { description: 'Rebuilding or renovating buildings or facilities (`amountCents`; SPECIAL threshold).' },
    COMMON_PARTS_USE: { description: 'Changing the use of common parts (SPECIAL threshold).' },
    FIRM_HIRE_OR_DISMISS: { description: 'Hiring or dismissing the property firm (`propertyFirm`); once passed the compound’s firm is replaced.' },
    PUBLIC_FUND_SPENDING: { description: 'Spending from the public fund (`amountCents`), paid out with spendPublicFund.' },
    RULES: { description: 'Adopting or amending the owners’ rules.' },
    COMMITTEE_ELECTION: { description: 'Electing the owners’ committee.' },
    OTHER: { description: 'Any other common matter.' },
  },
});

export const ProposalThresholdEnum = enumOf<ProposalThreshold>(['ORDINARY', 'SPECIAL']);
registerEnumType(ProposalThresholdEnum, {
  name: 'ProposalThreshold',
  description: 'The majority a proposal needs to pass, fixed by its kind; always with a quorum of 2/3 of the area and of the households.',
  valuesConfig: { ORDINARY: { description: 'FOR > 1/2 of the voting area and households.' }, SPECIAL: { description: 'FOR ≥ 3/4 of both (Civil Code art. 278).' } },
});

export const ProposalStatusEnum = enumOf(ProposalStatuses);
registerEnumType(ProposalStatusEnum, {
  name: 'ProposalStatus',
  description: 'Where a proposal stands: drafted, reviewed by the party organisation then the owners’ committee, voted on, decided.',
  valuesConfig: {
    DRAFT: { description: 'Drafted, not yet submitted.' },
    PARTY_REVIEW: { description: 'Waiting for the party organisation’s consent.' },
    COMMITTEE_REVIEW: { description: 'Waiting for the owners’ committee’s approval.' },
    APPROVED: { description: 'Both reviews approved; voting not yet open.' },
    VOTING: { description: 'Voting is open until `votingClosesAt`.' },
    PASSED: { description: 'Voting closed with a quorum and the required majority.' },
    REJECTED: { description: 'Voting closed with a quorum but without the required majority.' },
    NO_QUORUM: { description: 'Voting closed without a quorum (2/3 of the area and of the households).' },
    REFUSED: { description: 'A review refused it.' },
  },
});

export const ReviewStageEnum = enumOf<ReviewStage>(['PARTY', 'COMMITTEE']);
registerEnumType(ReviewStageEnum, {
  name: 'ReviewStage',
  description: 'Which review a proposal goes through.',
  valuesConfig: { PARTY: { description: 'The party organisation’s consent (first).' }, COMMITTEE: { description: 'The owners’ committee’s approval (second).' } },
});

export const VoteChoiceEnum = enumOf(VoteChoices);
registerEnumType(VoteChoiceEnum, {
  name: 'VoteChoice',
  description: 'A household’s ballot on a proposal.',
  valuesConfig: { FOR: { description: 'In favour.' }, AGAINST: { description: 'Against.' }, ABSTAIN: { description: 'Abstains; counts as voting (in the quorum and in the majority’s denominators).' } },
});

export const FundEntryKindEnum = enumOf<FundEntryKind>(['CREDIT', 'SPENDING']);
registerEnumType(FundEntryKindEnum, {
  name: 'FundEntryKind',
  description: 'Whether a public fund entry adds to or takes from the balance.',
  valuesConfig: { CREDIT: { description: 'The public fund’s share of a fee payment.' }, SPENDING: { description: 'A spending under a passed PUBLIC_FUND_SPENDING proposal.' } },
});

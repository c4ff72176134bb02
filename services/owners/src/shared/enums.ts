import { registerEnumType } from 'type-graphql';
import { ProposalKinds, ProposalStatuses, type ProposalThreshold, type ReviewStage } from '../proposal/proposal.rules';
import { VoteChoices } from '../proposal/vote.rules';
import type { FundEntryKind } from '../fund/fund.entity';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ProposalKindEnum = enumOf(ProposalKinds);
registerEnumType(ProposalKindEnum, { name: 'ProposalKind', description: 'The matter a proposal decides (SPECIAL threshold: MAINTENANCE_FUND_RAISE, RENOVATION, COMMON_PARTS_USE).' });

export const ProposalThresholdEnum = enumOf<ProposalThreshold>(['ORDINARY', 'SPECIAL']);
registerEnumType(ProposalThresholdEnum, {
  name: 'ProposalThreshold',
  valuesConfig: { ORDINARY: { description: 'FOR > 1/2 of the voting area and households.' }, SPECIAL: { description: 'FOR ≥ 3/4 of both (Civil Code art. 278).' } },
});

export const ProposalStatusEnum = enumOf(ProposalStatuses);
registerEnumType(ProposalStatusEnum, { name: 'ProposalStatus' });

export const ReviewStageEnum = enumOf<ReviewStage>(['PARTY', 'COMMITTEE']);
registerEnumType(ReviewStageEnum, { name: 'ReviewStage' });

export const VoteChoiceEnum = enumOf(VoteChoices);
registerEnumType(VoteChoiceEnum, { name: 'VoteChoice' });

export const FundEntryKindEnum = enumOf<FundEntryKind>(['CREDIT', 'SPENDING']);
registerEnumType(FundEntryKindEnum, { name: 'FundEntryKind' });

import { OrgNodeSchema, orgProjectionHandlers, type SubgraphDefinition } from '@linli/subgraph-kit';
import { CompoundEntity, CompoundFirmTermEntity } from './territory/compound.entity';
import { compoundProjectionHandlers } from './territory/compound.projection';
import { HouseholdEntity, HouseholdMemberEntity } from './register/household.entity';
import { householdProjectionBatch, householdProjectionHandlers } from './register/household.projection';
import { loadVisibleHouseholds } from './register/household.loaders';
import { ElectorEntity, ProposalEntity, ProposalReviewEntity, VoteEntity } from './proposal/proposal.entity';
import { ProposalResolver } from './proposal/proposal.resolver';
import { loadReadableProposals } from './proposal/proposal.loaders';
import { startClosingScheduler } from './proposal/proposal.scheduler';
import { FeeCompoundEntity, FeeHouseholdTallyEntity, FeeMonthEntity, FeePaymentEntity, FeeRateEntity, FeeTallyEntity } from './fee/fee.entity';
import { FeeResolver } from './fee/fee.resolver';
import { startBillingScheduler } from './fee/billing.service';
import { PublicFundEntity, PublicFundEntryEntity } from './fund/fund.entity';
import { FundEntryResolver, PublicFundResolver } from './fund/fund.resolver';
import { Compound, Organisation, Person } from './shared/refs.type';
import { migrations } from './migrations';

/**
 * The owners subgraph: owners' self-governance of a compound. Proposals go
 * through the party organisation's consent and the owners' committee to the
 * owners' vote; fee rates, monthly bills and payments; the public fund a
 * share of every fee feeds. It learns compounds (grids), the organisation
 * tree (organisations) and the register's households (organisations) from
 * events and never reads another service's tables.
 */
export const ownersSubgraph: SubgraphDefinition = {
  name: 'owners',
  entities: [
    OrgNodeSchema,
    CompoundEntity,
    CompoundFirmTermEntity,
    HouseholdEntity,
    HouseholdMemberEntity,
    ProposalEntity,
    ProposalReviewEntity,
    ElectorEntity,
    VoteEntity,
    FeeRateEntity,
    FeeCompoundEntity,
    FeeMonthEntity,
    FeePaymentEntity,
    FeeTallyEntity,
    FeeHouseholdTallyEntity,
    PublicFundEntity,
    PublicFundEntryEntity,
  ],
  migrations,
  schema: {
    resolvers: [ProposalResolver, FeeResolver, PublicFundResolver, FundEntryResolver],
    orphanedTypes: [Organisation, Compound, Person],
    references: {
      Proposal: (ids, ctx) => loadReadableProposals(ctx, ids),
      Household: (ids, ctx) => loadVisibleHouseholds(ctx, ids),
    },
  },
  consumers: { ...orgProjectionHandlers, ...compoundProjectionHandlers, ...householdProjectionHandlers },
  batchConsumers: [householdProjectionBatch],
  background: (runtime) => {
    const stops = [startClosingScheduler(runtime), startBillingScheduler(runtime)];
    return async () => {
      for (const stop of stops) await stop();
    };
  },
};

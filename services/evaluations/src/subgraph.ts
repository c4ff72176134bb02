import { OrgNodeSchema, type SubgraphDefinition } from '@linli/subgraph-kit';
import { CompoundEntity } from './compound/compound.entity';
import { TicketFactEntity } from './ticket/ticket-fact.entity';
import { FirmMonthEntity } from './assessment/firm-month.entity';
import { AssessmentResolver, DeductionResolver } from './assessment/assessment.resolver';
import { RateCounterEntity } from './rates/rate-counter.entity';
import { ServiceRateBreakdownResolver, ServiceRatesResolver } from './rates/rates.resolver';
import { FirmRankingResolver } from './ranking/ranking.resolver';
import { InspectionEntity } from './inspection/inspection.entity';
import { InspectionResolver } from './inspection/inspection.resolver';
import { RectificationEntity } from './rectification/rectification.entity';
import { FirmStateEntity } from './rectification/firm-state.entity';
import { RectificationResolver } from './rectification/rectification.resolver';
import { startOverdueScheduler } from './rectification/rectification.scheduler';
import { OrganisationEvaluationResolver } from './organisation/organisation.resolver';
import { organisationRef } from './shared/refs.type';
import { evaluationsBatchHandlers, evaluationsHandlers } from './consumers';
import { migrations } from './migrations';

/**
 * The evaluations subgraph: the closed accountability loop. Ticket events
 * become monthly assessments of every handling organisation, service rates
 * and rankings; inspections and rectifications (with their consequences)
 * are its own records.
 */
export const evaluationsSubgraph: SubgraphDefinition = {
  name: 'evaluations',
  entities: [OrgNodeSchema, CompoundEntity, TicketFactEntity, FirmMonthEntity, RateCounterEntity, InspectionEntity, RectificationEntity, FirmStateEntity],
  migrations,
  schema: {
    resolvers: [
      OrganisationEvaluationResolver,
      AssessmentResolver,
      DeductionResolver,
      ServiceRatesResolver,
      ServiceRateBreakdownResolver,
      FirmRankingResolver,
      InspectionResolver,
      RectificationResolver,
    ],
    references: {
      // Organisations are public; this subgraph only adds fields keyed by id.
      Organisation: async (ids) => ids.map(organisationRef),
    },
  },
  consumers: evaluationsHandlers({ react: true }),
  batchConsumers: evaluationsBatchHandlers({ react: true }),
  background: (runtime) => startOverdueScheduler(runtime),
};

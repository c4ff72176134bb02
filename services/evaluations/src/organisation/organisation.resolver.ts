import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation } from '../shared/refs.type';
import { GradeEnum } from '../shared/enums';
import { parseMonth } from '../shared/periods';
import { Assessment } from '../assessment/assessment.type';
import { assessmentFor } from '../assessment/assessment.loaders';
import type { Grade } from '../assessment/assessment.rules';
import { Rectification } from '../rectification/rectification.type';
import { firmStateOf, rectificationsOf } from '../rectification/rectification.loaders';

/** The fields this subgraph adds to every organisation; all public (contract: accountability is meant to be visible). */
@Resolver(() => Organisation)
export class OrganisationEvaluationResolver {
  @FieldResolver(() => Assessment, {
    nullable: true,
    description: 'The monthly assessment (period YYYY-MM, UTC+8); null for organisations that do not handle tickets.',
  })
  assessment(@Root() org: Organisation, @Arg('period', { description: 'The month, YYYY-MM (UTC+8); BAD_USER_INPUT otherwise.' }) period: string, @Ctx() ctx: SubgraphContext): Promise<Assessment | null> {
    return assessmentFor(ctx, org.id, parseMonth(period).key);
  }

  @FieldResolver(() => GradeEnum, { nullable: true, description: 'Grade of the latest finalised month.' })
  async currentGrade(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Grade | null> {
    return (await firmStateOf(ctx, org.id))?.currentGrade ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Set once one of its rectifications became overdue.' })
  async replacementRecommended(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return (await firmStateOf(ctx, org.id))?.replacementRecommended ?? false;
  }

  @FieldResolver(() => [Rectification], { description: 'Newest first.' })
  rectifications(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Rectification[]> {
    return rectificationsOf(ctx, org.id);
  }
}

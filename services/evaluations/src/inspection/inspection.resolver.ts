import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Compound, compoundRef, Organisation, organisationRef } from '../shared/refs.type';
import { RecordInspectionInput } from './inspection.input';
import { recordInspection } from './inspection.service';
import { Inspection, RecordInspectionPayload, toInspection } from './inspection.type';

@Resolver(() => Inspection)
export class InspectionResolver {
  @Mutation(() => RecordInspectionPayload, { description: "Itemised inspection of a firm's service at a compound of the caller's scope (admins and community staff; FORBIDDEN otherwise); its score counts in the firm's assessment. NOT_FOUND for an unknown compound, BAD_USER_INPUT for bad items, CONFLICT when the month is finalised." })
  async recordInspection(@Arg('input', { description: 'The inspection.' }) input: RecordInspectionInput, @Ctx() ctx: SubgraphContext): Promise<RecordInspectionPayload> {
    const cmd = ctx.command();
    return { inspection: toInspection(await ctx.transact((em) => recordInspection(em, cmd, input))) };
  }

  @FieldResolver(() => Organisation, { description: 'The property firm inspected.' })
  firm(@Root() i: Inspection): Organisation {
    return organisationRef(i.firmId);
  }

  @FieldResolver(() => Compound, { description: 'Where it took place.' })
  compound(@Root() i: Inspection): Compound {
    return compoundRef(i.compoundId);
  }
}

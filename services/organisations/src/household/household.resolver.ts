import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, type SubgraphContext } from '@linli/subgraph-kit';
import { forbidden } from '@linli/platform';
import { Person } from '../person/person.type';
import { personById } from '../person/person.loaders';
import { Compound } from '../references/compound.type';
import { addHouseholdMember, registerHousehold, removeHouseholdMember } from './household.service';
import { importAuditSummary, importHouseholds } from './import.service';
import { ImportHouseholdsInput, ImportHouseholdsPayload } from './import.type';
import { compoundRegister, membershipsOf, partyMemberHousehold, visibleHousehold } from './household.loaders';
import {
  AddHouseholdMemberInput,
  Household,
  HouseholdMember,
  HouseholdPayload,
  HouseholdRegister,
  RegisterHouseholdInput,
  toHousehold,
  toMember,
} from './household.type';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true, description: "Staff, grid workers and admins of the compound's scope, analysts, and the household's members; FORBIDDEN otherwise." })
  async household(@Arg('id', () => ID, { description: 'The household’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Household | null> {
    const household = await visibleHousehold(ctx, id);
    if (!household) throw forbidden();
    return household;
  }

  @Mutation(() => HouseholdPayload, { description: 'CONFLICT when the compound already holds that building, unit and room.' })
  async registerHousehold(@Arg('input', { description: 'The new dwelling.' }) input: RegisterHouseholdInput, @Ctx() ctx: SubgraphContext): Promise<HouseholdPayload> {
    const cmd = ctx.command();
    return { household: toHousehold(await ctx.transact((em) => registerHousehold(em, cmd, input))) };
  }

  @Mutation(() => HouseholdPayload, { description: "The person must be in the caller's scope or registered by it (FORBIDDEN otherwise)." })
  async addHouseholdMember(@Arg('input', { description: 'Who joins which household, how and since when.' }) input: AddHouseholdMemberInput, @Ctx() ctx: SubgraphContext): Promise<HouseholdPayload> {
    const cmd = ctx.command();
    return { household: toHousehold(await ctx.transact((em) => addHouseholdMember(em, cmd, input))) };
  }

  @Mutation(() => HouseholdPayload, { description: 'Ends the membership on `until`; its history stays.' })
  async removeHouseholdMember(
    @Arg('householdId', () => ID, { description: 'A household of the caller’s scope (NOT_FOUND if unknown, FORBIDDEN outside the scope).' }) householdId: string,
    @Arg('personId', () => ID, { description: 'A current member (NOT_FOUND otherwise).' }) personId: string,
    @Arg('until', () => DateScalar, { description: 'The last day of the membership, not before its start (BAD_USER_INPUT otherwise).' }) until: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<HouseholdPayload> {
    const cmd = ctx.command();
    return { household: toHousehold(await ctx.transact((em) => removeHouseholdMember(em, cmd, householdId, personId, until))) };
  }

  @Mutation(() => ImportHouseholdsPayload, {
    description: "A community's register from CSV: every row checked, all or nothing, idempotent on re-import. File-level problems (header, size, encoding, row count) are BAD_USER_INPUT on `csv`; bad rows are listed in `errors`.",
  })
  async importHouseholds(@Arg('input', { description: 'The community and its CSV.' }) input: ImportHouseholdsInput, @Ctx() ctx: SubgraphContext): Promise<ImportHouseholdsPayload> {
    const cmd = ctx.command();
    return ctx.transact(async (em) => {
      const result = await importHouseholds(em, cmd, input);
      // One audit entry per import (none for a dry run or a rejected file: nothing was written).
      ctx.audit.note({
        skip: result.dryRun || result.errors.length > 0,
        subjectType: 'Community',
        subjectId: input.communityId,
        summary: importAuditSummary(result),
      });
      return result;
    });
  }

  @FieldResolver(() => [HouseholdMember], { description: 'Current members; with includeEnded also those whose membership ended (history).' })
  async members(
    @Root() h: Household,
    @Ctx() ctx: SubgraphContext,
    @Arg('includeEnded', { defaultValue: false, description: 'Also list memberships that ended.' }) includeEnded: boolean,
  ): Promise<HouseholdMember[]> {
    const rows = await membershipsOf(ctx, h.id);
    return rows.filter((m) => includeEnded || m.until === null).map(toMember);
  }

  @FieldResolver(() => Boolean, { description: '党员中心户: true while a party member is a current member.' })
  partyMemberHousehold(@Root() h: Household, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return partyMemberHousehold(ctx, h.id);
  }
}

@Resolver(() => HouseholdMember)
export class HouseholdMemberResolver {
  @FieldResolver(() => Person, { nullable: true, description: 'Null when the caller may not see this person; phone per the personal-data rule.' })
  person(@Root() m: HouseholdMember, @Ctx() ctx: SubgraphContext): Promise<Person | null> {
    return personById(ctx, m.personId);
  }
}

@Resolver(() => Compound)
export class CompoundRegisterResolver {
  @FieldResolver(() => HouseholdRegister, {
    nullable: true,
    description: "Registered households, newest first: the whole register for staff, grid workers, admins and analysts of the scope; a resident's own households; null for anyone else.",
  })
  register(
    @Root() c: Compound,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20); anything else is BAD_USER_INPUT.' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; a tampered cursor is BAD_USER_INPUT.' }) after?: string,
  ): Promise<HouseholdRegister | null> {
    return compoundRegister(ctx, c.id, first, after);
  }
}

import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { Organisation } from '../organisation/organisation.type';
import { organisationById } from '../organisation/organisation.loaders';
import { AllianceEntity, AllianceMemberEntity, JointMeetingEntity } from './alliance.entity';
import { changeAllianceMembers, createAlliance, recordMeetingResolutions, scheduleJointMeeting } from './alliance.service';
import {
  Alliance,
  CreateAllianceInput,
  CreateAlliancePayload,
  JointMeetingPayload,
  ScheduleJointMeetingInput,
  toAlliance,
  toMeeting,
  JointMeeting,
} from './alliance.type';

@Resolver(() => Alliance)
export class AllianceResolver {
  /** Alliances are part of the public organisation registry (no personal data). */
  @Query(() => Alliance, { nullable: true, description: 'One alliance; open to every authenticated caller. Null when unknown.' })
  async alliance(@Arg('id', () => ID, { description: 'The alliance’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Alliance | null> {
    const row = await ctx.em.findOne(AllianceEntity, { id });
    return row ? toAlliance(row) : null;
  }

  @Mutation(() => CreateAlliancePayload, { description: 'Creates an alliance led by an organisation of the caller’s scope (admins and community staff). FORBIDDEN, NOT_FOUND or BAD_USER_INPUT otherwise.' })
  async createAlliance(@Arg('input', { description: 'The new alliance.' }) input: CreateAllianceInput, @Ctx() ctx: SubgraphContext): Promise<CreateAlliancePayload> {
    const cmd = ctx.command();
    return { alliance: toAlliance(await ctx.transact((em) => createAlliance(em, cmd, input))) };
  }

  @Mutation(() => CreateAlliancePayload, { description: "Adds and removes members; the lead stays. Admins of the lead's scope." })
  async changeAllianceMembers(
    @Arg('id', () => ID, { description: 'The alliance (NOT_FOUND if unknown).' }) id: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('add', () => [ID], { nullable: true, description: 'Organisations to add as members.' }) add?: string[] | null,
    @Arg('remove', () => [ID], { nullable: true, description: 'Members to remove; never the lead (BAD_USER_INPUT).' }) remove?: string[] | null,
  ): Promise<CreateAlliancePayload> {
    const cmd = ctx.command();
    return { alliance: toAlliance(await ctx.transact((em) => changeAllianceMembers(em, cmd, id, add ?? [], remove ?? []))) };
  }

  @Mutation(() => JointMeetingPayload, { description: 'Schedules a joint meeting of an alliance whose lead is in the caller’s scope. FORBIDDEN, NOT_FOUND or BAD_USER_INPUT otherwise.' })
  async scheduleJointMeeting(@Arg('input', { description: 'The meeting.' }) input: ScheduleJointMeetingInput, @Ctx() ctx: SubgraphContext): Promise<JointMeetingPayload> {
    const cmd = ctx.command();
    return { meeting: toMeeting(await ctx.transact((em) => scheduleJointMeeting(em, cmd, input))) };
  }

  @Mutation(() => JointMeetingPayload, { description: 'Records the resolutions of a meeting of an alliance whose lead is in the caller’s scope. FORBIDDEN, NOT_FOUND or BAD_USER_INPUT otherwise.' })
  async recordMeetingResolutions(
    @Arg('id', () => ID, { description: 'The meeting.' }) id: string,
    @Arg('resolutions', () => [String], { description: '1–50 resolutions, in order (BAD_USER_INPUT otherwise); they replace any recorded before.' }) resolutions: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<JointMeetingPayload> {
    const cmd = ctx.command();
    return { meeting: toMeeting(await ctx.transact((em) => recordMeetingResolutions(em, cmd, id, resolutions))) };
  }

  @FieldResolver(() => Organisation, { description: 'The lead organisation.' })
  leadOrganisation(@Root() a: Alliance, @Ctx() ctx: SubgraphContext) {
    return organisationById(ctx, a.leadOrganisationId);
  }

  @FieldResolver(() => [Organisation], { description: 'The member organisations, in the order given.' })
  async members(@Root() a: Alliance, @Ctx() ctx: SubgraphContext): Promise<Organisation[]> {
    const members = await ctx.loaders.load('alliance.members', a.id, async (ids) => {
      const rows = await ctx.em.find(AllianceMemberEntity, { allianceId: { $in: [...ids] } }, { orderBy: { position: 'asc' } });
      return groupBy(ids, rows, (r) => r.allianceId);
    });
    const orgs = await Promise.all((members ?? []).map((m) => organisationById(ctx, m.organisationId)));
    return orgs.filter((o): o is Organisation => o !== null);
  }

  @FieldResolver(() => [JointMeeting], { description: 'Newest first.' })
  async meetings(@Root() a: Alliance, @Ctx() ctx: SubgraphContext): Promise<JointMeeting[]> {
    const list = await ctx.loaders.load('alliance.meetings', a.id, async (ids) => {
      const rows = await ctx.em.find(JointMeetingEntity, { allianceId: { $in: [...ids] } }, { orderBy: { scheduledAt: 'desc', id: 'desc' } });
      return groupBy(ids, rows.map((r) => ({ allianceId: r.allianceId, meeting: toMeeting(r) })), (r) => r.allianceId);
    });
    return (list ?? []).map((r) => r.meeting);
  }
}

import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, type SubgraphContext } from '@linli/subgraph-kit';
import { Organisation } from '../organisation/organisation.type';
import { organisationById } from '../organisation/organisation.loaders';
import { Person } from '../person/person.type';
import { personById } from '../person/person.loaders';
import { appoint, crossAppointments, endAppointment } from './appointment.service';
import { AppointInput, Appointment, AppointmentPayload, CrossAppointment, toAppointment } from './appointment.type';

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Mutation(() => AppointmentPayload, {
    description: 'Appoints a person of the caller’s scope to a post in an organisation of that scope (admins and community staff). FORBIDDEN, NOT_FOUND or BAD_USER_INPUT otherwise; CONFLICT when the person already holds that post.',
  })
  async appoint(@Arg('input', { description: 'The post to give.' }) input: AppointInput, @Ctx() ctx: SubgraphContext): Promise<AppointmentPayload> {
    const cmd = ctx.command();
    return { appointment: toAppointment(await ctx.transact((em) => appoint(em, cmd, input))) };
  }

  @Mutation(() => AppointmentPayload, { description: 'Ends a post on `until`; the appointment stays in the history. FORBIDDEN outside the caller’s scope, NOT_FOUND if unknown, BAD_USER_INPUT when `until` is before `since`, CONFLICT when already ended.' })
  async endAppointment(
    @Arg('id', () => ID, { description: 'The appointment to end.' }) id: string,
    @Arg('until', () => DateScalar, { description: 'Its last day.' }) until: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AppointmentPayload> {
    const cmd = ctx.command();
    return { appointment: toAppointment(await ctx.transact((em) => endAppointment(em, cmd, id, until))) };
  }

  @Query(() => [CrossAppointment], { description: '交叉任职: people with active posts in two or more kinds of organisation in the community.' })
  async crossAppointments(@Arg('communityId', () => ID, { description: 'A community of the caller’s scope (FORBIDDEN otherwise).' }) communityId: string, @Ctx() ctx: SubgraphContext): Promise<CrossAppointment[]> {
    const found = await crossAppointments(ctx.em, ctx.actor, communityId, ctx.now());
    const people = await Promise.all(found.map((f) => personById(ctx, f.personId)));
    return found.flatMap((f, i) => (people[i] ? [{ person: people[i]!, appointments: f.appointments.map(toAppointment) }] : []));
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person holding the post; null when the caller may not see them.' })
  person(@Root() a: Appointment, @Ctx() ctx: SubgraphContext) {
    return personById(ctx, a.personId);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation of the post.' })
  organisation(@Root() a: Appointment, @Ctx() ctx: SubgraphContext) {
    return organisationById(ctx, a.organisationId);
  }
}

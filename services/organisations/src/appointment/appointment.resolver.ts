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
  @Mutation(() => AppointmentPayload)
  async appoint(@Arg('input') input: AppointInput, @Ctx() ctx: SubgraphContext): Promise<AppointmentPayload> {
    const cmd = ctx.command();
    return { appointment: toAppointment(await ctx.transact((em) => appoint(em, cmd, input))) };
  }

  @Mutation(() => AppointmentPayload, { description: 'Ends a post on `until`; the appointment stays in the history.' })
  async endAppointment(
    @Arg('id', () => ID) id: string,
    @Arg('until', () => DateScalar) until: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AppointmentPayload> {
    const cmd = ctx.command();
    return { appointment: toAppointment(await ctx.transact((em) => endAppointment(em, cmd, id, until))) };
  }

  @Query(() => [CrossAppointment], { description: '交叉任职: people with active posts in two or more kinds of organisation in the community.' })
  async crossAppointments(@Arg('communityId', () => ID) communityId: string, @Ctx() ctx: SubgraphContext): Promise<CrossAppointment[]> {
    const found = await crossAppointments(ctx.em, ctx.actor, communityId, ctx.now());
    const people = await Promise.all(found.map((f) => personById(ctx, f.personId)));
    return found.flatMap((f, i) => (people[i] ? [{ person: people[i]!, appointments: f.appointments.map(toAppointment) }] : []));
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() a: Appointment, @Ctx() ctx: SubgraphContext) {
    return personById(ctx, a.personId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() a: Appointment, @Ctx() ctx: SubgraphContext) {
    return organisationById(ctx, a.organisationId);
  }
}

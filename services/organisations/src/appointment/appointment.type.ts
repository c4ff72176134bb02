import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@linli/subgraph-kit';
import { AppointmentRoles, type AppointmentRole } from './appointment.rules';
import { Person } from '../person/person.type';
import type { AppointmentEntity } from './appointment.entity';

export const AppointmentRoleEnum = Object.fromEntries(AppointmentRoles.map((r) => [r, r])) as { [K in AppointmentRole]: K };
registerEnumType(AppointmentRoleEnum, {
  name: 'AppointmentRole',
  description: 'A person’s post in an organisation (appointments are personal data: seen only within the organisation’s scope).',
  valuesConfig: {
    SECRETARY: { description: '书记: heads a party organisation or a community.' },
    DEPUTY_SECRETARY: { description: '副书记.' },
    CHAIR: { description: '主任 / 主席: chairs a committee.' },
    DIRECTOR: { description: '委员 / 负责人: a member of the leadership.' },
    MANAGER: { description: '经理: manages a firm or its project.' },
    MEMBER: { description: '成员: a member.' },
    STAFF: { description: '工作人员: works for the organisation.' },
    LIAISON: { description: '联络员: liaises with other organisations.' },
  },
});

@ObjectType('Appointment')
export class Appointment {
  @Field(() => ID)
  id!: string;

  @Field(() => AppointmentRoleEnum)
  role!: AppointmentRole;

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true })
  until!: string | null;

  personId!: string;
  organisationId!: string;
}

export const toAppointment = (row: AppointmentEntity): Appointment =>
  Object.assign(new Appointment(), {
    id: row.id,
    role: row.role,
    since: row.since,
    until: row.until,
    personId: row.personId,
    organisationId: row.organisationId,
  });

@ObjectType()
export class AppointmentPayload {
  @Field(() => Appointment)
  appointment!: Appointment;
}

@ObjectType('CrossAppointment')
export class CrossAppointment {
  @Field(() => Person)
  person!: Person;

  @Field(() => [Appointment])
  appointments!: Appointment[];
}

@InputType()
export class AppointInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => AppointmentRoleEnum)
  role!: AppointmentRole;

  @Field(() => DateScalar)
  since!: string;
}

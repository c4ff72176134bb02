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

@ObjectType('Appointment', { description: 'A person’s post in an organisation (personal data: scoped to the organisation’s scope).' })
export class Appointment {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => AppointmentRoleEnum, { description: 'The post held.' })
  role!: AppointmentRole;

  @Field(() => DateScalar, { description: 'First day of the post.' })
  since!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the post; null while it is active.' })
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

@ObjectType({ description: 'The result of appoint and endAppointment.' })
export class AppointmentPayload {
  @Field(() => Appointment, { description: 'The appointment as written.' })
  appointment!: Appointment;
}

@ObjectType('CrossAppointment', { description: '交叉任职: one person holding active posts in organisations of two or more kinds.' })
export class CrossAppointment {
  @Field(() => Person, { description: 'The person.' })
  person!: Person;

  @Field(() => [Appointment], { description: 'Their active appointments in the community.' })
  appointments!: Appointment[];
}

@InputType({ description: 'A post to give a person.' })
export class AppointInput {
  @Field(() => ID, { description: 'The person; must already be in the caller’s scope (FORBIDDEN otherwise).' })
  personId!: string;

  @Field(() => ID, { description: 'The organisation; must lie in the caller’s scope (FORBIDDEN otherwise, NOT_FOUND if unknown).' })
  organisationId!: string;

  @Field(() => AppointmentRoleEnum, { description: 'The post.' })
  role!: AppointmentRole;

  @Field(() => DateScalar, { description: 'First day of the post (YYYY-MM-DD).' })
  since!: string;
}

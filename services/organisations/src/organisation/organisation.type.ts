import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { OrganisationKinds, type OrganisationKind } from './organisation.rules';
import { ancestorsOf, type OrganisationEntity } from './organisation.entity';

export const OrganisationKindEnum = Object.fromEntries(OrganisationKinds.map((k) => [k, k])) as { [K in OrganisationKind]: K };
registerEnumType(OrganisationKindEnum, {
  name: 'OrganisationKind',
  description:
    'What an organisation is. Those that handle work (COMMUNITY, PROPERTY_FIRM, GOVERNMENT_DEPARTMENT, POLICE_STATION, ENFORCEMENT_SQUAD, MEDIATION_ROOM, SOCIAL_ORGANISATION, VOLUNTEER_TEAM, ENTERPRISE) may be dispatched tickets and have an assessment; for the others `assessment` is null.',
  valuesConfig: {
    DISTRICT: { description: '区: the root of the tree.' },
    STREET: { description: '街道: under the district.' },
    COMMUNITY: { description: '社区: under a street; dispatches and handles tickets.' },
    PARTY_COMMITTEE: { description: '党委: a party committee.' },
    PARTY_BRANCH: { description: '党支部: a party branch.' },
    PARTY_GROUP: { description: '党小组: a party group.' },
    PROPERTY_FIRM: { description: '物业服务企业: manages compounds; credit code required (GB 32100-2015); assessed monthly.' },
    OWNERS_COMMITTEE: { description: '业主委员会: the owners’ committee of a compound.' },
    PROPERTY_MANAGEMENT_COMMITTEE: { description: '物业管理委员会: stands in for an owners’ committee where there is none.' },
    GOVERNMENT_DEPARTMENT: { description: '职能部门: a government department that handles tickets.' },
    POLICE_STATION: { description: '派出所: a police station that handles tickets.' },
    ENFORCEMENT_SQUAD: { description: '执法中队: an enforcement squad that handles tickets.' },
    MEDIATION_ROOM: { description: '调解室: a mediation room that handles disputes.' },
    SOCIAL_ORGANISATION: { description: '社会组织: a social organisation that handles tickets.' },
    VOLUNTEER_TEAM: { description: '志愿服务队: a volunteer team that handles tickets.' },
    ENTERPRISE: { description: '驻区企业: an enterprise of the district that handles tickets.' },
  },
});

/** The federated organisation: every other subgraph references it by `id`. */
@Directive('@key(fields: "id")')
@ObjectType('Organisation', {
  description: 'An organisation of the district tree (区 > 街道 > 社区 …). A public registry: open to every authenticated caller (its people are not).',
})
export class Organisation {
  @Field(() => ID, { description: 'Stable id; other subgraphs reference the organisation by it.' })
  id!: string;

  @Field({ description: 'Registered name (1–100 characters).' })
  name!: string;

  @Field(() => OrganisationKindEnum, { description: 'What the organisation is; decides where it may sit in the tree and whether it handles tickets.' })
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'Unified social credit code (GB 32100-2015).' })
  creditCode!: string | null;

  @Field(() => String, { nullable: true, description: "The organisation's public contact number (not personal data)." })
  contactPhone!: string | null;

  @Field(() => String, { nullable: true, description: 'Postal address; null when none was given.' })
  address!: string | null;

  @Field({ description: 'False once deactivated: no new dispatches, appointments, compounds or grids; history and assessments stay.' })
  active!: boolean;

  parentId!: string | null;
  ancestorIds!: string[];
}

/** Maps the row to the public type field by field: a new column never becomes API by accident. */
export function toOrganisation(row: OrganisationEntity): Organisation {
  return Object.assign(new Organisation(), {
    id: row.id,
    name: row.name,
    kind: row.kind,
    creditCode: row.creditCode,
    contactPhone: row.contactPhone,
    address: row.address,
    active: !row.deactivatedAt,
    parentId: row.parentId,
    ancestorIds: ancestorsOf(row.path),
  });
}

/** The payload of every organisation write (create, rename, move). */
@ObjectType({ description: 'The result of createOrganisation, renameOrganisation and moveOrganisation.' })
export class CreateOrganisationPayload {
  @Field(() => Organisation, { description: 'The organisation as written.' })
  organisation!: Organisation;
}

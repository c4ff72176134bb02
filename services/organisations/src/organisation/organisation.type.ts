import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { OrganisationKinds, type OrganisationKind } from './organisation.rules';
import { ancestorsOf, type OrganisationEntity } from './organisation.entity';

export const OrganisationKindEnum = Object.fromEntries(OrganisationKinds.map((k) => [k, k])) as { [K in OrganisationKind]: K };
registerEnumType(OrganisationKindEnum, { name: 'OrganisationKind' });

/** The federated organisation: every other subgraph references it by `id`. */
@Directive('@key(fields: "id")')
@ObjectType('Organisation')
export class Organisation {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => OrganisationKindEnum)
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'Unified social credit code (GB 32100-2015).' })
  creditCode!: string | null;

  @Field(() => String, { nullable: true, description: "The organisation's public contact number (not personal data)." })
  contactPhone!: string | null;

  @Field(() => String, { nullable: true })
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
@ObjectType()
export class CreateOrganisationPayload {
  @Field(() => Organisation)
  organisation!: Organisation;
}

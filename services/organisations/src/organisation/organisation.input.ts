import { Field, ID, InputType } from 'type-graphql';
import { OrganisationKindEnum } from './organisation.type';
import type { OrganisationKind } from './organisation.rules';

@InputType({ description: 'A new organisation. Written under `parentId`, which must lie in the caller’s scope (FORBIDDEN otherwise).' })
export class CreateOrganisationInput {
  @Field({ description: '1–100 characters (BAD_USER_INPUT otherwise).' })
  name!: string;

  @Field(() => OrganisationKindEnum, { description: 'Must fit under the parent’s kind (BAD_USER_INPUT otherwise).' })
  kind!: OrganisationKind;

  @Field(() => ID, { nullable: true, description: 'The parent organisation (NOT_FOUND if unknown); null only for the root district, created by a SYSTEM_ADMIN.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Unified social credit code (GB 32100-2015, check digit verified; BAD_USER_INPUT otherwise). Required for a PROPERTY_FIRM.' })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Public contact number: a mainland mobile or a landline (BAD_USER_INPUT otherwise).' })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  address?: string | null;
}

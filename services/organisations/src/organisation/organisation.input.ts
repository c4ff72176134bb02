import { Field, ID, InputType } from 'type-graphql';
import { OrganisationKindEnum } from './organisation.type';
import type { OrganisationKind } from './organisation.rules';

@InputType()
export class CreateOrganisationInput {
  @Field()
  name!: string;

  @Field(() => OrganisationKindEnum)
  kind!: OrganisationKind;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  creditCode?: string | null;

  @Field(() => String, { nullable: true })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;
}

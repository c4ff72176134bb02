import { Field, ID, InputType, Int } from 'type-graphql';
import { ManagementModeEnum } from './compound.type';
import type { ManagementMode } from './compound.rules';

@InputType()
export class CreateCompoundInput {
  @Field()
  name!: string;

  @Field(() => ID)
  communityId!: string;

  @Field(() => ManagementModeEnum)
  managementMode!: ManagementMode;

  @Field(() => Int)
  households!: number;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required when COMMERCIAL, refused otherwise.' })
  propertyFirmId?: string | null;

  @Field(() => ID, { nullable: true })
  ownersCommitteeId?: string | null;

  @Field(() => ID, { nullable: true })
  partyOrganisationId?: string | null;
}

/** What updateCompound may change: omitted fields stay (management and linked organisations have their own mutations). */
@InputType()
export class UpdateCompoundInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears it.' })
  address?: string | null;

  @Field(() => Int, { nullable: true })
  households?: number | null;
}

import { Field, ID, InputType, Int } from 'type-graphql';
import { ManagementModeEnum } from './compound.type';
import type { ManagementMode } from './compound.rules';

@InputType({ description: 'A new compound, in a community of the caller’s scope.' })
export class CreateCompoundInput {
  @Field({ description: '1–100 characters (BAD_USER_INPUT otherwise); CONFLICT when the community already has a compound of that name.' })
  name!: string;

  @Field(() => ID, { description: 'A COMMUNITY of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown, BAD_USER_INPUT for another kind).' })
  communityId!: string;

  @Field(() => ManagementModeEnum, { description: 'How it is managed.' })
  managementMode!: ManagementMode;

  @Field(() => Int, { description: 'The declared number of households, 0–1,000,000 (BAD_USER_INPUT otherwise).' })
  households!: number;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  address?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required when COMMERCIAL, refused otherwise.' })
  propertyFirmId?: string | null;

  @Field(() => ID, { nullable: true, description: 'An OWNERS_COMMITTEE or PROPERTY_MANAGEMENT_COMMITTEE, possibly outside the scope (BAD_USER_INPUT for another kind).' })
  ownersCommitteeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A PARTY_COMMITTEE, PARTY_BRANCH or PARTY_GROUP, possibly outside the scope (BAD_USER_INPUT for another kind).' })
  partyOrganisationId?: string | null;
}

/** What updateCompound may change: omitted fields stay (management and linked organisations have their own mutations). */
@InputType({ description: 'What updateCompound changes; omitted fields stay as they are.' })
export class UpdateCompoundInput {
  @Field(() => String, { nullable: true, description: 'The new name, 1–100 characters (BAD_USER_INPUT otherwise); CONFLICT when the community already has a compound of that name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears it.' })
  address?: string | null;

  @Field(() => Int, { nullable: true, description: 'The new declared number of households, 0–1,000,000 (BAD_USER_INPUT otherwise).' })
  households?: number | null;
}

import { Field, ID, InputType, Int } from 'type-graphql';
import { ProposalKindEnum } from '../shared/enums';
import type { ProposalKind } from './proposal.rules';

@InputType({ description: 'A new proposal, drafted by staff acting for the compound’s owners’ committee, or community staff and admins of its scope.' })
export class DraftProposalInput {
  @Field(() => ID, { description: 'The compound it concerns.' })
  compoundId!: string;

  @Field(() => ProposalKindEnum, { description: 'The matter it decides; fixes which figure is required.' })
  kind!: ProposalKind;

  @Field({ description: '1–100 characters.' })
  title!: string;

  @Field({ description: 'Up to 2,000 characters.' })
  description!: string;

  @Field(() => Int, { nullable: true, description: 'Required for MAINTENANCE_FUND_USE, MAINTENANCE_FUND_RAISE, PUBLIC_FUND_SPENDING, RENOVATION; refused otherwise.' })
  amountCents?: number | null;

  @Field(() => ID, { nullable: true, description: 'Required for FIRM_HIRE_OR_DISMISS (a PROPERTY_FIRM); refused otherwise.' })
  propertyFirmId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Required for FEE_CHANGE; refused otherwise.' })
  centsPerSqmMonth?: number | null;
}

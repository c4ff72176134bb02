import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Organisation, organisationRef } from '../organisation/organisation.type';
import type { CoverageCounts } from './coverage.rules';

/** 三覆盖 figures of one scope (a district, street or community). */
@ObjectType('ScopeCoverage', { description: '三覆盖 figures of one scope (a district, street or community).' })
export class ScopeCoverage {
  @Field(() => Organisation, { description: 'The district, street or community counted.' })
  scope!: Organisation;

  @Field(() => Int, { description: 'Compounds in the scope.' })
  compounds!: number;

  @Field(() => Int, { description: 'With a PARTY_COMMITTEE, PARTY_BRANCH or PARTY_GROUP linked.' })
  withPartyOrganisation!: number;

  @Field(() => Int, { description: 'With an OWNERS_COMMITTEE or PROPERTY_MANAGEMENT_COMMITTEE linked.' })
  withOwnersCommittee!: number;

  @Field(() => Int, { description: 'With a management mode other than NONE.' })
  withPropertyService!: number;

  @Field(() => Int, { description: 'With all three.' })
  fullyCovered!: number;

  @Field(() => Float, { description: 'fullyCovered / compounds; 1 when there are none.' })
  rate!: number;
}

@ObjectType('Coverage', { description: '三覆盖 of a scope, with the same figures for each child street or community.' })
export class Coverage extends ScopeCoverage {
  @Field(() => [ScopeCoverage], { description: 'The same figures for each child street or community; empty for a community.' })
  breakdown!: ScopeCoverage[];
}

export const toScopeCoverage = (scopeId: string, counts: CoverageCounts): ScopeCoverage =>
  Object.assign(new ScopeCoverage(), { scope: organisationRef(scopeId), ...counts });

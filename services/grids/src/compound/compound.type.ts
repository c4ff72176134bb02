import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, type Row } from '@linli/subgraph-kit';
import { Organisation, organisationRef } from '../organisation/organisation.type';
import { ManagementModes, type ManagementMode } from './compound.rules';
import type { CompoundEntity, CompoundManagementEntity } from './compound.entity';

export const ManagementModeEnum = Object.fromEntries(ManagementModes.map((m) => [m, m])) as { [K in ManagementMode]: K };
registerEnumType(ManagementModeEnum, {
  name: 'ManagementMode',
  description: 'How a compound’s property is managed; only COMMERCIAL has a property firm.',
  valuesConfig: {
    COMMERCIAL: { description: 'A property firm manages it (物业服务企业).' },
    COMMUNITY_MANAGED: { description: 'The community manages it (社区代管).' },
    SELF_MANAGED: { description: 'The owners manage it themselves (业主自管).' },
    NONE: { description: 'No property service yet.' },
  },
});

/** A residential compound (小区): public, like which firm manages it (contract). */
@Directive('@key(fields: "id")')
@ObjectType('Compound', { description: 'A residential compound (小区). Public to every authenticated caller, like which firm manages it.' })
export class Compound {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'Name, unique within its community.' })
  name!: string;

  @Field(() => Int, { description: 'The declared number of households.' })
  households!: number;

  @Field(() => String, { nullable: true, description: 'Postal address; null when none was given.' })
  address!: string | null;

  @Field(() => ManagementModeEnum, { description: 'How it is managed now.' })
  managementMode!: ManagementMode;

  @Field({ description: 'A rectification of its property firm became overdue; cleared when the firm changes.' })
  firmUnderReview!: boolean;

  @Field(() => Organisation, { description: 'The community it belongs to.' })
  community!: Organisation;

  @Field(() => Organisation, { nullable: true, description: 'The firm managing it now (COMMERCIAL only).' })
  propertyFirm!: Organisation | null;

  @Field(() => Organisation, { nullable: true, description: 'A PARTY_COMMITTEE, PARTY_BRANCH or PARTY_GROUP.' })
  partyOrganisation!: Organisation | null;

  @Field(() => Organisation, { nullable: true, description: 'An OWNERS_COMMITTEE or PROPERTY_MANAGEMENT_COMMITTEE.' })
  ownersCommittee!: Organisation | null;
}

/** Maps the row field by field: a new column never becomes API by accident. */
export function toCompound(row: Row<CompoundEntity>): Compound {
  const ref = (id: string | null) => (id ? organisationRef(id) : null);
  return Object.assign(new Compound(), {
    id: row.id,
    name: row.name,
    households: row.households,
    address: row.address,
    managementMode: row.managementMode,
    firmUnderReview: row.firmUnderReview,
    community: organisationRef(row.communityId),
    propertyFirm: ref(row.propertyFirmId),
    partyOrganisation: ref(row.partyOrganisationId),
    ownersCommittee: ref(row.ownersCommitteeId),
  });
}

@ObjectType({ description: 'One term of a compound’s management: who managed it from `since` until `until` (open while current).' })
export class CompoundManagementTerm {
  @Field(() => ManagementModeEnum, { description: 'How it was managed during the term.' })
  managementMode!: ManagementMode;

  @Field(() => Organisation, { nullable: true, description: 'The firm of the term; null unless COMMERCIAL.' })
  propertyFirm!: Organisation | null;

  @Field(() => DateTimeScalar, { description: 'When the term began.' })
  since!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended; null for the current term.' })
  until!: Date | null;

  @Field(() => Proposal, { nullable: true, description: 'The owners’ passed FIRM_HIRE_OR_DISMISS proposal that started this term; null for a change by staff.' })
  proposal!: Proposal | null;

  @Field({ description: 'The outgoing firm had an overdue rectification (the compound was under review) when this term began.' })
  replacedFirmUnderReview!: boolean;

  compoundId!: string;
}

/** The owners subgraph's proposal, referred to by id (it decides who may read it). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Proposal')
export class Proposal {
  @Field(() => ID)
  id!: string;
}

export function toManagementTerm(row: CompoundManagementEntity): CompoundManagementTerm {
  return Object.assign(new CompoundManagementTerm(), {
    managementMode: row.managementMode,
    propertyFirm: row.propertyFirmId ? organisationRef(row.propertyFirmId) : null,
    since: row.since,
    until: row.until,
    proposal: row.proposalId ? Object.assign(new Proposal(), { id: row.proposalId }) : null,
    replacedFirmUnderReview: row.replacedFirmUnderReview,
    compoundId: row.compoundId,
  });
}

@ObjectType({ description: 'The result of createCompound, changePropertyFirm and setCompoundOrganisations.' })
export class CompoundPayload {
  @Field(() => Compound, { description: 'The compound as written.' })
  compound!: Compound;
}

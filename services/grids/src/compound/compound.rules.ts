import { badInput, checkName, checkText } from '@linli/platform';
import { checkCount } from '../grid/grid.rules';

export const ManagementModes = ['COMMERCIAL', 'COMMUNITY_MANAGED', 'SELF_MANAGED', 'NONE'] as const;
export type ManagementMode = (typeof ManagementModes)[number];

/** Contract "Grids and visits": the kinds a compound's linked organisations must be of. */
export const PROPERTY_FIRM_KINDS = ['PROPERTY_FIRM'] as const;
export const PARTY_ORGANISATION_KINDS = ['PARTY_COMMITTEE', 'PARTY_BRANCH', 'PARTY_GROUP'] as const;
export const OWNERS_COMMITTEE_KINDS = ['OWNERS_COMMITTEE', 'PROPERTY_MANAGEMENT_COMMITTEE'] as const;

/**
 * A property firm is required when the compound is COMMERCIAL and refused
 * otherwise (contract, CreateCompoundInput; the same for changePropertyFirm):
 * 代管 (community-managed), 自管 (self-managed) and NONE have no firm.
 */
export function checkManagement(mode: ManagementMode, propertyFirmId: string | null | undefined): string | null {
  if (mode === 'COMMERCIAL') {
    if (!propertyFirmId) throw badInput('propertyFirmId', 'A COMMERCIAL compound needs its property firm');
    return propertyFirmId;
  }
  if (propertyFirmId) throw badInput('propertyFirmId', `A ${mode} compound has no property firm`);
  return null;
}

/**
 * `setCompoundOrganisations` argument semantics: an omitted argument keeps
 * the current link, an explicit null removes it, an id sets it.
 */
export const nextLink = (current: string | null, given: string | null | undefined): string | null => (given === undefined ? current : given);

/** Three-way coverage flags of one compound (三覆盖). */
export const hasPropertyService = (mode: ManagementMode) => mode !== 'NONE';

/** The fields of updateCompound that were given, checked by the same rules as createCompound; omitted fields stay. */
export function compoundChanges(input: { name?: string | null; address?: string | null; households?: number | null }): {
  name?: string;
  address?: string | null;
  households?: number;
} {
  const out: { name?: string; address?: string | null; households?: number } = {};
  if (input.name !== undefined && input.name !== null) out.name = checkName('name', input.name);
  if (input.address !== undefined && input.address !== null) out.address = checkText('address', input.address, { max: 200 }) || null;
  if (input.households !== undefined && input.households !== null) out.households = checkCount('households', input.households);
  return out;
}

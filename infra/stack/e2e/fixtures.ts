import { creditCodeCheckCharacter } from '@linli/organisations';
import { PersonPlacementSchema } from '@linli/subgraph-kit';
import { waitFor } from '@linli/testing';
import type { Caller, TestStack } from './harness';
import { contractOperation } from './contract';

export const SYSTEM_ADMIN: Caller = { sub: 'system-admin', roles: ['SYSTEM_ADMIN'] };

/** A valid unified social credit code (GB 32100-2015) from a 9-character organisation code. */
export function creditCode(orgCode: string): string {
  const first17 = `91610104${orgCode.padStart(9, '0').slice(-9)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export interface District {
  districtId: string;
  streetId: string;
  otherStreetId: string;
  communityId: string;
  /** A second community of the same street. */
  neighbourId: string;
  /** A community of the other street. */
  farCommunityId: string;
  firmId: string;
  otherFirmId: string;
  policeId: string;
  partyBranchId: string;
  ownersCommitteeId: string;
  callers: {
    districtAdmin: Caller;
    streetAdmin: Caller;
    communityStaff: Caller;
    neighbourStaff: Caller;
    gridWorker: Caller;
    firmStaff: Caller;
    otherFirmStaff: Caller;
    analyst: Caller;
  };
}

async function create(stack: TestStack, input: Record<string, unknown>): Promise<string> {
  const r = await stack.gql(contractOperation('CreateOrganisation'), { input }, SYSTEM_ADMIN);
  if (r.errors) throw new Error(`CreateOrganisation ${JSON.stringify(input)}: ${JSON.stringify(r.errors)}`);
  return r.data.createOrganisation.organisation.id;
}

/**
 * A small district through the contract's own operations: two streets, three
 * communities, two property firms, a police station, a party branch and an
 * owners' committee, plus a caller of each role scoped as the contract says.
 * Resolves once every subgraph's projection has the whole tree.
 */
export async function buildDistrict(stack: TestStack, tag = ''): Promise<District> {
  const districtId = await create(stack, { name: `莲湖区${tag}`, kind: 'DISTRICT' });
  const streetId = await create(stack, { name: '青年路街道', kind: 'STREET', parentId: districtId });
  const otherStreetId = await create(stack, { name: '北院门街道', kind: 'STREET', parentId: districtId });
  const communityId = await create(stack, { name: '西关社区', kind: 'COMMUNITY', parentId: streetId });
  const neighbourId = await create(stack, { name: '东关社区', kind: 'COMMUNITY', parentId: streetId });
  const farCommunityId = await create(stack, { name: '大麦市社区', kind: 'COMMUNITY', parentId: otherStreetId });
  const firmId = await create(stack, { name: '安居物业', kind: 'PROPERTY_FIRM', parentId: districtId, creditCode: creditCode(`A${tag}1`) });
  const otherFirmId = await create(stack, { name: '宏达物业', kind: 'PROPERTY_FIRM', parentId: districtId, creditCode: creditCode(`B${tag}2`) });
  const policeId = await create(stack, { name: '青年路派出所', kind: 'POLICE_STATION', parentId: streetId });
  const partyBranchId = await create(stack, { name: '西关社区党支部', kind: 'PARTY_BRANCH', parentId: communityId });
  const ownersCommitteeId = await create(stack, { name: '西关小区业委会', kind: 'OWNERS_COMMITTEE', parentId: communityId });

  // Every subgraph learns the tree from events; wait until the last one is everywhere.
  await waitFor(async () => {
    for (const s of Object.values(stack.subgraphs)) {
      const rows = await s.orm.em.getConnection().execute(`select count(*) as n from org_node where id = ?`, [ownersCommitteeId]).catch(() => null);
      if (rows && Number(rows[0].n) !== 1) return false;
    }
    return true;
  }, { timeoutMs: 10_000, intervalMs: 50 });

  return {
    districtId,
    streetId,
    otherStreetId,
    communityId,
    neighbourId,
    farCommunityId,
    firmId,
    otherFirmId,
    policeId,
    partyBranchId,
    ownersCommitteeId,
    callers: {
      districtAdmin: { sub: 'district-admin', roles: ['DISTRICT_ADMIN'], orgs: [districtId] },
      streetAdmin: { sub: 'street-admin', roles: ['STREET_ADMIN'], orgs: [streetId] },
      communityStaff: { sub: 'community-staff', roles: ['COMMUNITY_STAFF'], orgs: [communityId] },
      neighbourStaff: { sub: 'neighbour-staff', roles: ['COMMUNITY_STAFF'], orgs: [neighbourId] },
      gridWorker: { sub: 'grid-worker', roles: ['GRID_WORKER'], orgs: [communityId] },
      firmStaff: { sub: 'firm-staff', roles: ['HANDLER_STAFF'], orgs: [firmId] },
      otherFirmStaff: { sub: 'other-firm-staff', roles: ['HANDLER_STAFF'], orgs: [otherFirmId] },
      analyst: { sub: 'analyst', roles: ['ANALYST'], orgs: [districtId] },
    },
  };
}

/**
 * Waits until grids and tickets know where these people are placed
 * (`organisations.person.placed`): both refuse to name a person outside the
 * caller's scope, judged on their own copy of the placements.
 */
export async function awaitPlaced(stack: TestStack, personIds: readonly string[]): Promise<void> {
  await waitFor(async () => {
    for (const s of [stack.subgraphs.grids, stack.subgraphs.tickets]) {
      const n = await s.orm.em.fork().count(PersonPlacementSchema, { personId: { $in: [...personIds] } });
      if (n !== personIds.length) return false;
    }
    return true;
  }, { timeoutMs: 10_000, intervalMs: 50 });
}

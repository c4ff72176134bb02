import { creditCodeCheckCharacter } from '@linli/organisations';
import { pool, type Caller, type GraphQLClient } from '../client';
import type { Random } from '../random';
import type { Scale } from '../scales';
import * as op from './operations';
import type { SeedCommunity, SeedCompound, SeedWorld } from './world';

const ADMIN: Caller = { sub: 'seed-admin', roles: ['SYSTEM_ADMIN'] };
const CONCURRENCY = 12;

const creditCode = (n: number) => {
  const first17 = `91610104${String(n).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

/** A square ring of side `size` degrees at (lat, lng): the grid boundaries tile without overlaps. */
const square = (lat: number, lng: number, size: number) => [
  { lat, lng },
  { lat, lng: lng + size },
  { lat: lat + size, lng: lng + size },
  { lat: lat + size, lng },
];

let phoneCounter = 0;
const nextPhone = () => `139${String(++phoneCounter).padStart(8, '0')}`;

/**
 * The organisation tree, firms, compounds, the grid tree with boundaries laid
 * out as nested squares, grid staff and residents: all through the contract's
 * mutations, as a district's staff would enter them.
 */
export async function seedStructure(client: GraphQLClient, scale: Scale, rnd: Random, settle: () => Promise<void>, progress: (label: string, done: number, total: number) => void): Promise<Omit<SeedWorld, 'ratingPool' | 'ticketCount'>> {
  const create = async (input: Record<string, unknown>) =>
    (await client.request(op.CREATE_ORGANISATION, { input }, ADMIN)).createOrganisation.organisation.id as string;

  const districtId = await create({ name: '莲湖区', kind: 'DISTRICT' });
  const streetIds = await pool([...Array(scale.streets).keys()], CONCURRENCY, (i) => create({ name: `第${i + 1}街道`, kind: 'STREET', parentId: districtId }));
  const firmIds = await pool([...Array(scale.firms).keys()], CONCURRENCY, (i) =>
    create({ name: `物业公司${i + 1}`, kind: 'PROPERTY_FIRM', parentId: districtId, creditCode: creditCode(100 + i), contactPhone: nextPhone() }),
  );
  const policeIds = await pool(streetIds, CONCURRENCY, (streetId, i) => create({ name: `派出所${i + 1}`, kind: 'POLICE_STATION', parentId: streetId }));
  const communityPlan = streetIds.flatMap((streetId, s) => [...Array(scale.communitiesPerStreet).keys()].map((c) => ({ streetId, index: s * scale.communitiesPerStreet + c })));
  const communityIds = await pool(communityPlan, CONCURRENCY, (p) => create({ name: `社区${p.index + 1}`, kind: 'COMMUNITY', parentId: p.streetId }));
  const linked = await pool(communityIds, CONCURRENCY, async (communityId, i) => ({
    party: await create({ name: `社区${i + 1}党支部`, kind: 'PARTY_BRANCH', parentId: communityId }),
    owners: await create({ name: `社区${i + 1}业委会`, kind: 'OWNERS_COMMITTEE', parentId: communityId }),
  }));
  progress('organisations', 1, 1);
  await settle(); // the grids and tickets subgraphs learn the tree from events

  const communities: SeedCommunity[] = [];
  let done = 0;
  const cols = 12;
  await pool(communityIds, 4, async (communityId, ci) => {
    const staff: Caller = { sub: `seed-staff-${ci}`, roles: ['COMMUNITY_STAFF'], orgs: [communityId] };
    const lat0 = 34.2 + Math.floor(ci / cols) * 0.012;
    const lng0 = 108.85 + (ci % cols) * 0.012;
    const areaGridId = (
      await client.request(
        op.CREATE_GRID,
        { input: { code: `C${ci}`, name: `社区${ci + 1}网格`, level: 'COMMUNITY_AREA', communityId, households: 0, residents: 0, boundary: square(lat0, lng0, 0.01) } },
        staff,
      )
    ).createGrid.grid.id as string;
    const compounds: SeedCompound[] = [];
    for (let k = 0; k < scale.compoundsPerCommunity; k++) {
      const mode = rnd.next();
      const managementMode = mode < 0.7 ? 'COMMERCIAL' : mode < 0.8 ? 'COMMUNITY_MANAGED' : mode < 0.9 ? 'SELF_MANAGED' : 'NONE';
      const firmId = managementMode === 'COMMERCIAL' ? firmIds[(ci * 3 + k) % firmIds.length] : null;
      const households = rnd.int(120, 600);
      const name = `社区${ci + 1}第${k + 1}小区`;
      const compoundId = (
        await client.request(
          op.CREATE_COMPOUND,
          {
            input: {
              name,
              communityId,
              managementMode,
              households,
              ...(firmId ? { propertyFirmId: firmId } : {}),
              ...(rnd.chance(0.6) ? { partyOrganisationId: linked[ci].party } : {}),
              ...(rnd.chance(0.5) ? { ownersCommitteeId: linked[ci].owners } : {}),
            },
          },
          staff,
        )
      ).createCompound.compound.id as string;
      const lat = lat0 + 0.0005 + Math.floor(k / 3) * 0.0032;
      const lng = lng0 + 0.0005 + (k % 3) * 0.0032;
      const compoundGridId = (
        await client.request(
          op.CREATE_GRID,
          { input: { code: `C${ci}-K${k}`, name: `第${k + 1}小区网格`, level: 'COMPOUND', communityId, compoundId, parentId: areaGridId, households, residents: households * 3, boundary: square(lat, lng, 0.003) } },
          staff,
        )
      ).createGrid.grid.id as string;
      const buildingGridIds = await pool([...Array(scale.buildingGridsPerCompound).keys()], 6, async (b) =>
        (
          await client.request(
            op.CREATE_GRID,
            {
              input: {
                code: `C${ci}-K${k}-B${b}`,
                name: `${b + 1}号楼邻里格`,
                level: 'BUILDING_UNIT',
                communityId,
                compoundId,
                parentId: compoundGridId,
                households: 30,
                residents: 90,
                boundary: square(lat + 0.0001 + Math.floor(b / 3) * 0.001, lng + 0.0001 + (b % 3) * 0.001, 0.0009),
              },
            },
            staff,
          )
        ).createGrid.grid.id as string,
      );
      compounds.push({ id: compoundId, name, communityId, firmId, gridIds: [compoundGridId, ...buildingGridIds] });
    }
    // One grid worker leads each compound grid; residents live in the community.
    const gridWorkers = [];
    for (const compound of compounds) {
      const personId = (await client.request(op.REGISTER_PERSON, { input: { name: `网格员${ci}-${gridWorkers.length}`, phone: nextPhone(), partyMember: rnd.chance(0.6), organisationId: communityId } }, staff)).registerPerson.person.id as string;
      // As the district's bootstrapping admin: the grids subgraph learns where a
      // just-registered person is placed by event, and refuses staff naming a
      // person it does not yet know in their scope.
      await client.request(op.ASSIGN_GRID_STAFF, { input: { gridId: compound.gridIds[0], personId, role: 'GRID_LEADER' } }, ADMIN);
      gridWorkers.push({ personId, gridId: compound.gridIds[0] });
    }
    const residents = await pool([...Array(scale.residentsPerCommunity).keys()], 4, async (r) => {
      const phone = nextPhone();
      const id = (await client.request(op.REGISTER_PERSON, { input: { name: `居民${ci}-${r}`, phone, partyMember: rnd.chance(0.1), organisationId: communityId } }, staff)).registerPerson.person.id as string;
      return { id, phone };
    });
    const providerId = compounds.find((c) => c.firmId)?.firmId ?? communityId;
    const serviceItemId = (
      await client.request(op.CREATE_SERVICE_ITEM, { input: { communityId, name: '管道疏通', category: 'CONVENIENCE_SERVICE', free: false, priceCents: 5000, providerId } }, staff)
    ).createServiceItem.serviceItem.id as string;
    communities[ci] = { id: communityId, streetId: communityPlan[ci].streetId, staff, areaGridId, compounds, residents, gridWorkers, serviceItemId };
    progress('communities', ++done, communityIds.length);
  });
  await settle();
  return { districtId, streetIds, communities, firmIds, policeIds };
}

import { randomUUID } from 'node:crypto';
import { CompoundCreated, createEnvelope, OrganisationCreated, type EventEnvelope } from '@linli/events';

/**
 * A small district as the organisations and grids subgraphs announce it: a
 * district, a street, two communities, two firms, a compound per community.
 */
export function smallWorld() {
  const id = () => randomUUID();
  const ids = { district: id(), street: id(), west: id(), east: id(), firmA: id(), firmB: id(), compoundA: id(), compoundB: id() };
  const at = '2026-09-01T00:00:00Z';
  const org = (organisationId: string, name: string, kind: string, ancestorIds: string[]) =>
    createEnvelope(OrganisationCreated, { organisationId, name, kind, parentId: ancestorIds.at(-1) ?? null, ancestorIds }, { source: 'organisations', occurredAt: at });
  const compound = (compoundId: string, name: string, communityId: string, firmId: string) =>
    createEnvelope(
      CompoundCreated,
      {
        compoundId,
        name,
        communityId,
        communityAncestorIds: [ids.district, ids.street],
        households: 100,
        managementMode: 'COMMERCIAL',
        propertyFirmId: firmId,
        partyOrganisationId: null,
        ownersCommitteeId: null,
      },
      { source: 'grids', occurredAt: at },
    );
  const envelopes: EventEnvelope[] = [
    org(ids.district, '莲湖区', 'DISTRICT', []),
    org(ids.street, '青年路街道', 'STREET', [ids.district]),
    org(ids.west, '西关社区', 'COMMUNITY', [ids.district, ids.street]),
    org(ids.east, '东关社区', 'COMMUNITY', [ids.district, ids.street]),
    org(ids.firmA, '安居物业', 'PROPERTY_FIRM', [ids.district]),
    org(ids.firmB, '宏达物业', 'PROPERTY_FIRM', [ids.district]),
    compound(ids.compoundA, '西关小区', ids.west, ids.firmA),
    compound(ids.compoundB, '东关小区', ids.east, ids.firmB),
  ];
  return { ids, envelopes };
}

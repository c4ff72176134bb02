import { waitFor } from '@linli/testing';
import type { Caller, TestStack } from './harness';
import { compoundWithGrid } from './registry.fixtures';
import { startReceiver } from './notifications.fixtures';
import { ring } from './grids.fixtures';
import { awaitPlaced } from './fixtures';
import { buildTerritory, ok, op, submit, ticketInput, type Resident, type Territory } from './tickets.fixtures';

/**
 * The world the role × operation matrix runs in: the tickets territory
 * (home = 西关社区 of 青年路街道 with its compound, grids, residents and
 * the firm managing it; away = 大麦市社区 of the other street with the other
 * firm) plus one of every object a contract operation reads by id, on each
 * side: a ticket, a compound with a registered household, a proposal, a
 * webhook, an appointment, an alliance with a meeting, a deliberation, a
 * rectification of its firm, a closed ticket, an upload, a spare grid, a
 * service item, a pairing and a leaf organisation; and grid staff and a grid
 * with a boundary at home.
 */
export interface MatrixWorld extends Territory {
  farStaff: Caller;
  home: Side;
  away: Side;
  departmentId: string;
  receiverUrl: string;
  /** A point inside the home community's bounded grid (gridAt finds it). */
  point: { lat: number; lng: number };
  close(): Promise<void>;
}

export interface Side {
  communityId: string;
  streetId: string;
  firmId: string;
  compoundId: string;
  gridId: string;
  ticketId: string;
  householdId: string;
  proposalId: string;
  webhookId: string;
  resident: Resident;
  /** Objects the writes of the matrix name (each side has its own, so the two sides never share state). */
  appointmentId: string;
  allianceId: string;
  meetingId: string;
  deliberationId: string;
  /** A rectification issued to the side's firm (three bad ratings). */
  rectificationId: string;
  /** A ticket the resident rated (CLOSED), dispatched by the system admin: staff of the scope may follow it up. */
  closedTicketId: string;
  /** A second ticket of the resident, dispatched to the side's firm, that no write escalates (the writes that need a ticket where it is). */
  quietTicketId: string;
  /** An upload the resident requested on the side's ticket. */
  uploadId: string;
  /** A member of the side's household whom the writes may remove (not the resident). */
  memberId: string;
  spareGridId: string;
  serviceItemId: string;
  pairingId: string;
  /** An organisation without children (deactivatable). */
  leafOrgId: string;
}

/** A write of the world's setup: retried while an event it depends on is still on its way (NOT_FOUND), then must succeed. */
async function settled<T = any>(stack: TestStack, name: string, variables: Record<string, unknown>, as: Caller): Promise<T> {
  let last: unknown;
  await waitFor(
    async () => {
      const r = await op(stack, name, variables, as);
      last = r.errors;
      if (!r.errors) return (last = r.data), true;
      if (r.errors.some((e) => e.extensions?.code !== 'NOT_FOUND' && e.extensions?.code !== 'FORBIDDEN')) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
      return false;
    },
    { timeoutMs: 20_000, intervalMs: 100 },
  ).catch(() => {
    throw new Error(`${name} ${JSON.stringify(variables)}: ${JSON.stringify(last)}`);
  });
  return last as T;
}

export async function buildMatrixWorld(stack: TestStack): Promise<MatrixWorld> {
  const t = await buildTerritory(stack, 'M');
  const staff = t.callers.communityStaff;
  const farStaff: Caller = { sub: 'far-staff', roles: ['COMMUNITY_STAFF'], orgs: [t.farCommunityId] };
  const receiver = await startReceiver();

  // Away: a compound and grid of the far community, a resident of it and her ticket.
  const far = await compoundWithGrid(stack, t, '大麦市小区', t.farCommunityId, farStaff);
  const farResidentId = (await ok(stack, 'RegisterPerson', { input: { name: '赵丽', phone: '15912340009', partyMember: false } }, farStaff)).registerPerson.person.id as string;
  const farResident: Resident = { sub: farResidentId, roles: ['RESIDENT'], orgs: [], personId: farResidentId, phone: '15912340009' };
  await awaitPlaced(stack, [farResidentId]);

  // Home: alice's ticket dispatched to the firm (its staff see it, its contact phone whole while dispatched).
  const alice = t.residents.alice;
  const homeTicket = await submit(stack, alice, ticketInput(t.compoundGridId));
  await ok(stack, 'DispatchTicket', { id: homeTicket.id, assigneeId: t.firmId }, staff);
  const farTicket = await submit(stack, { ...farResident }, ticketInput(t.farGridId));
  await ok(stack, 'DispatchTicket', { id: farTicket.id, assigneeId: t.otherFirmId }, farStaff);

  // A household on each side, alice (and the far resident) its owner: the register shows their phones.
  const household = async (compoundId: string, personId: string, as: Caller) => {
    const h = await settled(stack, 'RegisterHousehold', { input: { compoundId, building: '1', unit: '2', room: '502', areaSqm: 88.5 } }, as);
    const id = h.registerHousehold.household.id as string;
    await settled(stack, 'AddHouseholdMember', { input: { householdId: id, personId, relation: 'OWNER', since: '2026-01-01' } }, as);
    return id;
  };
  const homeHousehold = await household(t.compoundId, alice.personId, staff);
  const farHousehold = await household(far.compoundId, farResidentId, farStaff);

  const proposal = async (compoundId: string, as: Caller) =>
    (await settled(stack, 'DraftProposal', { input: { compoundId, kind: 'RULES', title: '修订管理规约', description: '增加电动车充电管理条款。' } }, as)).draftProposal.proposal.id as string;
  const webhook = async (organisationId: string, as: Caller) =>
    (await settled(stack, 'RegisterWebhook', { input: { organisationId, url: receiver.url, secret: 's'.repeat(40), kinds: ['TICKET_DISPATCHED'] } }, as)).registerWebhook.webhook.id as string;

  // Grid staff (CommunityGrids lists them with phones) and a bounded grid (gridAt finds it).
  await settled(stack, 'AssignGridStaff', { input: { gridId: t.areaGridId, personId: t.residents.bob.personId, role: 'GRID_MEMBER' } }, staff);
  const boundary = ring([0.02, 0.02], [0.03, 0.02], [0.03, 0.03], [0.02, 0.03]);
  await ok(stack, 'CreateGrid', { input: { code: 'XGM-B', name: '西关二网格', level: 'COMMUNITY_AREA', communityId: t.communityId, households: 10, residents: 20, boundary } }, staff);
  const sys: Caller = { sub: 'system-admin', roles: ['SYSTEM_ADMIN'] };
  const departmentId = (await ok(stack, 'CreateOrganisation', { input: { name: '区住建局', kind: 'GOVERNMENT_DEPARTMENT', parentId: t.districtId } }, sys)).createOrganisation.organisation.id as string;
  const bob = t.residents.bob;
  const farMember = (await ok(stack, 'RegisterPerson', { input: { name: '钱进', phone: '15912340010', partyMember: false } }, farStaff)).registerPerson.person.id as string;
  await awaitPlaced(stack, [farMember]);

  /** Everything a side needs beyond its ticket, household and firm. */
  const side = async (s: { communityId: string; streetId: string; firmId: string; firmStaff: Caller; compoundId: string; gridId: string; ticketId: string; householdId: string; resident: Resident; memberId: string; staff: Caller; tag: string; code: string }) => {
    const cs = s.communityId;
    const appointment = await ok(stack, 'Appoint', { input: { personId: s.resident.personId, organisationId: cs, role: 'LIAISON', since: '2026-01-01' } }, s.staff);
    await settled(stack, 'AddHouseholdMember', { input: { householdId: s.householdId, personId: s.memberId, relation: 'FAMILY', since: '2026-01-01' } }, s.staff);
    const alliance = await ok(stack, 'CreateAlliance', { input: { name: `${s.tag}共建联盟`, leadOrganisationId: cs, memberIds: [departmentId] } }, s.staff);
    const allianceId = alliance.createAlliance.alliance.id as string;
    const meeting = await ok(stack, 'ScheduleJointMeeting', { input: { allianceId, scheduledAt: '2026-12-10T02:00:00Z', agenda: '联席会议' } }, s.staff);
    const deliberation = await ok(
      stack,
      'ScheduleDeliberation',
      { input: { format: 'BENCH_MEETING', topic: '楼道照明', communityId: cs, scheduledAt: '2026-12-05T02:00:00Z', ticketIds: [s.ticketId] } },
      s.staff,
    );
    const spare = await ok(stack, 'CreateGrid', { input: { code: `MX-${s.code}-S`, name: `${s.tag}备用网格`, level: 'COMMUNITY_AREA', communityId: cs, households: 1, residents: 1 } }, s.staff);
    const item = await settled(stack, 'CreateServiceItem', { input: { communityId: cs, name: `${s.tag}家电维修`, category: 'CONVENIENCE_SERVICE', free: true, providerId: cs } }, s.staff);
    const pairing = await ok(stack, 'RegisterPairing', { input: { departmentId, communityId: cs, since: '2026-01-01' } }, sys);
    const leaf = await ok(stack, 'CreateOrganisation', { input: { name: `${s.tag}志愿服务队`, kind: 'VOLUNTEER_TEAM', parentId: cs } }, s.staff);
    const upload = await ok(
      stack,
      'RequestUpload',
      { input: { ticketId: s.ticketId, stage: 'SUBMISSION', fileName: 'photo.png', contentType: 'image/png', byteSize: 1024, sha256: 'a'.repeat(64) } },
      s.resident,
    );

    const quiet = await submit(stack, s.resident, ticketInput(s.gridId, { title: `${s.tag}噪音扰民` }));
    await ok(stack, 'DispatchTicket', { id: quiet.id, assigneeId: s.firmId }, sys);

    // Three bad ratings of the side's firm: a REPEATED_BAD_RATINGS rectification; the last ticket stays CLOSED for follow-ups.
    let closedTicketId = '';
    for (let i = 0; i < 3; i++) {
      const ticket = await submit(stack, s.resident, ticketInput(s.gridId, { title: `${s.tag}垃圾清运${i}` }));
      await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: s.firmId }, sys);
      await ok(stack, 'AcceptTicket', { id: ticket.id }, s.firmStaff);
      await ok(stack, 'ResolveTicket', { id: ticket.id, feedback: '已处理' }, s.firmStaff);
      await ok(stack, 'RateTicket', { id: ticket.id, score: 1, comment: '没有处理' }, s.resident);
      closedTicketId = ticket.id;
    }
    let rectificationId = '';
    await waitFor(
      async () => {
        const r = await ok(stack, 'FirmAssessment', { firmId: s.firmId, period: '2026-11' }, sys);
        rectificationId = r.organisation.rectifications[0]?.id ?? '';
        return rectificationId !== '';
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    return {
      appointmentId: appointment.appoint.appointment.id as string,
      allianceId,
      meetingId: meeting.scheduleJointMeeting.meeting.id as string,
      deliberationId: deliberation.scheduleDeliberation.deliberation.id as string,
      rectificationId,
      closedTicketId,
      quietTicketId: quiet.id,
      uploadId: upload.requestUpload.attachment.id as string,
      memberId: s.memberId,
      spareGridId: spare.createGrid.grid.id as string,
      serviceItemId: item.createServiceItem.serviceItem.id as string,
      pairingId: pairing.registerPairing.pairing.id as string,
      leafOrgId: leaf.createOrganisation.organisation.id as string,
    };
  };

  const home: Side = {
    communityId: t.communityId,
    streetId: t.streetId,
    firmId: t.firmId,
    compoundId: t.compoundId,
    gridId: t.compoundGridId,
    ticketId: homeTicket.id,
    householdId: homeHousehold,
    proposalId: await proposal(t.compoundId, staff),
    webhookId: await webhook(t.communityId, staff),
    resident: alice,
    ...(await side({ ...t, compoundId: t.compoundId, gridId: t.compoundGridId, ticketId: homeTicket.id, householdId: homeHousehold, resident: alice, memberId: bob.personId, staff, firmStaff: t.callers.firmStaff, tag: '西关', code: 'XG' })),
  };
  const farSide = { communityId: t.farCommunityId, streetId: t.otherStreetId, firmId: t.otherFirmId, compoundId: far.compoundId, gridId: t.farGridId, ticketId: farTicket.id, householdId: farHousehold };
  const away: Side = {
    ...farSide,
    proposalId: await proposal(far.compoundId, farStaff),
    webhookId: await webhook(t.farCommunityId, farStaff),
    resident: farResident,
    ...(await side({ ...farSide, resident: farResident, memberId: farMember, staff: farStaff, firmStaff: t.callers.otherFirmStaff, tag: '大麦市', code: 'DM' })),
  };
  await stack.settle();
  return {
    ...t,
    farStaff,
    home,
    away,
    departmentId,
    receiverUrl: receiver.url,
    point: { lat: boundary[0].lat + 0.005, lng: boundary[0].lng + 0.005 },
    close: receiver.close,
  };
}

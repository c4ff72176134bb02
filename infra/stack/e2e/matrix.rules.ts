// The role × operation matrix's expectations: one entry per contract
// operation, saying what the contract README promises each caller, in the
// scope of what the operation names ("home") and outside it ("away"), and how
// its variables are built from the matrix world. Pure: no stack, no requests.
// A contract operation without an entry fails the matrix (matrix.e2e.spec.ts).
import type { Role } from '@linli/platform';
import type { Caller } from './harness';
import type { MatrixWorld, Side } from './matrix.world';

/** Every caller the contract knows: no token, and one caller of each role of the token's `roles` claim. */
export const PERSONAS = ['anonymous', 'resident', 'gridWorker', 'communityStaff', 'streetAdmin', 'districtAdmin', 'handlerStaff', 'analyst', 'systemAdmin'] as const;
export type Persona = (typeof PERSONAS)[number];

/** The role each persona holds (every role of the contract appears once). */
export const PERSONA_ROLE: Record<Exclude<Persona, 'anonymous'>, Role> = {
  resident: 'RESIDENT',
  gridWorker: 'GRID_WORKER',
  communityStaff: 'COMMUNITY_STAFF',
  streetAdmin: 'STREET_ADMIN',
  districtAdmin: 'DISTRICT_ADMIN',
  handlerStaff: 'HANDLER_STAFF',
  analyst: 'ANALYST',
  systemAdmin: 'SYSTEM_ADMIN',
};

/**
 * The callers, all acting for the home side: the resident is alice (the home
 * ticket's reporter, owner of the home household), the grid worker and
 * community staff act for the home community, the street admin for its
 * street, the handler staff for the firm managing the home compound (and
 * assigned the home ticket); the district admin and the analyst act for the
 * whole district, so the away side is in their scope too.
 */
export function callerOf(w: MatrixWorld, p: Persona): Caller | null {
  switch (p) {
    case 'anonymous':
      return null;
    case 'resident':
      return w.residents.alice;
    case 'gridWorker':
      return w.callers.gridWorker;
    case 'communityStaff':
      return w.callers.communityStaff;
    case 'streetAdmin':
      return w.callers.streetAdmin;
    case 'districtAdmin':
      return w.callers.districtAdmin;
    case 'handlerStaff':
      return w.callers.firmStaff;
    case 'analyst':
      return w.callers.analyst;
    case 'systemAdmin':
      return { sub: 'system-admin', roles: ['SYSTEM_ADMIN'] };
  }
}

export type SideName = 'home' | 'away';
export const SIDES: readonly SideName[] = ['home', 'away'];

/**
 * What the caller gets:
 * - `ok`: data and no error; `empty`: no error, an empty list (nothing of the other scope leaks, not even a count);
 * - `null`: no error, the root field null;
 * - an error code: the answer carries that code and no other.
 */
export type Answer = 'ok' | 'empty' | 'null' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND';

export interface Rule {
  /** Variables of the operation, naming the world's objects on one side; `n` is unique per call (fresh names, codes, phones). */
  vars(w: MatrixWorld, side: Side, s: SideName, n: number): Record<string, unknown>;
  /** The contract's answer to a persona (never called for `anonymous`: always UNAUTHENTICATED). */
  answer(p: Exclude<Persona, 'anonymous'>, s: SideName): Answer;
  /** The field the answer is about, when not the root field (a scoped part of an open object: `compound.register`). */
  part?: string;
  /** A nested part that follows other rules than the operation: null where `visible` says the caller may not see it (a deduction's ticket). */
  hidden?: { path: string; visible(p: Exclude<Persona, 'anonymous'>, s: SideName): boolean };
  /** A write that uses its object up: a later allowed caller may find it gone (NOT_FOUND). */
  consumes?: true;
  /** Operations that take no scope (the caller's own things) run once, on the home side. */
  unscoped?: true;
  /** The owning subgraph's answer when sent only its part, where the rule's refusal comes from another subgraph's part (default: `answer`). */
  direct?(p: Exclude<Persona, 'anonymous'>, s: SideName): Answer;
  /** Who sees phones whole, where the personal-data rule says more than `seesWholePhones` (a handler while a ticket is assigned to it). */
  wholePhones?(p: Persona, s: SideName): boolean;
}

/** Organisational scope: who acts for an organisation at or above the side's community and street. */
const SCOPE: Record<SideName, readonly Persona[]> = {
  home: ['gridWorker', 'communityStaff', 'streetAdmin', 'districtAdmin', 'analyst', 'systemAdmin'],
  away: ['districtAdmin', 'analyst', 'systemAdmin'],
};
export const inScope = (p: Persona, s: SideName) => SCOPE[s].includes(p);

/**
 * Personal data: whole phones for the person themself, community staff, grid
 * workers and admins of the scope; masked (`138****5678`) for everyone else
 * (analysts, handlers, callers outside the scope).
 */
export const seesWholePhones = (p: Persona, s: SideName) => inScope(p, s) && p !== 'analyst';

const ADMINS: readonly Persona[] = ['streetAdmin', 'districtAdmin', 'systemAdmin'];
const STAFF_AND_ADMINS: readonly Persona[] = ['communityStaff', ...ADMINS];

/** Open to every authenticated caller, in any scope. */
const open = (): Answer => 'ok';
/** These roles, in the scope of what is named; FORBIDDEN for every other caller. */
const scoped =
  (roles: readonly Persona[], extra: (p: Persona, s: SideName) => boolean = () => false) =>
  (p: Persona, s: SideName): Answer =>
    (roles.includes(p) && inScope(p, s)) || extra(p, s) ? 'ok' : 'FORBIDDEN';

/** The current month in China Standard Time: the world's bad ratings (and so the deductions) fall in it. */
const PERIOD = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const MONTH_RANGE = { from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };
const READERS: readonly Persona[] = ['gridWorker', 'communityStaff', ...ADMINS, 'analyst'];

/** Who sees a side's ticket: staff and admins of its scope, its reporter, its assignee's staff. */
const TICKET_READERS = scoped(READERS, (p, s) => s === 'home' && (p === 'resident' || p === 'handlerStaff'));

/** One entry per contract operation, by name. */
export const RULES: Record<string, Rule> = {
  // ── Public registry and accountability (open to every authenticated caller) ──
  OrganisationTree: { vars: (_w, x) => ({ id: x.communityId }), answer: open },
  AllianceOverview: { vars: (_w, x) => ({ id: x.allianceId, period: PERIOD }), answer: open },
  ServiceRates: { vars: (_w, x) => ({ scopeId: x.communityId, period: PERIOD }), answer: open },
  FirmRanking: { vars: (_w, x) => ({ scopeId: x.streetId, period: PERIOD, first: 10 }), answer: open },
  Coverage: { vars: (_w, x) => ({ scopeId: x.streetId }), answer: open },
  FeeCollection: { vars: (_w, x) => ({ scopeId: x.communityId, period: PERIOD }), answer: open },
  PublicFund: { vars: (_w, x) => ({ compoundId: x.compoundId, first: 10 }), answer: open },
  // Assessments are public; a deduction's ticket follows the ticket rules (the side's tickets of its firm).
  FirmAssessment: {
    vars: (_w, x) => ({ firmId: x.firmId, period: PERIOD }),
    answer: open,
    hidden: { path: 'organisation.assessment.deductions.ticket', visible: (p, s) => TICKET_READERS(p, s) === 'ok' },
  },
  GridAt: { vars: (w) => w.point, answer: open, unscoped: true },
  ServiceMenu: { vars: (_w, x) => ({ communityId: x.communityId }), answer: open },
  // Grids are public, their staff (and so their phones) scoped.
  CommunityGrids: { vars: (_w, x) => ({ communityId: x.communityId }), answer: scoped(READERS), direct: open },

  // ── The caller's own ──
  MyTickets: { vars: () => ({ first: 20 }), answer: open, unscoped: true },
  MyNotifications: { vars: () => ({ first: 20 }), answer: open, unscoped: true },

  // ── Tickets: reporter, staff and admins of the scope, the assignee's staff ──
  Ticket: { vars: (_w, x) => ({ id: x.ticketId }), answer: TICKET_READERS },
  TicketConversation: { vars: (_w, x) => ({ id: x.ticketId }), answer: TICKET_READERS },
  CommunityInbox: { vars: (_w, x) => ({ filter: { scopeId: x.communityId }, first: 20 }), answer: scoped(READERS) },
  TicketExport: { vars: (_w, x) => ({ filter: { scopeId: x.communityId }, period: PERIOD, first: 20 }), answer: scoped(READERS) },
  TicketChanges: { vars: (_w, x) => ({ scopeId: x.communityId, first: 20 }), answer: scoped([...ADMINS, 'analyst']) },
  FirmQueue: {
    vars: (_w, x) => ({ firmId: x.firmId, status: ['DISPATCHED', 'ACCEPTED'], first: 20 }),
    answer: scoped(['districtAdmin', 'systemAdmin', 'analyst'], (p, s) => s === 'home' && p === 'handlerStaff'),
    // contactPhone: whole to the assignee's staff while the ticket is DISPATCHED or ACCEPTED.
    wholePhones: (p, s) => seesWholePhones(p, s) || p === 'handlerStaff',
    // The organisation is the organisations subgraph's (open); its assigned tickets are the tickets subgraph's.
    direct: open,
  },

  // ── Scoped administration ──
  CrossAppointments: { vars: (_w, x) => ({ communityId: x.communityId }), answer: scoped(READERS) },
  VisitCompliance: { vars: (_w, x) => ({ communityId: x.communityId, month: PERIOD }), answer: scoped(READERS) },
    // The compound is public; its register is null to whoever may not read it (the compound's other fields stay),
  // and a resident's lists only the resident's own households (none in another compound: empty, not even a count).
  CompoundRegister: {
    vars: (_w, x) => ({ compoundId: x.compoundId, first: 20 }),
    part: 'compound.register',
    answer: (p, s) => (p === 'resident' ? (s === 'home' ? 'ok' : 'empty') : scoped(READERS)(p, s) === 'ok' ? 'ok' : 'null'),
    direct: open,
  },
  FindPeople: { vars: (_w, x) => ({ scopeId: x.communityId, query: x.resident.phone.slice(-4), first: 20 }), answer: scoped(['gridWorker', ...STAFF_AND_ADMINS]) },
  Pairings: { vars: (_w, x) => ({ communityId: x.communityId }), answer: scoped(STAFF_AND_ADMINS) },
  AuditLog: { vars: (_w, x) => ({ scopeId: x.communityId, ...MONTH_RANGE, first: 20 }), answer: scoped(ADMINS) },
  WebhookDeliveries: { vars: (_w, x) => ({ webhookId: x.webhookId, first: 20 }), answer: scoped(STAFF_AND_ADMINS) },

  // ── Owners' decisions: the compound's scope and its residents ──
  Proposal: { vars: (_w, x) => ({ id: x.proposalId }), answer: scoped(READERS, (p, s) => s === 'home' && p === 'resident') },
  CompoundProposals: { vars: (_w, x) => ({ compoundId: x.compoundId, first: 20 }), answer: scoped(READERS, (p, s) => s === 'home' && p === 'resident') },
};

// ── Writes ──
// `ok` for a write means "authorised": the caller is not refused (FORBIDDEN /
// UNAUTHENTICATED); a state error (BAD_USER_INPUT, INVALID_TRANSITION,
// CONFLICT) is acceptable where an earlier allowed caller already moved the
// object on. Each write's variables are fresh where the write creates (`n` is
// unique per call), and name the side's own objects otherwise.

/** Administration of a scope: community staff and admins (contract "Who may do what"). */
const ADMINISTRATION: readonly Persona[] = STAFF_AND_ADMINS;
/** The register, visits' neighbours and deliberations: community staff, grid workers and admins of the scope. */
const FIELD_STAFF: readonly Persona[] = ['gridWorker', ...STAFF_AND_ADMINS];
const onlyHome = (p: Persona) => (q: Persona, s: SideName) => s === 'home' && q === p;
const ASSIGNEE = scoped(['systemAdmin'], onlyHome('handlerStaff'));
/** Its reporter only (the contract names no one else, a system admin included). */
const REPORTER = scoped([], onlyHome('resident'));
const VOTE_RUNNERS: readonly Persona[] = ['communityStaff', 'systemAdmin'];
const phoneFor = (n: number) => `1391${String(n).padStart(7, '0')}`;

export const WRITES: Record<string, Rule> = {
  // admin.graphql
  CreateOrganisation: { vars: (_w, x, _s, n) => ({ input: { name: `矩阵组织${n}`, kind: 'SOCIAL_ORGANISATION', parentId: x.communityId } }), answer: scoped(ADMINISTRATION) },
  RegisterPerson: {
    vars: (_w, x, _s, n) => ({ input: { name: `矩阵居民${n}`, phone: phoneFor(n), partyMember: false, organisationId: x.communityId } }),
    answer: scoped(FIELD_STAFF),
  },
  Appoint: { vars: (_w, x) => ({ input: { personId: x.resident.personId, organisationId: x.communityId, role: 'MEMBER', since: '2026-02-01' } }), answer: scoped(ADMINISTRATION) },
  EndAppointment: { vars: (_w, x) => ({ id: x.appointmentId, until: '2026-11-30' }), answer: scoped(ADMINISTRATION) },
  CreateCompound: { vars: (_w, x, _s, n) => ({ input: { name: `矩阵小区${n}`, communityId: x.communityId, managementMode: 'NONE', households: 10 } }), answer: scoped(ADMINISTRATION) },
  // The world's management stays as it is (home: the firm, COMMERCIAL; away: NONE; no party organisation or committee): other writes' rules depend on it.
  ChangePropertyFirm: {
    vars: (_w, x, s) => (s === 'home' ? { compoundId: x.compoundId, propertyFirmId: x.firmId, managementMode: 'COMMERCIAL' } : { compoundId: x.compoundId, propertyFirmId: null, managementMode: 'NONE' }),
    answer: scoped(ADMINISTRATION),
  },
  SetCompoundOrganisations: { vars: (_w, x) => ({ compoundId: x.compoundId }), answer: scoped(ADMINISTRATION) },
  CreateGrid: {
    vars: (_w, x, _s, n) => ({ input: { code: `MXG${n}`, name: `矩阵网格${n}`, level: 'COMMUNITY_AREA', communityId: x.communityId, households: 1, residents: 1 } }),
    answer: scoped(ADMINISTRATION),
  },
  AssignGridStaff: { vars: (_w, x) => ({ input: { gridId: x.gridId, personId: x.resident.personId, role: 'BUILDING_STEWARD' } }), answer: scoped(ADMINISTRATION) },
  CreateServiceItem: {
    vars: (_w, x, _s, n) => ({ input: { communityId: x.communityId, name: `矩阵服务${n}`, category: 'CONVENIENCE_SERVICE', free: true, providerId: x.communityId } }),
    answer: scoped(ADMINISTRATION),
  },
  CreateAlliance: { vars: (w, x, _s, n) => ({ input: { name: `矩阵联盟${n}`, leadOrganisationId: x.communityId, memberIds: [w.departmentId] } }), answer: scoped(ADMINISTRATION) },
  RegisterPairing: { vars: (w, x) => ({ input: { departmentId: w.departmentId, communityId: x.communityId, since: '2026-02-01' } }), answer: scoped(ADMINS) },

  // community-console.graphql
  DispatchTicket: { vars: (_w, x) => ({ id: x.quietTicketId, assigneeId: x.firmId, note: '转物业' }), answer: scoped(['gridWorker', 'communityStaff', 'systemAdmin']) },
  EscalateTicket: { vars: (_w, x) => ({ id: x.ticketId, reason: '需街道协调' }), answer: scoped(['gridWorker', 'communityStaff', 'systemAdmin']) },
  RecordVisit: { vars: (_w, x) => ({ input: { gridId: x.gridId, at: '2026-11-20T02:00:00Z', householdsVisited: 3 } }), answer: scoped(ADMINISTRATION) },
  ScheduleDeliberation: {
    vars: (_w, x) => ({ input: { format: 'COURTYARD_MEETING', topic: '停车管理', communityId: x.communityId, scheduledAt: '2026-12-06T02:00:00Z', ticketIds: [x.quietTicketId] } }),
    // Its linked ticket sits at COMPOUND level: only that level's dispatchers may take it to a deliberation.
    answer: scoped(['gridWorker', 'communityStaff', 'systemAdmin']),
  },
  RecordDeliberationOutcome: { vars: (_w, x) => ({ id: x.deliberationId, outcome: '议定加装照明', resolveTickets: false }), answer: scoped(FIELD_STAFF) },
  ScheduleJointMeeting: { vars: (_w, x) => ({ input: { allianceId: x.allianceId, scheduledAt: '2026-12-11T02:00:00Z', agenda: '共建议题' } }), answer: scoped(ADMINISTRATION) },
  RecordMeetingResolutions: { vars: (_w, x) => ({ id: x.meetingId, resolutions: ['成立志愿队'] }), answer: scoped(ADMINISTRATION) },

  // district-dashboard.graphql
  RecordInspection: { vars: (_w, x) => ({ input: { firmId: x.firmId, compoundId: x.compoundId, items: [{ item: '保洁', score: 90 }] } }), answer: scoped(ADMINISTRATION) },
  FinaliseAssessments: { vars: (_w, x) => ({ scopeId: x.streetId, period: '2026-10' }), answer: scoped(ADMINS) },
  // The away firm manages no compound: no scope holds one of its compounds, only a system admin verifies its rectifications.
  VerifyRectification: { vars: (_w, x) => ({ id: x.rectificationId, passed: true, note: '已整改' }), answer: (p, s) => (s === 'home' ? scoped(ADMINISTRATION)(p, s) : p === 'systemAdmin' ? 'ok' : 'FORBIDDEN') },

  // firm-app.graphql
  AcceptTicket: { vars: (_w, x) => ({ id: x.quietTicketId }), answer: ASSIGNEE },
  ReturnTicket: { vars: (_w, x) => ({ id: x.quietTicketId, reason: '不属于物业' }), answer: ASSIGNEE },
  ResolveTicket: { vars: (_w, x) => ({ id: x.quietTicketId, feedback: '已修好' }), answer: ASSIGNEE },
  RespondRectification: { vars: (_w, x) => ({ id: x.rectificationId, response: '已加强巡查' }), answer: ASSIGNEE },

  // notifications.graphql
  MarkNotificationsRead: { vars: () => ({ all: true }), answer: open, unscoped: true },
  RegisterWebhook: {
    vars: (w, x) => ({ input: { organisationId: x.communityId, url: w.receiverUrl, secret: 'k'.repeat(40), kinds: ['TICKET_ESCALATED'] } }),
    answer: scoped(ADMINISTRATION),
  },
  DisableWebhook: { vars: (_w, x) => ({ id: x.webhookId }), answer: scoped(ADMINISTRATION) },

  // owners.graphql
  DraftProposal: { vars: (_w, x, _s, n) => ({ input: { compoundId: x.compoundId, kind: 'OTHER', title: `矩阵议题${n}`, description: '说明' } }), answer: scoped(ADMINISTRATION) },
  SubmitProposal: { vars: (_w, x) => ({ id: x.proposalId }), answer: scoped(ADMINISTRATION) },
  // The world's compounds have no party organisation or owners' committee: community staff stand in for both.
  ReviewProposal: { vars: (_w, x) => ({ id: x.proposalId, approve: true, note: '同意' }), answer: scoped(VOTE_RUNNERS) },
  OpenVoting: { vars: (_w, x) => ({ id: x.proposalId, closesAt: '2026-12-20T00:00:00Z' }), answer: scoped(VOTE_RUNNERS) },
  CastVote: { vars: (_w, x) => ({ proposalId: x.proposalId, householdId: x.householdId, choice: 'FOR' }), answer: scoped([], onlyHome('resident')) },
  CloseVoting: { vars: (_w, x) => ({ id: x.proposalId }), answer: scoped(VOTE_RUNNERS) },
  SetFeeRate: { vars: (_w, x) => ({ input: { compoundId: x.compoundId, centsPerSqmMonth: 150 } }), answer: scoped(ADMINISTRATION) },
  RecordFeePayment: {
    vars: (_w, x) => ({ input: { householdId: x.householdId, fromMonth: '2026-11', months: 1, amountCents: 13275 } }),
    // The managing firm's staff for a COMMERCIAL compound (home), community staff and admins of the scope otherwise (away).
    answer: (p, s) => (s === 'home' ? scoped(['systemAdmin'], onlyHome('handlerStaff'))(p, s) : scoped(ADMINISTRATION)(p, s)),
  },
  SpendPublicFund: { vars: (_w, x) => ({ input: { compoundId: x.compoundId, proposalId: x.proposalId, amountCents: 100, purpose: '修路灯' } }), answer: scoped(ADMINISTRATION) },

  // registry.graphql
  RegisterHousehold: { vars: (_w, x, _s, n) => ({ input: { compoundId: x.compoundId, building: `${n}`, room: '101', areaSqm: 60 } }), answer: scoped(FIELD_STAFF) },
  AddHouseholdMember: {
    vars: (_w, x) => ({ input: { householdId: x.householdId, personId: x.resident.personId, relation: 'FAMILY', since: '2026-02-01' } }),
    answer: scoped(FIELD_STAFF),
  },
  RemoveHouseholdMember: { vars: (_w, x) => ({ householdId: x.householdId, personId: x.memberId, until: '2026-11-30' }), answer: scoped(FIELD_STAFF), consumes: true },
  ImportHouseholds: {
    vars: (_w, x) => ({ input: { communityId: x.communityId, csv: 'compound,building,unit,room,areaSqm,ownerName,ownerPhone,partyMember,relation\n', dryRun: true } }),
    answer: scoped(FIELD_STAFF),
  },
  UpdateCompound: { vars: (_w, x) => ({ id: x.compoundId, input: { households: 481 } }), answer: scoped(ADMINISTRATION) },
  UpdateGrid: { vars: (_w, x) => ({ id: x.gridId, input: { households: 121 } }), answer: scoped(ADMINISTRATION) },
  RetireGrid: { vars: (_w, x) => ({ id: x.spareGridId }), answer: scoped(ADMINISTRATION) },
  UpdateServiceItem: { vars: (_w, x, _s, n) => ({ id: x.serviceItemId, input: { name: `矩阵维修${n}` } }), answer: scoped(ADMINISTRATION) },
  RetireServiceItem: { vars: (_w, x) => ({ id: x.serviceItemId }), answer: scoped(ADMINISTRATION) },
  ChangeAllianceMembers: { vars: (w, x) => ({ id: x.allianceId, add: [w.policeId] }), answer: scoped(ADMINISTRATION) },
  EndPairing: { vars: (_w, x) => ({ id: x.pairingId, until: '2026-11-30' }), answer: scoped(ADMINS) },
  DeactivateOrganisation: { vars: (_w, x) => ({ id: x.leafOrgId, reason: '解散' }), answer: scoped(ADMINISTRATION) },
  ReclassifyTicket: { vars: (_w, x) => ({ id: x.quietTicketId, category: 'PUBLIC_AFFAIRS', note: '属公共事务' }), answer: scoped(['gridWorker', 'communityStaff', 'systemAdmin']) },

  // resident-app.graphql
  SubmitTicket: { vars: (_w, x) => ({ input: { title: '路灯坏了', description: '小区门口路灯不亮。', category: 'PUBLIC_AFFAIRS', channel: 'APP', gridId: x.gridId } }), answer: scoped(FIELD_STAFF, (p) => p === 'resident') },
  CancelTicket: { vars: (_w, x) => ({ id: x.ticketId, reason: '不需要了' }), answer: REPORTER },
  RateTicket: { vars: (_w, x) => ({ id: x.ticketId, score: 5 }), answer: REPORTER },
  ReopenTicket: { vars: (_w, x) => ({ id: x.ticketId, reason: '没修好' }), answer: REPORTER },

  // ticket-conversation.graphql
  AddTicketComment: { vars: (_w, x) => ({ ticketId: x.quietTicketId, body: '请尽快处理' }), answer: TICKET_READERS },
  RequestUpload: {
    vars: (_w, x) => ({ input: { ticketId: x.quietTicketId, stage: 'COMMENT', fileName: 'a.pdf', contentType: 'application/pdf', byteSize: 2048, sha256: 'b'.repeat(64) } }),
    answer: TICKET_READERS,
  },
  CompleteUpload: { vars: (_w, x) => ({ id: x.uploadId }), answer: REPORTER },
  FollowUpTicket: { vars: (_w, x) => ({ id: x.closedTicketId, input: { reached: false, note: '未接通' } }), answer: scoped(['gridWorker', 'communityStaff']) },
};

// ── Subscriptions (graphql-sse at /graphql/stream, the same token and scoping as queries) ──
export const STREAMS: Record<string, Rule> = {
  NotificationFeed: { vars: () => ({}), answer: open, unscoped: true },
  TicketUpdates: { vars: (_w, x) => ({ id: x.ticketId }), answer: TICKET_READERS },
};

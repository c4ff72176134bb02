import { mintToken, waitFor } from '@linli/testing';
import { SYSTEM_ADMIN, awaitPlaced } from './fixtures';
import { MODES, codes, startTestStack, type Caller, type GqlResult, type TestStack } from './harness';
import { buildTerritory, ok, op, rejection, submit, TestClock, ticketInput, type Territory } from './tickets.fixtures';

/**
 * The domain holes of issue #10, performed as an attacker inside the district
 * would (a grid worker, a community's staff, a firm's staff), through the
 * gateway and, where a subgraph could be reached directly, against it too.
 * Each `it` is one class of hole and asserts it is closed.
 */
// Each attack is a whole story through the stack (the faked-ratings one is a dozen writes and three meetings).
jest.setTimeout(120_000);

describe.each(MODES)('attacks on the domain rules (%s)', (mode) => {
  let stack: TestStack;
  let w: Territory;
  const clock = new TestClock('2026-11-22T01:00:00.000Z');
  const tick = (hours = 1) => clock.advance(hours);

  beforeAll(async () => {
    stack = await startTestStack(mode, 'attacks', { now: clock.now });
    w = await buildTerritory(stack, 'X');
  }, 240_000);
  afterAll(() => stack?.stop());

  const PERSON = `query($id: ID!) { person(id: $id) { id name phone } }`;
  const personAs = (id: string, as: Caller) => stack.gql(PERSON, { id }, as);

  /** What the evaluations service holds of a ticket (its read model, fed by the ticket events). */
  async function fact(id: string): Promise<{ status: string; resolved_by_id: string | null; rating_score: number | null } | undefined> {
    const rows = await stack.subgraphs.evaluations.orm.em.fork().getConnection().execute(`select status, resolved_by_id, rating_score from ticket_fact where id = ?`, [id]);
    return rows[0];
  }

  /** The same mutations, selecting only what the owning subgraph resolves itself (no gateway to join the rest). */
  const LOCAL: Record<string, string> = {
    Appoint: `mutation($input: AppointInput!) { appoint(input: $input) { appointment { id } } }`,
    AssignGridStaff: `mutation($input: AssignGridStaffInput!) { assignGridStaff(input: $input) { assignment { id } } }`,
    SubmitTicket: `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { ticket { id } } }`,
  };

  /** The mutation sent straight to the subgraph that owns it, bypassing the gateway: judged by the same rules. */
  async function direct(service: string, name: string, variables: Record<string, unknown>, as: Caller): Promise<GqlResult<any>> {
    const token = await mintToken({ sub: as.sub, roles: as.roles, orgs: as.orgs ?? [] });
    const res = await fetch(stack.subgraphs[service].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: LOCAL[name], variables }),
    });
    const body = (await res.json()) as GqlResult<any>;
    return { status: res.status, data: body.data, errors: body.errors };
  }

  it('hole 1: naming a stranger in appoint, assignGridStaff or submitTicket(onBehalfOf) is FORBIDDEN and shows nothing', async () => {
    const { communityStaff, neighbourStaff, gridWorker } = w.callers;
    // carol was registered by the neighbour community: a stranger to 西关社区.
    const carol = w.residents.carol.personId;
    const appoint = { input: { personId: carol, organisationId: w.communityId, role: 'STAFF', since: '2026-11-01' } };
    const assign = { input: { gridId: w.compoundGridId, personId: carol, role: 'GRID_MEMBER' } };
    const onBehalf = { input: ticketInput(w.compoundGridId, { channel: 'DOOR_KNOCKING', onBehalfOfPersonId: carol }) };

    expect(codes(await op(stack, 'Appoint', appoint, communityStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await direct('organisations', 'Appoint', appoint, communityStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'AssignGridStaff', assign, communityStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await direct('grids', 'AssignGridStaff', assign, communityStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'SubmitTicket', onBehalf, gridWorker))).toEqual(['FORBIDDEN']);
    expect(codes(await direct('tickets', 'SubmitTicket', onBehalf, gridWorker))).toEqual(['FORBIDDEN']);
    // An unknown id looks the same as a stranger.
    expect(codes(await op(stack, 'SubmitTicket', { input: ticketInput(w.compoundGridId, { onBehalfOfPersonId: 'nobody' }) }, gridWorker))).toEqual(['FORBIDDEN']);

    // Nothing widened: carol is still out of 西关's sight, and whole to her own community.
    expect(codes(await personAs(carol, communityStaff))).toEqual(['FORBIDDEN']);
    expect((await personAs(carol, neighbourStaff)).data.person.phone).toBe(w.residents.carol.phone);

    // In scope, the same writes pass.
    const bob = w.residents.bob.personId;
    expect((await op(stack, 'Appoint', { input: { ...appoint.input, personId: bob } }, communityStaff)).errors).toBeUndefined();
    expect((await op(stack, 'AssignGridStaff', { input: { ...assign.input, personId: bob } }, communityStaff)).errors).toBeUndefined();
    expect((await op(stack, 'SubmitTicket', { input: { ...onBehalf.input, onBehalfOfPersonId: bob } }, gridWorker)).errors).toBeUndefined();
  });

  it('hole 1: affiliations end with the appointment or grid assignment that made them (visibility stops)', async () => {
    const staff = w.callers.communityStaff;
    // Bootstrapping: a SYSTEM_ADMIN acting for no organisation registers a person in nobody's scope (hole 7).
    const registered = await ok(stack, 'RegisterPerson', { input: { name: '周志明', phone: '13655550001', partyMember: true } }, SYSTEM_ADMIN);
    const zhou = registered.registerPerson.person.id as string;
    expect(registered.registerPerson.person.phone).toBe('13655550001');
    expect(codes(await personAs(zhou, staff))).toEqual(['FORBIDDEN']);

    // A SYSTEM_ADMIN's post places him in 西关; ended before today, it no longer does.
    const post = await ok(stack, 'Appoint', { input: { personId: zhou, organisationId: w.communityId, role: 'LIAISON', since: '2026-01-01' } }, SYSTEM_ADMIN);
    expect((await personAs(zhou, staff)).data.person.phone).toBe('13655550001');
    await ok(stack, 'EndAppointment', { id: post.appoint.appointment.id, until: '2026-01-31' }, SYSTEM_ADMIN);
    expect(codes(await personAs(zhou, staff))).toEqual(['FORBIDDEN']);

    // A grid assignment places him while it lasts.
    await awaitPlaced(stack, [zhou]);
    const assigned = await ok(stack, 'AssignGridStaff', { input: { gridId: w.areaGridId, personId: zhou, role: 'GRID_MEMBER' } }, SYSTEM_ADMIN);
    await waitFor(async () => expect((await personAs(zhou, staff)).data?.person?.phone).toBe('13655550001'), { timeoutMs: 5_000, intervalMs: 50 });
    const ended = await stack.gql(`mutation($id: ID!) { unassignGridStaff(id: $id) { assignment { id } } }`, { id: assigned.assignGridStaff.assignment.id }, SYSTEM_ADMIN);
    expect(ended.errors).toBeUndefined();
    await waitFor(async () => expect(codes(await personAs(zhou, staff))).toEqual(['FORBIDDEN']), { timeoutMs: 5_000, intervalMs: 50 });
  });

  it('hole 2: a grid worker cannot fake a firm\'s bad ratings (submit, dispatch, deliberate, rate 1 three times)', async () => {
    const { gridWorker, firmStaff } = w.callers;
    const rated: GqlResult<unknown>[] = [];
    const tickets: string[] = [];
    for (let i = 0; i < 3; i++) {
      // The worker reports a problem "found on patrol" as itself, and sends it to the firm.
      const t = await submit(stack, gridWorker, ticketInput(w.compoundGridId, { title: `巡查发现 ${i}`, channel: 'DOOR_KNOCKING' }));
      tickets.push(t.id);
      tick();
      await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, gridWorker);
      tick();
      // A deliberation "resolves" it before the firm ever accepted.
      const meeting = await ok(
        stack,
        'ScheduleDeliberation',
        { input: { format: 'BENCH_MEETING', topic: `议事 ${i}`, communityId: w.communityId, scheduledAt: '2026-11-22T19:30:00+08:00', ticketIds: [t.id] } },
        gridWorker,
      );
      await ok(stack, 'RecordDeliberationOutcome', { id: meeting.scheduleDeliberation.deliberation.id, outcome: '已协商', resolveTickets: true }, gridWorker);
      tick();
      rated.push(await op(stack, 'RateTicket', { id: t.id, score: 1, comment: '差' }, gridWorker));
    }
    // The worker is the reporter but not a resident: it may not rate.
    expect(rated.map(rejection)).toEqual(Array(3).fill({ code: 'FORBIDDEN' }));

    // The firm is not the resolver (it never accepted), loses no points and gets no rectification.
    for (const id of tickets) {
      await waitFor(async () => expect((await fact(id))?.status).toBe('RESOLVED'), { timeoutMs: 5_000, intervalMs: 50 });
      expect((await fact(id))?.resolved_by_id).toBeNull();
    }
    const firm = (await ok(stack, 'FirmAssessment', { firmId: w.firmId, period: '2026-11' }, firmStaff)).organisation;
    expect(firm.assessment.deductions).toEqual([]);
    expect(firm.rectifications ?? []).toEqual([]);
  });

  it('hole 2: a deliberation resolves in the firm\'s name only after it accepted, and a resident\'s rating then counts', async () => {
    const { gridWorker, firmStaff, communityStaff } = w.callers;
    const alice = w.residents.alice;
    const t = await submit(stack, alice, ticketInput(w.compoundGridId, { title: '电梯异响' }));
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, communityStaff);
    await ok(stack, 'AcceptTicket', { id: t.id }, firmStaff);
    const meeting = await ok(
      stack,
      'ScheduleDeliberation',
      { input: { format: 'COURTYARD_MEETING', topic: '电梯', communityId: w.communityId, scheduledAt: '2026-11-22T19:30:00+08:00', ticketIds: [t.id] } },
      gridWorker,
    );
    await ok(stack, 'RecordDeliberationOutcome', { id: meeting.scheduleDeliberation.deliberation.id, outcome: '物业承诺维修', resolveTickets: true }, communityStaff);
    const rated = await ok(stack, 'RateTicket', { id: t.id, score: 4 }, alice);
    expect(rated.rateTicket.ticket.rating.score).toBe(4);
    await waitFor(async () => expect(await fact(t.id)).toMatchObject({ resolved_by_id: w.firmId, rating_score: 4 }), { timeoutMs: 5_000, intervalMs: 50 });
  });

  it('hole 2: deliberations follow each ticket\'s escalation level and role rules', async () => {
    const { gridWorker, communityStaff } = w.callers;
    const t = await submit(stack, w.residents.bob, ticketInput(w.areaGridId, { title: '占道经营' }));
    await ok(stack, 'EscalateTicket', { id: t.id, reason: '需街道协调' }, communityStaff);
    const input = { input: { format: 'SUNSHINE_HALL', topic: '占道', communityId: w.communityId, scheduledAt: '2026-11-22T19:30:00+08:00', ticketIds: [t.id] } };
    // At STREET level the ticket is the street admin's: a grid worker cannot take it up, nor community staff.
    expect(codes(await op(stack, 'ScheduleDeliberation', input, gridWorker))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'ScheduleDeliberation', input, communityStaff))).toEqual(['FORBIDDEN']);
    expect((await op(stack, 'ScheduleDeliberation', input, w.callers.streetAdmin)).errors).toBeUndefined();
  });

  it('hole 6: registerPerson says CONFLICT only within scope, never 500 under a race, and checks inputs by characters', async () => {
    const { communityStaff, neighbourStaff } = w.callers;
    const register = (input: Record<string, unknown>, as: Caller) => op(stack, 'RegisterPerson', { input: { partyMember: false, ...input } }, as);
    // alice's phone, registered by 西关: CONFLICT there, an unrevealing FORBIDDEN next door.
    expect(codes(await register({ name: '试探', phone: w.residents.alice.phone }, communityStaff))).toEqual(['CONFLICT']);
    expect(codes(await register({ name: '试探', phone: w.residents.alice.phone }, neighbourStaff))).toEqual(['FORBIDDEN']);

    // Two registrations of one phone at once: one person, one CONFLICT, no INTERNAL_SERVER_ERROR.
    const race = await Promise.all([register({ name: '甲', phone: '13766660001' }, communityStaff), register({ name: '乙', phone: '13766660001' }, communityStaff)]);
    expect(race.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);

    // A landline with and without '-' is one number.
    expect((await register({ name: '座机', phone: '029-88886666' }, communityStaff)).errors).toBeUndefined();
    expect(codes(await register({ name: '座机', phone: '02988886666' }, communityStaff))).toEqual(['CONFLICT']);

    // NUL, blank and over-long names: BAD_USER_INPUT (never a 500); 100 characters outside the BMP pass.
    expect(codes(await register({ name: '张\u0000三', phone: '13766660002' }, communityStaff))).toEqual(['BAD_USER_INPUT']);
    expect(rejection(await register({ name: '\u200B\u200C\u3000', phone: '13766660003' }, communityStaff))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(rejection(await register({ name: '𠮷'.repeat(101), phone: '13766660004' }, communityStaff))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect((await register({ name: '𠮷'.repeat(100), phone: '13766660005' }, communityStaff)).errors).toBeUndefined();
    expect(codes(await op(stack, 'SubmitTicket', { input: ticketInput(w.areaGridId, { description: 'a\u0000b' }) }, w.residents.alice))).toEqual(['BAD_USER_INPUT']);
  });

  it('hole 6: concurrent writes cannot open two active appointments, grid assignments or pairings', async () => {
    const staff = w.callers.communityStaff;
    const data = await ok(stack, 'RegisterPerson', { input: { name: '并发', phone: '13766660009', partyMember: false } }, staff);
    const id = data.registerPerson.person.id as string;
    await awaitPlaced(stack, [id]);
    const outcome = (rs: GqlResult<unknown>[]) => rs.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort();
    const appoint = () => op(stack, 'Appoint', { input: { personId: id, organisationId: w.communityId, role: 'MEMBER', since: '2026-11-01' } }, staff);
    expect(outcome(await Promise.all([appoint(), appoint(), appoint()]))).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const assign = () => op(stack, 'AssignGridStaff', { input: { gridId: w.areaGridId, personId: id, role: 'GRID_LEADER' } }, staff);
    expect(outcome(await Promise.all([assign(), assign(), assign()]))).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const pair = () => op(stack, 'RegisterPairing', { input: { departmentId: w.policeId, communityId: w.communityId, since: '2026-11-01' } }, w.callers.streetAdmin);
    expect(outcome(await Promise.all([pair(), pair(), pair()]))).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
  });
});

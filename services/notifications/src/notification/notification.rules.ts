import type { TicketEventV1, TicketOverdueV1, TicketCommentedV1, RectificationV1, AssessmentFinalisedV1, EscalationLevel } from '@linli/events';

export const NOTIFICATION_KINDS = [
  'TICKET_DISPATCHED',
  'TICKET_ACCEPTED',
  'TICKET_RESOLVED',
  'TICKET_CLOSED',
  'TICKET_RETURNED',
  'TICKET_ESCALATED',
  'TICKET_OVERDUE',
  'BAD_RATING',
  'COMMENT_ADDED',
  'RECTIFICATION_ISSUED',
  'RECTIFICATION_OVERDUE',
  'ASSESSMENT_FINALISED',
  'VOTING_OPENED',
  'PROPOSAL_DECIDED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An inbox: `P:<personId>` or `O:<organisationId>`. */
export type Recipient = `P:${string}` | `O:${string}`;
export const personInbox = (id: string): Recipient => `P:${id}`;
export const orgInbox = (id: string): Recipient => `O:${id}`;
export const inboxOrganisation = (r: string): string | null => (r.startsWith('O:') ? r.slice(2) : null);

/** What one event tells whom; the service writes one row per recipient. */
export interface Draft {
  kind: NotificationKind;
  recipients: Recipient[];
  title: string;
  body: string;
  ticketId: string | null;
  proposalId: string | null;
  organisationId: string | null;
}

/** The inboxes a caller reads: its own and those of the organisations it acts for. */
export const inboxesOf = (actor: { personId: string; orgs: readonly string[] }): Recipient[] => [
  personInbox(actor.personId),
  ...actor.orgs.map(orgInbox),
];

/**
 * Texts are built from codes, statuses and times only, never from what
 * people typed (a description may hold a phone number); a proposal's title,
 * the one typed text shown, has every long digit run masked.
 */
export function withoutPhones(text: string): string {
  return text.replace(/\d[\d\s-]{5,}\d/g, (run) => `${run.slice(0, 3)}****`);
}

/** `12月01日 09:30` in China Standard Time. */
export function cstTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}月${two(d.getUTCDate())}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

const LEVEL_NAMES: Record<EscalationLevel, string> = { COMPOUND: '小区', COMMUNITY: '社区', STREET: '街道', DISTRICT: '区' };
const unique = (rs: (Recipient | null)[]): Recipient[] => [...new Set(rs.filter((r): r is Recipient => r !== null))];
const draft = (kind: NotificationKind, recipients: (Recipient | null)[], title: string, body: string, refs: Partial<Draft> = {}): Draft => ({
  kind,
  recipients: unique(recipients),
  title,
  body,
  ticketId: refs.ticketId ?? null,
  proposalId: refs.proposalId ?? null,
  organisationId: refs.organisationId ?? null,
});

/**
 * The notifications of a ticket transition (contract "Notifications"):
 * dispatched → the assignee; accepted, resolved, closed → the reporter;
 * returned → the community; escalated → the community and the street or
 * district it reached (`reached`, looked up by the caller); a rating of 1–2 →
 * the assignee that resolved it. A rating also closes the ticket, but the
 * reporter who gave it is not told of their own act (a follow-up's is told).
 */
export function ticketDrafts(type: string, e: TicketEventV1, reached: string | null = null): Draft[] {
  const t = e.ticket;
  const code = t.code;
  const refs = { ticketId: t.ticketId, organisationId: t.assigneeId };
  const reporter = personInbox(t.reporterId);
  const assignee = t.assigneeId ? orgInbox(t.assigneeId) : null;
  switch (type) {
    case 'tickets.ticket.dispatched':
      return [
        draft(
          'TICKET_DISPATCHED',
          [assignee],
          `新派工单 ${code}`,
          `工单 ${code} 已派给你单位${t.priority === 'URGENT' ? '（紧急）' : ''}，请在 ${t.responseDueAt ? cstTime(t.responseDueAt) : '时限'} 前接单。`,
          refs,
        ),
      ];
    case 'tickets.ticket.accepted':
      return [draft('TICKET_ACCEPTED', [reporter], '工单已受理', `你反映的问题（${code}）已被受理，正在处理。`, refs)];
    case 'tickets.ticket.resolved':
      return [draft('TICKET_RESOLVED', [reporter], '工单已办结', `你反映的问题（${code}）已处理完毕，请评价。`, refs)];
    case 'tickets.ticket.closed':
      return [draft('TICKET_CLOSED', [reporter], '工单已关闭', `工单 ${code} 已关闭。`, refs)];
    case 'tickets.ticket.rated': {
      const out: Draft[] = [];
      const score = t.rating?.score ?? 0;
      const charged = t.resolvedById ?? t.assigneeId;
      if (score >= 1 && score <= 2 && charged) {
        out.push(draft('BAD_RATING', [orgInbox(charged)], `工单 ${code} 收到差评`, `工单 ${code} 收到 ${score} 星评价，请核查整改。`, { ...refs, organisationId: charged }));
      }
      if (e.transition.actorId !== t.reporterId) out.push(draft('TICKET_CLOSED', [reporter], '工单已关闭', `工单 ${code} 已评价并关闭。`, refs));
      return out;
    }
    case 'tickets.ticket.returned':
      return [
        draft('TICKET_RETURNED', [orgInbox(t.communityId)], `工单 ${code} 被退回`, `工单 ${code} 被承办单位退回，请重新派单。`, {
          ticketId: t.ticketId,
          organisationId: t.communityId,
        }),
      ];
    case 'tickets.ticket.escalated':
      return [
        draft(
          'TICKET_ESCALATED',
          [orgInbox(t.communityId), reached ? orgInbox(reached) : null],
          `工单 ${code} 已升级`,
          `工单 ${code} 已升级至${LEVEL_NAMES[t.escalationLevel]}级办理。`,
          { ticketId: t.ticketId, organisationId: t.communityId },
        ),
      ];
    default:
      return [];
  }
}

/**
 * A comment → the reporter (public comments only: internal ones are never
 * shown to them), the community and the assignee; never its own author. The
 * body is not repeated (people type phone numbers into comments).
 */
export function commentDrafts(e: TicketCommentedV1): Draft[] {
  const recipients = [e.internal ? null : personInbox(e.reporterId), orgInbox(e.communityId), e.assigneeId ? orgInbox(e.assigneeId) : null].filter(
    (r) => r !== personInbox(e.authorId),
  );
  return [draft('COMMENT_ADDED', recipients, `工单 ${e.code} 有新留言`, `工单 ${e.code} 有一条新${e.internal ? '内部' : ''}留言，请查看。`, { ticketId: e.ticketId, organisationId: e.communityId })];
}

/** Overdue → the community and the assignee. */
export function overdueDrafts(e: TicketOverdueV1): Draft[] {
  const t = e.ticket;
  const what = e.due === 'RESPONSE' ? '接单' : '办结';
  return [
    draft(
      'TICKET_OVERDUE',
      [orgInbox(t.communityId), t.assigneeId ? orgInbox(t.assigneeId) : null],
      `工单 ${t.code} 已超时`,
      `工单 ${t.code} 的${what}时限（${cstTime(e.dueAt)}）已过。`,
      { ticketId: t.ticketId, organisationId: t.assigneeId ?? t.communityId },
    ),
  ];
}

const REASONS: Record<RectificationV1['reason'], string> = { REPEATED_BAD_RATINGS: '差评较多', POOR_GRADE: '考核不合格' };

/** Rectification issued or overdue → the firm and the communities of its compounds. */
export function rectificationDrafts(kind: 'RECTIFICATION_ISSUED' | 'RECTIFICATION_OVERDUE', r: RectificationV1, communities: readonly string[]): Draft[] {
  const recipients = [orgInbox(r.firmId), ...communities.map(orgInbox)];
  return kind === 'RECTIFICATION_ISSUED'
    ? [draft(kind, recipients, '整改通知', `物业企业收到整改通知（${REASONS[r.reason]}），须于 ${cstTime(r.dueAt)} 前整改。`, { organisationId: r.firmId })]
    : [draft(kind, recipients, '整改逾期', `物业企业的整改（${REASONS[r.reason]}）已逾期，建议启动更换程序。`, { organisationId: r.firmId })];
}

const GRADES: Record<AssessmentFinalisedV1['grade'], string> = { EXCELLENT: '优秀', GOOD: '良好', FAIR: '合格', POOR: '不合格' };

/** A finalised month → the firm. */
export function assessmentDrafts(a: AssessmentFinalisedV1): Draft[] {
  return [
    draft('ASSESSMENT_FINALISED', [orgInbox(a.firmId)], `${a.period} 月度考核结果`, `${a.period} 考核得分 ${a.score}，等级：${GRADES[a.grade]}。`, {
      organisationId: a.firmId,
    }),
  ];
}

/**
 * The owners service's proposal events, read by field (TODO: use the typed
 * contracts `owners.proposal.votingOpened` / `owners.proposal.decided` once
 * they are in the catalogue).
 */
export interface ProposalEventPayload {
  proposalId: string;
  title: string;
  status?: string;
  ownerPersonIds?: string[];
}

const OUTCOMES: Record<string, string> = { PASSED: '通过', REJECTED: '未通过', NO_QUORUM: '未达法定人数' };

export function proposalDrafts(kind: 'VOTING_OPENED' | 'PROPOSAL_DECIDED', p: ProposalEventPayload): Draft[] {
  const title = withoutPhones(String(p.title ?? '')).slice(0, 60);
  const owners = (p.ownerPersonIds ?? []).filter((id) => typeof id === 'string' && id).map(personInbox);
  return kind === 'VOTING_OPENED'
    ? [draft(kind, owners, '业主表决开始', `「${title}」已开始表决，请及时投票。`, { proposalId: p.proposalId })]
    : [draft(kind, owners, `表决结果：${OUTCOMES[p.status ?? ''] ?? '已结束'}`, `「${title}」表决结束：${OUTCOMES[p.status ?? ''] ?? '已结束'}。`, { proposalId: p.proposalId })];
}

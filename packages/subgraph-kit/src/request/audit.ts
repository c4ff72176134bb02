import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { AuditRecorded, recordEvent, type AuditRecordedV1 } from '@linli/events';
import { STAFF_ROLES, hasRole, maskPhone, type Actor, type ServiceName } from '@linli/platform';

/** What a write may say about itself; anything left out is derived (subject from the result's `id`, summary from the arguments). */
export interface AuditNote {
  subjectType?: string | null;
  subjectId?: string | null;
  summary?: string;
  /** Nothing was written (a dry run): no entry. */
  skip?: boolean;
}

const PHONES = /(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)/g;
const MAX_SUMMARY = 500;
const MAX_VALUE = 120;

/** Never a phone number in the log (contract "Audit log"); long values (a CSV) shortened. */
export function auditSummary(text: string): string {
  const masked = text.replace(PHONES, (p) => maskPhone(p.replace('-', '')));
  return masked.length > MAX_SUMMARY ? `${masked.slice(0, MAX_SUMMARY - 1)}…` : masked;
}

/** `action {arg: value, …}` from the operation's variables, values shortened. */
export function summariseArguments(action: string, variables: Record<string, unknown> | undefined): string {
  const text = JSON.stringify(variables ?? {}, (_k, v) => (typeof v === 'string' && v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}… (${v.length} characters)` : v));
  return auditSummary(`${action} ${text}`);
}

/**
 * The request's audit trail. The kit's `transact` hands it every successful
 * write (inside the write's transaction, so no write without its entry and
 * no entry without its write); resolvers may `note` a better subject or
 * summary; reads of whole phones are counted and recorded once per request.
 */
export class AuditTrail {
  private action: string | null = null;
  private variables: Record<string, unknown> | undefined;
  private pending: AuditNote | null = null;
  private readonly phonesShown = new Set<string>();

  constructor(
    private readonly service: ServiceName | string,
    private readonly actor: Actor,
    private readonly meta: () => { source: string; correlationId: string; occurredAt: Date },
  ) {}

  /** Set by the kit's plugin once the operation is known: a mutation's root field is the audited action. */
  operation(op: OperationDefinitionNode, variables: Record<string, unknown> | undefined): void {
    if (op.operation !== 'mutation') return;
    const field = op.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value !== '__typename');
    this.action = field && field.kind === Kind.FIELD ? field.name.value : null;
    this.variables = variables;
  }

  /** A resolver's own words for the entry of its next write. */
  note(note: AuditNote): void {
    this.pending = { ...this.pending, ...note };
  }

  /** Staff and admin roles are audited; residents' own writes are not administrative. */
  private get audited(): boolean {
    return hasRole(this.actor, ...STAFF_ROLES);
  }

  /** Called by `transact` inside the transaction, after the work succeeded. */
  recordWrite(em: EntityManager, result: unknown): void {
    if (!this.audited || !this.action) return;
    const derived = subjectOf(result);
    const note = this.pending ?? {};
    this.pending = null;
    if (note.skip) return;
    recordAudit(em, this.service, this.actor, this.meta(), {
      action: this.action,
      subjectType: note.subjectType !== undefined ? note.subjectType : derived.subjectType,
      subjectId: note.subjectId !== undefined ? note.subjectId : derived.subjectId,
      summary: note.summary ? auditSummary(note.summary) : summariseArguments(this.action, this.variables),
    });
  }

  /** A whole phone was shown to this caller (counted once per person and request; never for the person themself). */
  personalDataShown(personId: string): void {
    if (personId !== this.actor.personId) this.phonesShown.add(personId);
  }

  /** At the end of the request: one PERSONAL_DATA_READ entry if any whole phone was shown. */
  async recordReads(orm: MikroORM): Promise<boolean> {
    if (!this.phonesShown.size) return false;
    const n = this.phonesShown.size;
    this.phonesShown.clear();
    await orm.em.fork().transactional(async (em) => {
      recordAudit(em, this.service, this.actor, this.meta(), {
        action: 'PERSONAL_DATA_READ',
        subjectType: 'Person',
        subjectId: null,
        summary: `whole phone numbers of ${n} ${n === 1 ? 'person' : 'people'} shown`,
      });
    });
    return true;
  }
}

function subjectOf(result: unknown): { subjectType: string | null; subjectId: string | null } {
  if (result && typeof result === 'object' && typeof (result as { id?: unknown }).id === 'string') {
    const name = (result as object).constructor?.name;
    return { subjectType: name && name !== 'Object' ? name.replace(/Entity$/, '') : null, subjectId: (result as { id: string }).id };
  }
  return { subjectType: null, subjectId: null };
}

/** Records one audit entry in the given transaction (the CLI and background writers call it directly). */
export function recordAudit(
  em: EntityManager,
  service: string,
  actor: Actor,
  meta: { source: string; correlationId: string; occurredAt: Date },
  entry: Pick<AuditRecordedV1, 'action' | 'subjectType' | 'subjectId' | 'summary'>,
): void {
  const def = AuditRecorded[service as ServiceName];
  if (!def) throw new Error(`No audit event for service ${service}`);
  recordEvent(
    em,
    def,
    { at: meta.occurredAt.toISOString(), actorId: actor.personId, roles: [...actor.roles], actorOrgIds: [...actor.orgs], service, ...entry },
    meta,
  );
}

/** Tells each request's trail which operation runs, and records its phone reads once the response is ready. */
export function auditPlugin(orm: MikroORM, onRecorded: () => void): ApolloServerPlugin<{ audit: AuditTrail }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, request }) {
          if (operation) contextValue.audit.operation(operation, request.variables as Record<string, unknown> | undefined);
        },
        async willSendResponse({ contextValue }) {
          if (await contextValue.audit?.recordReads(orm)) onRecorded();
        },
      };
    },
  };
}

import { SERVICE_NAMES, type ServiceName } from '@linli/platform';
import { defineEvent, type EventDefinition } from './envelope';

/**
 * One entry of the audit log (contract "Audit log"): every successful write
 * by a staff or admin role, in every service, recorded in the write's own
 * transaction; and one PERSONAL_DATA_READ per request that showed whole
 * phones to someone other than their owner. Each service publishes its own
 * `<service>.audit.recorded`; the organisations service keeps them all.
 */
export interface AuditRecordedV1 {
  /** When the write committed (ISO 8601). */
  at: string;
  /** The token's `sub`. */
  actorId: string;
  roles: string[];
  /** The organisations the actor acted for: the entry is in the scope of each. */
  actorOrgIds: string[];
  service: string;
  /** The mutation's name, or PERSONAL_DATA_READ. */
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** What changed, never with phone numbers. */
  summary: string;
}

/** `<service>.audit.recorded`, one definition per service of the registry (a new service gets its own for free). */
export const AuditRecorded = Object.freeze(
  Object.fromEntries(
    SERVICE_NAMES.map((s) => [
      s,
      defineEvent<AuditRecordedV1>()(`${s}.audit.recorded`, 1, `An administrative write (or a read of whole phones) in the ${s} service, for the audit log.`),
    ]),
  ) as Record<ServiceName, EventDefinition<string, AuditRecordedV1>>,
);

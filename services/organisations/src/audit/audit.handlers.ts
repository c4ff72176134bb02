import type { EntityManager } from '@mikro-orm/core';
import { AuditRecorded, on, type AuditRecordedV1, type EventEnvelope, type EventHandlers } from '@linli/events';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { AuditEntryEntity, AuditEntryScopeEntity } from './audit.entity';

/** Stores one service's audit entry with the scopes it lies in (its actor's organisations as they stand now). */
async function store(em: EntityManager, e: EventEnvelope<string, AuditRecordedV1>): Promise<void> {
  if (await em.count(AuditEntryEntity, { id: e.id })) return;
  const p = e.payload;
  em.create(AuditEntryEntity, {
    id: e.id,
    at: new Date(p.at),
    actorId: p.actorId.slice(0, 100),
    roles: p.roles.join(',').slice(0, 200),
    service: p.service,
    action: p.action,
    subjectType: p.subjectType,
    subjectId: p.subjectId,
    summary: p.summary.slice(0, 500),
  });
  const orgs = p.actorOrgIds.length ? await em.find(OrganisationEntity, { id: { $in: p.actorOrgIds } }, { fields: ['id', 'path'] }) : [];
  for (const o of orgs) em.create(AuditEntryScopeEntity, { entryId: e.id, organisationId: o.id, path: `${o.path}${o.id}/` });
}

/** Every service's `<service>.audit.recorded` lands in the one store. */
export const auditHandlers: EventHandlers = Object.assign({}, ...Object.values(AuditRecorded).map((def) => on(def, store)));

import type { EntityManager } from '@mikro-orm/core';
import type { Actor, Logger } from '@linli/platform';
import type { Loaders } from './loaders';
import type { ObjectStore } from '../files/store';
import type { AuditTrail } from './audit';

/** What every resolver gets: the verified caller, its own unit of work, and per-request loaders. */
export interface SubgraphContext {
  actor: Actor;
  /** A fork of the service's EntityManager for this request only. */
  em: EntityManager;
  loaders: Loaders;
  /** The file store of a service that declares `files` (null otherwise). */
  files: ObjectStore | null;
  requestId: string;
  logger: Logger;
  /**
   * Runs a write in one transaction (state change + outbox events commit
   * together) and then wakes the outbox relay so events leave at once.
   */
  transact<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /**
   * The request's audit trail: `transact` records every successful write of a
   * staff or admin role in the same transaction (action = the mutation's
   * name, subject = the returned row's id); `audit.note()` gives a better
   * subject or summary; `audit.personalDataShown(id)` counts whole phones shown.
   */
  audit: AuditTrail;
  now(): Date;
  /** Who writes, when, and the metadata its events carry (source service, correlation id). */
  command(): Command;
}

export interface Command {
  actor: Actor;
  now: Date;
  event: { source: string; correlationId: string; occurredAt: Date };
}

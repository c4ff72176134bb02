import type { EventEnvelope, EventTransport, Subscription } from '@linli/events';
import type { Logger } from '@linli/platform';

/** One event that may concern open streams: its bus position (the SSE event id) and the keys it concerns. */
export interface LiveEntry {
  seq: number;
  at: number;
  /** `ticket:<id>` or `inbox:P:<personId>` / `inbox:O:<organisationId>`. */
  key: string;
  notificationId: string | null;
}

export const ticketKey = (id: string) => `ticket:${id}`;
export const inboxKeys = (personId: string, orgs: readonly string[]) => [`inbox:P:${personId}`, ...orgs.map((o) => `inbox:O:${o}`)];

/** What an event means to live streams: a ticket changed, or a notification landed in an inbox. */
export function liveEntryOf(envelope: EventEnvelope, seq: number): LiveEntry | null {
  const at = Date.parse(envelope.occurredAt);
  const p = envelope.payload as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') return null;
  if (envelope.type === 'notifications.notification.created') {
    const kind = p.recipientKind === 'ORGANISATION' ? 'O' : 'P';
    return typeof p.recipientId === 'string' && typeof p.notificationId === 'string'
      ? { seq, at, key: `inbox:${kind}:${p.recipientId}`, notificationId: p.notificationId }
      : null;
  }
  if (envelope.type.startsWith('tickets.')) {
    const ticket = p.ticket as { ticketId?: unknown } | undefined;
    const id = ticket?.ticketId ?? p.ticketId;
    return typeof id === 'string' ? { seq, at, key: ticketKey(id), notificationId: null } : null;
  }
  return null;
}

export interface LiveFeedOptions {
  transport: EventTransport;
  logger: Logger;
  /** How far back a reconnecting client may resume (contract: 24 h). */
  windowMs?: number;
  /** Bound on the entries kept for resumption. */
  maxEntries?: number;
  /** Told of every event, in bus order (the entity cache's invalidation). */
  onEvent?: (envelope: EventEnvelope) => void;
}

/**
 * This gateway process's view of the bus for live updates: an ephemeral
 * ordered tail (JetStream ordered consumer, or the in-process bus) from 24 h
 * ago, the entries of that window kept for `Last-Event-ID` resumption, and
 * listeners by key. Sequence numbers are the stream's, so a client may resume
 * on another gateway process.
 */
export class LiveFeed {
  private readonly entries: LiveEntry[] = [];
  private readonly listeners = new Map<string, Set<(entry: LiveEntry) => void>>();
  private subscription: Subscription | null = null;
  private readonly windowMs: number;
  private readonly maxEntries: number;

  constructor(private readonly opts: LiveFeedOptions) {
    this.windowMs = opts.windowMs ?? 24 * 3_600_000;
    this.maxEntries = opts.maxEntries ?? 500_000;
  }

  async start(): Promise<void> {
    this.subscription = await this.opts.transport.tail((envelope, seq) => this.receive(envelope, seq), { since: new Date(Date.now() - this.windowMs) });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.listeners.clear();
  }

  private receive(envelope: EventEnvelope, seq: number): void {
    try {
      this.opts.onEvent?.(envelope);
    } catch (err) {
      this.opts.logger.error({ err }, 'event observer failed');
    }
    const entry = liveEntryOf(envelope, seq);
    if (!entry) return;
    this.entries.push(entry);
    const horizon = Date.now() - this.windowMs;
    let drop = 0;
    while (drop < this.entries.length && (this.entries[drop].at < horizon || this.entries.length - drop > this.maxEntries)) drop++;
    if (drop) this.entries.splice(0, drop);
    for (const listener of this.listeners.get(entry.key) ?? []) {
      try {
        listener(entry);
      } catch (err) {
        this.opts.logger.error({ err }, 'live listener failed');
      }
    }
  }

  /** Entries of these keys after `afterSeq` still in the resumption window, oldest first. */
  since(keys: readonly string[], afterSeq: number): LiveEntry[] {
    const wanted = new Set(keys);
    return this.entries.filter((e) => e.seq > afterSeq && wanted.has(e.key));
  }

  /**
   * Every later entry of these keys as it comes. Entries reach listeners
   * synchronously, so `since` then `follow` in one step leave nothing between
   * replay and live.
   */
  follow(keys: readonly string[], listener: (entry: LiveEntry) => void): () => void {
    for (const key of keys) {
      let set = this.listeners.get(key);
      if (!set) this.listeners.set(key, (set = new Set()));
      set.add(listener);
    }
    return () => {
      for (const key of keys) {
        const set = this.listeners.get(key);
        set?.delete(listener);
        if (set && !set.size) this.listeners.delete(key);
      }
    };
  }
}

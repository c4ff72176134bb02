import type { LiveEntry } from './feed';

export type LiveResult = { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

/** What the streams of one view have in common (share.ts decides the key). */
export interface ViewSpec {
  key: string;
  /** Feed keys the view follows (`ticket:<id>`, or a person's inboxes). */
  feedKeys: readonly string[];
  /**
   * Only the newest state matters (a ticket): entries that arrive while a run
   * is in flight collapse into one run. Otherwise every entry gets its own
   * run (each notification is its own answer).
   */
  coalesce: boolean;
}

/** One open stream of a view. */
export interface ViewMember {
  /** The view's selection for this entry, run as this member (its own token). */
  run(entry: LiveEntry): Promise<LiveResult>;
  /** Writes an answer to the stream; called in increasing `seq` order, each `seq` at most once. */
  deliver(result: LiveResult, seq: number): void;
}

export interface ViewHubOptions {
  /** Listens to feed entries of these keys from now on (LiveFeed.follow). */
  follow(keys: readonly string[], listener: (entry: LiveEntry) => void): () => void;
  /** Entries of these keys after `afterSeq` still in the resumption window (LiveFeed.since). */
  missed(keys: readonly string[], afterSeq: number): LiveEntry[];
  /** Bounds the selection runs in flight across all views (the gateway's `maxConcurrentUpdates`). */
  limit<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Whether an answer run as one member holds for every member of its view:
   * not when it speaks of the runner's own credentials (its token failed).
   */
  shareable(result: LiveResult): boolean;
  /** A selection run finished: `shared` for a view, `alone` for one member (resumption, or a fallback). */
  onRun?(mode: 'shared' | 'alone'): void;
  onDeliver?(): void;
  onError(err: unknown): void;
}

interface Seat {
  member: ViewMember;
  /** The newest `seq` delivered: never go back, never repeat. */
  lastSeq: number;
  /** Deliveries to this stream, in the order they were decided. */
  chain: Promise<void>;
  left: boolean;
}

interface View {
  spec: ViewSpec;
  seats: Set<Seat>;
  unfollow: () => void;
  pending: LiveEntry[];
  running: boolean;
  inflightSeq: number | null;
  /** The last shared answer of a coalescing view, for a stream that resumes behind it. */
  last: { seq: number; result: LiveResult } | null;
}

/**
 * Live fan-out: streams watching the same view share one selection run per
 * change, run as one of them and written to all; a burst of changes to a
 * ticket collapses into one run per view; runs of all views go through one
 * limiter; each stream gets its answers in bus order, each at most once.
 */
export class ViewHub {
  private readonly views = new Map<string, View>();

  constructor(private readonly opts: ViewHubOptions) {}

  /** Open views (one per distinct view key with at least one stream). */
  get size(): number {
    return this.views.size;
  }

  /**
   * Adds a stream to its view (created on first use). With `afterSeq` (a
   * `Last-Event-ID`), what the stream missed comes first, run as this member
   * alone (or the view's last answer when it is new enough). Returns leave().
   */
  join(spec: ViewSpec, member: ViewMember, afterSeq: number | null): () => void {
    let view = this.views.get(spec.key);
    if (!view) {
      const created: View = { spec, seats: new Set(), unfollow: () => undefined, pending: [], running: false, inflightSeq: null, last: null };
      created.unfollow = this.opts.follow(spec.feedKeys, (entry) => this.arrive(created, entry));
      this.views.set(spec.key, created);
      view = created;
    }
    const seat: Seat = { member, lastSeq: -1, chain: Promise.resolve(), left: false };
    view.seats.add(seat);
    if (afterSeq !== null) this.catchUp(view, seat, afterSeq);
    const joined = view;
    return () => this.leave(joined, seat);
  }

  private leave(view: View, seat: Seat): void {
    if (seat.left) return;
    seat.left = true;
    view.seats.delete(seat);
    if (view.seats.size || this.views.get(view.spec.key) !== view) return;
    view.unfollow();
    view.pending = [];
    this.views.delete(view.spec.key);
  }

  private catchUp(view: View, seat: Seat, afterSeq: number): void {
    const missed = this.opts.missed(view.spec.feedKeys, afterSeq);
    const due = view.spec.coalesce ? missed.slice(-1) : missed;
    for (const entry of due) {
      if (view.spec.coalesce && view.last && view.last.seq >= entry.seq) this.send(seat, Promise.resolve(view.last.result), view.last.seq);
      // A shared run newer than what was missed is on its way to this stream too.
      else if (view.spec.coalesce && view.inflightSeq !== null && view.inflightSeq >= entry.seq) continue;
      else this.send(seat, this.runAlone(seat, entry), entry.seq);
    }
  }

  private arrive(view: View, entry: LiveEntry): void {
    if (view.spec.coalesce) view.pending = [entry];
    else view.pending.push(entry);
    void this.pump(view);
  }

  /** One run at a time per view, so its answers leave in bus order. */
  private async pump(view: View): Promise<void> {
    if (view.running) return;
    view.running = true;
    try {
      while (view.pending.length && view.seats.size) {
        const entry = view.pending.shift()!;
        const runner = view.seats.values().next().value as Seat;
        view.inflightSeq = entry.seq;
        let result: LiveResult;
        try {
          result = await this.opts.limit(() => runner.member.run(entry));
          this.opts.onRun?.('shared');
        } catch (err) {
          this.opts.onError(err);
          continue;
        }
        if (this.opts.shareable(result)) {
          if (view.spec.coalesce) view.last = { seq: entry.seq, result };
          for (const seat of view.seats) this.send(seat, Promise.resolve(result), entry.seq);
        } else {
          // The runner's own answer is its own; everyone else asks for theirs.
          for (const seat of view.seats) this.send(seat, seat === runner ? Promise.resolve(result) : this.runAlone(seat, entry), entry.seq);
        }
      }
    } finally {
      view.running = false;
      view.inflightSeq = null;
    }
  }

  private runAlone(seat: Seat, entry: LiveEntry): Promise<LiveResult> {
    return this.opts.limit(() => seat.member.run(entry)).then((result) => {
      this.opts.onRun?.('alone');
      return result;
    });
  }

  private send(seat: Seat, result: Promise<LiveResult>, seq: number): void {
    // Settled now, so a failed run is handled even while earlier deliveries are still ahead of it.
    const settled = result.then(
      (answer) => ({ answer }),
      (err: unknown) => {
        this.opts.onError(err);
        return null;
      },
    );
    seat.chain = seat.chain.then(async () => {
      const outcome = await settled;
      if (!outcome || seat.left || seq <= seat.lastSeq) return;
      seat.lastSeq = seq;
      this.opts.onDeliver?.();
      try {
        seat.member.deliver(outcome.answer, seq);
      } catch (err) {
        this.opts.onError(err);
      }
    });
  }
}

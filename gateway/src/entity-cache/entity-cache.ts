import type { GraphQLSchema } from 'graphql';
import type { Counter, Metrics } from '@linli/platform';
import { EVERYTHING } from './invalidation';
import { PUBLIC_FIELDS } from './public-fields';
import { entityShapeOf, type EntityShape } from './shape';

export interface EntityCacheSettings {
  /** Entities kept (least recently used go first); 0 switches the cache off. */
  maxEntries: number;
  /**
   * Longest an entity is kept even without an event about it: a bound on what
   * an event the cache could not have seen costs (one published while this
   * process was not yet tailing, a producer that lagged its own projection).
   */
  ttlMs: number;
}

export const DEFAULT_ENTITY_CACHE_SETTINGS: EntityCacheSettings = { maxEntries: 100_000, ttlMs: 600_000 };

interface Entry {
  /**
   * As JSON, parsed for every answer: the gateway merges later fetches into
   * the objects an answer holds, and another request's fields must never
   * reach a shared copy.
   */
  json: string;
  /** What drops it: the keys of invalidation.ts, and the subgraph it came from. */
  deps: readonly string[];
  expiresAt: number;
}

/** A cacheable fetch document: its shape, and a short id that stands for the document in entry keys. */
export interface CacheableFetch {
  id: number;
  shape: EntityShape;
}

const fromSubgraph = (name: string) => `@subgraph:${name}`;

/**
 * The gateway's cache of public registry entities (public-fields.ts), per
 * subgraph, fetch shape and representation, invalidated by the events every
 * change already emits (invalidation.ts), which this process reads from its
 * tail of the bus. It holds only answers every authenticated caller gets
 * alike, so one caller's fetch may answer another's.
 *
 * Exactness: an entity fetched while an invalidating event arrived is not
 * kept (`epoch`: the answer may predate the change the event announces);
 * a write this gateway forwarded drops what came from that subgraph at once
 * (read-your-writes without waiting for the event); while the bus is away the
 * cache neither answers nor keeps anything (`suspend`), and it starts empty
 * when the bus is back.
 */
export class EntityCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byDependency = new Map<string, Set<string>>();
  private readonly shapes = new Map<string, CacheableFetch | null>();
  private schema: GraphQLSchema | null = null;
  private lastShapeId = 0;
  private live = true;
  private currentEpoch = 0;
  private readonly hits?: Counter;
  private readonly misses?: Counter;
  private readonly dropped?: Counter;

  constructor(
    readonly settings: EntityCacheSettings,
    metrics?: Metrics,
    private readonly now: () => number = Date.now,
  ) {
    this.hits = metrics?.counter('entity_cache_hits_total', 'Entities the gateway answered from its entity cache');
    this.misses = metrics?.counter('entity_cache_misses_total', 'Cacheable entities the gateway fetched from their subgraph');
    this.dropped = metrics?.counter('entity_cache_invalidated_total', 'Cached entities dropped by an event or a forwarded write');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The schema fetch shapes are read against (the supergraph's API schema); a new one forgets every shape. */
  useSchema(schema: GraphQLSchema): void {
    this.schema = schema;
    this.shapes.clear();
  }

  /** A subgraph fetch the cache may answer (it is serving, and the fetch reads only public fields of entities), else null. */
  cacheable(query: string): CacheableFetch | null {
    if (!this.live || !this.schema || this.settings.maxEntries <= 0) return null;
    let fetch = this.shapes.get(query);
    if (fetch === undefined) {
      const shape = entityShapeOf(query, this.schema, PUBLIC_FIELDS);
      fetch = shape && { id: ++this.lastShapeId, shape };
      // Fetch documents come from the query planner: a bounded set per operation of the safelist.
      if (this.shapes.size >= 10_000) this.shapes.clear();
      this.shapes.set(query, fetch);
    }
    return fetch;
  }

  /** Moves on with every invalidation: a fetch that began at an older epoch may hold what it invalidated. */
  epoch(): number {
    return this.currentEpoch;
  }

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses?.inc();
      return undefined;
    }
    if (entry.expiresAt <= this.now()) {
      this.remove(key);
      this.misses?.inc();
      return undefined;
    }
    // Least recently used first out: a Map iterates in insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits?.inc();
    return JSON.parse(entry.json);
  }

  /** Keeps an entity fetched since `fetchedAt` (an epoch), unless something was invalidated meanwhile. */
  set(key: string, value: unknown, subgraph: string, deps: Iterable<string>, fetchedAt: number): void {
    if (!this.live || fetchedAt !== this.currentEpoch || this.settings.maxEntries <= 0) return;
    this.remove(key);
    const entry: Entry = { json: JSON.stringify(value), deps: [...deps, fromSubgraph(subgraph)], expiresAt: this.now() + this.settings.ttlMs };
    this.entries.set(key, entry);
    for (const dep of entry.deps) {
      let keys = this.byDependency.get(dep);
      if (!keys) this.byDependency.set(dep, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.settings.maxEntries) this.remove(this.entries.keys().next().value as string);
  }

  /** Drops the entities that depend on these keys (`Type:id`; `Type:*` entries go with any id of the type; `*` is everything). */
  invalidate(keys: readonly string[]): void {
    if (!keys.length) return;
    this.currentEpoch++;
    if (keys.includes(EVERYTHING)) return this.clear();
    for (const key of keys) {
      const type = key.slice(0, key.indexOf(':'));
      for (const dep of [key, `${type}:*`]) {
        for (const entryKey of [...(this.byDependency.get(dep) ?? [])]) {
          this.remove(entryKey);
          this.dropped?.inc();
        }
      }
    }
  }

  /** A write went to this subgraph through this gateway: what came from it is read again. */
  invalidateSubgraph(subgraph: string): void {
    this.invalidate([fromSubgraph(subgraph)]);
  }

  /** While the bus is away nothing is answered or kept (events may be missed); back, it starts empty. */
  suspend(): void {
    this.live = false;
    this.clear();
  }

  resume(): void {
    this.currentEpoch++;
    this.live = true;
  }

  get serving(): boolean {
    return this.live;
  }

  clear(): void {
    this.currentEpoch++;
    this.entries.clear();
    this.byDependency.clear();
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const dep of entry.deps) {
      const keys = this.byDependency.get(dep);
      keys?.delete(key);
      if (keys && !keys.size) this.byDependency.delete(dep);
    }
  }
}

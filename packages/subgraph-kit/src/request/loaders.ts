import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use under a key. Batching makes a
 * page of N items cost one query per relation instead of N; living in the
 * request context means nothing is cached across callers with other scopes.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(key: string, batch: (keys: readonly string[]) => Promise<(V | null | Error)[]>): DataLoader<string, V | null> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, unknown>(batch as never, { maxBatchSize: 500 });
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<string, V | null>;
  }

  load<V>(key: string, id: string, batch: (keys: readonly string[]) => Promise<(V | null | Error)[]>): Promise<V | null> {
    return this.get<V>(key, batch).load(id);
  }
}

/** Orders rows found by id into the order of `ids` (null where missing): the DataLoader contract. */
export function byIds<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

/** Groups rows by a key into the order of `keys` (empty arrays where none). */
export function groupBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

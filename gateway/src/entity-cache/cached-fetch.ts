import { dependenciesOf } from './shape';
import type { EntityCache } from './entity-cache';

interface EntityError {
  readonly path?: readonly (string | number)[];
}

export interface EntitiesResponse<E extends EntityError> {
  data?: Record<string, unknown> | null;
  errors?: readonly E[];
}

const typeAndId = (rep: unknown): { type: string; id: string } | null => {
  const r = rep as Record<string, unknown> | null;
  return r && typeof r.__typename === 'string' && typeof r.id === 'string' ? { type: r.__typename, id: r.id } : null;
};

/**
 * An `_entities` fetch answered from the cache where it can: the cached
 * representations are not sent, the others are fetched (`fetch`, with the
 * same document and variables) and kept when the subgraph answered them
 * without an error; the answer has every entity at its original position and
 * the subgraph's error paths moved to it. Returns null when the cache may not
 * answer this fetch at all.
 */
export async function fetchEntitiesThroughCache<E extends EntityError, R extends EntitiesResponse<E>>(
  cache: EntityCache,
  subgraph: string,
  query: string,
  variables: Record<string, unknown>,
  fetch: (representations: unknown[]) => Promise<R>,
): Promise<R | EntitiesResponse<E> | null> {
  const representations = variables.representations;
  const cacheable = Array.isArray(representations) && representations.length ? cache.cacheable(query) : null;
  if (!cacheable) return null;
  const { representations: _r, ...others } = variables;
  const prefix = `${subgraph}\u0000${cacheable.id}\u0000${JSON.stringify(others)}\u0000`;
  // Only representations of a type the fetch selects, with an id, have a key (and a root dependency).
  const refs = (representations as unknown[]).map((rep) => {
    const ref = typeAndId(rep);
    return ref && cacheable.shape.has(ref.type) ? { ...ref, key: prefix + JSON.stringify(rep) } : null;
  });
  const keys = refs.map((ref) => ref?.key ?? null);
  const entities: unknown[] = keys.map((key) => (key === null ? undefined : cache.get(key)));
  const missing = entities.flatMap((e, i) => (e === undefined ? [i] : []));
  if (!missing.length) return { data: { _entities: entities } };

  const fetchedAt = cache.epoch();
  const response = await fetch(missing.map((i) => (representations as unknown[])[i]));
  const fetched = (response.data as { _entities?: unknown[] | null } | null | undefined)?._entities;
  if (!Array.isArray(fetched)) return missing.length === keys.length ? response : { ...response, errors: moved(response.errors, missing) };
  missing.forEach((original, j) => {
    entities[original] = fetched[j];
    const ref = refs[original];
    // An error anywhere may belong to this entity (a partial one); a null is an entity the subgraph does not know yet.
    if (!ref || response.errors?.length || fetched[j] === null || typeof fetched[j] !== 'object') return;
    cache.set(ref.key, fetched[j], subgraph, dependenciesOf(`${ref.type}:${ref.id}`, fetched[j], cacheable.shape.get(ref.type)!), fetchedAt);
  });
  return { ...response, data: { ...response.data, _entities: entities }, ...(response.errors ? { errors: moved(response.errors, missing) } : {}) };
}

/** Error paths of the fetched list (`_entities`, j, …) moved to the entities' positions in the original one. */
function moved<E extends EntityError>(errors: readonly E[] | undefined, missing: readonly number[]): E[] | undefined {
  return errors?.map((error) => {
    const path = error.path;
    if (!path || path[0] !== '_entities' || typeof path[1] !== 'number' || missing[path[1]] === undefined) return error;
    return { ...error, path: ['_entities', missing[path[1]], ...path.slice(2)] };
  });
}

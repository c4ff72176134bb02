/**
 * Entity fetches (`_entities`) carry one representation per occurrence: a
 * page of 100 tickets on 12 grids asks the grids subgraph for 100 grids. The
 * subgraph would resolve (and its resolvers run for) every duplicate, so the
 * gateway sends each distinct representation once and fans the answer back
 * out to every position it stood in, errors included.
 */
export interface Deduplicated {
  unique: unknown[];
  /** For each original position, its index in `unique`. */
  positions: number[];
}

export function dedupeRepresentations(representations: readonly unknown[]): Deduplicated {
  const seen = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((rep) => {
    const key = JSON.stringify(rep);
    let i = seen.get(key);
    if (i === undefined) {
      i = unique.length;
      seen.set(key, i);
      unique.push(rep);
    }
    return i;
  });
  return { unique, positions };
}

interface EntityError {
  readonly path?: readonly (string | number)[];
}

/** Expands `_entities` results and error paths from the distinct representations back to the originals. */
export function expandEntities<E extends EntityError>(
  dedup: Deduplicated,
  entities: readonly unknown[] | null | undefined,
  errors: readonly E[] | undefined,
): { entities: unknown[] | null | undefined; errors: E[] | undefined } {
  const expanded = entities ? dedup.positions.map((i) => entities[i]) : entities;
  if (!errors) return { entities: expanded as unknown[] | null | undefined, errors: undefined };
  const out: E[] = [];
  for (const error of errors) {
    const path = error.path;
    if (path && path[0] === '_entities' && typeof path[1] === 'number') {
      dedup.positions.forEach((u, original) => {
        if (u === path[1]) out.push({ ...error, path: ['_entities', original, ...path.slice(2)] });
      });
    } else {
      out.push(error);
    }
  }
  return { entities: expanded as unknown[] | null | undefined, errors: out };
}

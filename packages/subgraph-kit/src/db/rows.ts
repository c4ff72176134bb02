import { Type, Utils, type EntityManager, type EntityMetadata, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/** A row as `em.find` would fill the entity: every column under its property name, values of the property's type. */
export type Row<T> = { readonly [K in keyof T]: T[K] };

/** The properties whose type converts a database value (a custom type overriding `convertToJSValue`), per entity. */
const converted = new WeakMap<EntityMetadata, { name: string; convert: (value: unknown) => unknown }[]>();

function conversionsOf(em: EntityManager, meta: EntityMetadata): { name: string; convert: (value: unknown) => unknown }[] {
  let list = converted.get(meta);
  if (!list) {
    const platform = em.getPlatform();
    list = meta.props
      .filter((prop) => prop.customType && prop.customType.convertToJSValue !== Type.prototype.convertToJSValue)
      .map((prop) => ({ name: prop.name, convert: (value: unknown) => prop.customType!.convertToJSValue(value, platform) }));
    converted.set(meta, list);
  }
  return list;
}

/**
 * Rows of one entity's table, read as `em.find` reads them (the same filter
 * syntax, dates parsed, custom types converted) but without making entities:
 * no identity map, no change-tracking snapshot, no per-instance property
 * setup. For read-only pages a request only serialises (a list of 100–1,000
 * rows) and read-only aggregates over many rows, where making entities was
 * the largest part of the CPU (docs/performance.md, "a faster analytics
 * pull"). Never for rows a request then changes: those must be entities the
 * unit of work tracks.
 */
export async function findRows<T extends object, K extends keyof T & string = keyof T & string>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  /** `fields`: only these properties (an aggregate that reads four columns of a wider row). */
  opts: { fields?: readonly K[]; orderBy?: QueryOrderMap<T>; limit?: number; comments?: string[] } = {},
): Promise<Pick<Row<T>, K>[]> {
  const qb = (em as SqlEntityManager).createQueryBuilder(entity).select(opts.fields ? [...opts.fields] : '*').where(where);
  if (opts.orderBy) qb.orderBy(opts.orderBy);
  if (opts.limit !== undefined) qb.limit(opts.limit);
  if (opts.comments?.length) qb.comment(opts.comments);
  const rows = (await qb.execute('all', true)) as Record<string, unknown>[];
  const conversions = conversionsOf(em, em.getMetadata().get(Utils.className(entity)));
  if (conversions.length)
    for (const row of rows)
      for (const { name, convert } of conversions) if (row[name] !== null && row[name] !== undefined) row[name] = convert(row[name]);
  return rows as Pick<Row<T>, K>[];
}

import type { EntityName, MikroORM } from '@mikro-orm/core';
import type { Pool } from 'pg';

/** Rows a statement carries: a few MB of arrays, far below PostgreSQL's limits. */
const CHUNK = 5_000;

/**
 * Inserts rows into an entity's table in large statements: one array per
 * column, `insert … select * from unnest($1::type[], …)`, so a chunk costs
 * one round trip and one parse whatever its size. Columns and their types
 * come from the service's own entity metadata (a renamed or added column
 * cannot be silently missed); properties absent from a row are null.
 */
export async function insertRows<T extends object>(pool: Pool, orm: MikroORM, entity: EntityName<T>, rows: readonly Partial<T>[]): Promise<void> {
  if (!rows.length) return;
  const meta = orm.getMetadata().get(entity as never);
  const props = meta.props.filter((p) => p.persist !== false && p.fieldNames?.length === 1 && p.columnTypes?.length === 1);
  const columns = props.map((p) => `"${p.fieldNames[0]}"`).join(', ');
  const casts = props.map((p, i) => `$${i + 1}::${p.columnTypes[0]}[]`).join(', ');
  const sql = `insert into "${meta.tableName}" (${columns}) select * from unnest(${casts})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const arrays = props.map((p) => chunk.map((r) => toColumn((r as Record<string, unknown>)[p.name], p.columnTypes[0])));
    await pool.query(sql, arrays);
  }
}

function toColumn(value: unknown, type: string): unknown {
  if (value === undefined || value === null) return null;
  if (/^jsonb?$/.test(type)) return JSON.stringify(value);
  // Instants go as ISO strings: unambiguous whatever the session's time zone.
  if (value instanceof Date) return value.toISOString();
  return value;
}

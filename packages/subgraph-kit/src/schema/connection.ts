import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '@linli/platform';

/** Keyset position: newest first by `createdAt`, then `id` (contract "Lists"). */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: Cursor): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

/** Opaque and stable while rows are added; a tampered cursor is BAD_USER_INPUT, never a 500. */
export function decodeCursor(cursor: string | null | undefined, field = 'after'): Cursor | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (typeof id !== 'string' || !id || Number.isNaN(createdAt.getTime())) throw new Error('bad');
    return { createdAt, id };
  } catch {
    throw badInput(field, `${field} is not a valid cursor`);
  }
}

/** Shared by every subgraph that pages (each resolves its own). */
@Directive('@shareable')
@ObjectType({ description: 'Where a page ends (contract "Lists": keyset pages, newest first).' })
export class PageInfo {
  @Field({ description: 'True when more rows follow this page: pass endCursor as `after` to get them.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Opaque cursor of the last row of this page; null on an empty page. A tampered cursor is BAD_USER_INPUT.' })
  endCursor!: string | null;
}

export interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Builds `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its position.` })
  class Edge {
    @Field({ description: 'Opaque position of this row: pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name}s the caller may see, newest first (contract "Lists": first defaults to 20, at most 100).` })
  class ConnectionType implements Page<T> {
    @Field(() => Int, { description: 'How many rows match the filter in the caller’s scope, across all pages.' })
    totalCount!: number;

    @Field(() => [Edge], { description: 'The rows of this page, newest first.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether another page follows, and the cursor to get it.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** Turns `first + 1` fetched rows into a page (the extra row only says there is a next page). */
export function toPage<R extends Cursor, T>(rows: R[], first: number, totalCount: number, map: (row: R) => T): Page<T> {
  const visible = rows.slice(0, first);
  const edges = visible.map((row) => ({ cursor: encodeCursor(row), node: map(row) }));
  return {
    totalCount,
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

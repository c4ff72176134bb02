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
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Builds `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType implements Page<T> {
    @Field(() => Int)
    totalCount!: number;

    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
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

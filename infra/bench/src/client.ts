import type { Role } from '@linli/platform';
import { signToken } from '@linli/platform';

export interface Caller {
  sub: string;
  roles: Role[];
  orgs?: string[];
}

/** A GraphQL client for the seeder and the benchmark: tokens cached per caller, errors thrown. */
export class GraphQLClient {
  private readonly tokens = new Map<string, Promise<string>>();
  /**
   * @param routes root field → URL of the subgraph that owns it: writes can go
   * straight to their service (the same verified, scoped write path, without
   * the gateway's planning); anything else goes to `url`.
   */
  constructor(
    readonly url: string,
    private readonly secret: string,
    private readonly routes: Record<string, string> = {},
  ) {}

  token(caller: Caller): Promise<string> {
    const key = `${caller.sub}|${caller.roles.join(',')}|${(caller.orgs ?? []).join(',')}`;
    let t = this.tokens.get(key);
    if (!t) {
      t = signToken({ sub: caller.sub, roles: caller.roles, orgs: caller.orgs ?? [], expiresIn: 24 * 3600 }, this.secret);
      this.tokens.set(key, t);
    }
    return t;
  }

  async request<T = any>(query: string, variables: Record<string, unknown>, as: Caller): Promise<T> {
    const root = /\{\s*(\w+)/.exec(query)?.[1] ?? '';
    const res = await fetch(this.routes[root] ?? this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token(as)}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) {
      const op = /(?:mutation|query)\s*(?:\w+)?\s*(?:\([^)]*\))?\s*\{\s*(\w+)/.exec(query)?.[1] ?? 'operation';
      throw new Error(`${op}: ${body.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')} (variables ${JSON.stringify(variables).slice(0, 300)})`);
    }
    return body.data;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results in order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

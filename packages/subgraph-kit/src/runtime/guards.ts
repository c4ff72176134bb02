import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode, MAX_ENTITY_REPRESENTATIONS, SERVICE_TOKEN_HEADER } from '@linli/platform';

/**
 * The fields of an operation's root selection, through inline fragments and
 * fragment spreads (`{ ...F } fragment F on Query { _service { sdl } }` is the
 * same request as the plain one).
 */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return out;
}

/**
 * How many representations the `_entities` fields of an operation ask for:
 * each is a lookup, so the count bounds the work one request can order. A
 * representation list that is neither a list literal nor a list variable
 * counts as one (graphql coerces a single value into a list of one).
 */
export function countRepresentations(fields: readonly FieldNode[], variables: Record<string, unknown> | undefined): number {
  let n = 0;
  for (const field of fields) {
    if (field.name.value !== '_entities') continue;
    const arg = field.arguments?.find((a) => a.name.value === 'representations');
    if (!arg) continue;
    if (arg.value.kind === Kind.LIST) n += arg.value.values.length;
    else if (arg.value.kind === Kind.VARIABLE) {
      const value = variables?.[arg.value.name.value];
      n += Array.isArray(value) ? value.length : 1;
    } else n += 1;
  }
  return n;
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface SubgraphGuardOptions {
  /** Most `_entities` representations per request (default 1,000). */
  maxRepresentations?: number;
  /** The gateway's credential (SUBGRAPH_SERVICE_TOKEN); it alone unlocks `_service` when set. */
  serviceToken?: string;
  /** Without a service token, `_service` stays open to tokened callers outside production (composition tools). */
  production: boolean;
}

/**
 * The federation entry points a caller could use to go around the gateway
 * (issue #10, hole 5), checked once the operation is known and before any
 * resolver runs: `_entities` is capped (each representation is a database
 * lookup), and `_service { sdl }` (the whole subgraph schema, internal
 * fields included) answers only the gateway's credential, or anyone in
 * development when no credential is configured.
 */
export function subgraphGuardsPlugin<C extends BaseContext>(opts: SubgraphGuardOptions): ApolloServerPlugin<C> {
  const max = opts.maxRepresentations ?? MAX_ENTITY_REPRESENTATIONS;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation || operation.operation !== 'query') return;
          const fields = rootFields(document, operation);
          const representations = countRepresentations(fields, request.variables);
          if (representations > max) {
            throw new GraphQLError(`At most ${max} representations per request; got ${representations}`, {
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } },
            });
          }
          if (fields.some((f) => f.name.value === '_service')) {
            const given = request.http?.headers.get(SERVICE_TOKEN_HEADER) ?? undefined;
            const allowed = opts.serviceToken ? sameSecret(given, opts.serviceToken) : !opts.production;
            if (!allowed) {
              throw new GraphQLError('_service is only for the gateway', { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
            }
          }
        },
      };
    },
  };
}

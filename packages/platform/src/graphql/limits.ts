import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { z } from 'zod';
import { ErrorCode, queryTooComplex } from '../errors';

/**
 * Contract "Errors": deeper than 15 levels, more than 30 aliases, or over the
 * cost limit → QUERY_TOO_COMPLEX. One rule for the gateway and every subgraph
 * (issue #10, hole 5: a request sent straight to a subgraph meets the same
 * limits).
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /**
   * Lexical tokens in a document, enforced by the parser itself (graphql's
   * `maxTokens`), before any validation rule runs: validation of a huge flat
   * document (a 1 MB body of `__typename`) is superlinear and would stall the
   * event loop long before the cost rule could refuse it.
   */
  maxTokens: number;
}

/**
 * The static cost model. A field costs 1 plus its children's cost times its
 * multiplier:
 * - a field with a `first` argument: the page size asked for (a literal,
 *   capped at the contract's maximum of 100 because subgraphs refuse more; a
 *   variable counts as 100, since the caller may send any page size; omitted:
 *   the argument's default, else the contract's default of 20);
 * - the `edges`/`nodes` list right under such a field: 1 (the page is already
 *   counted);
 * - any other list: `defaultListSize`;
 * - anything else: 1.
 * Introspection fields (`__schema`, `__type`, `__typename`) cost 1 flat: their
 * size is the schema's, not the data's.
 */
export const COST_MODEL = { defaultPageSize: 20, maxPageSize: 100, defaultListSize: 10 } as const;

/**
 * The costliest contract operation, MyTickets (100 tickets × their timeline),
 * costs 7,001 under COST_MODEL with `first` at its maximum of 100 (checked in
 * limits.unit.spec.ts); 20,000 leaves room for front-ends to add fields while
 * still bounding one request to a few thousand resolved objects.
 */
export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 15, maxAliases: 30, maxCost: 20_000, maxTokens: 2_000 };
// maxTokens: the largest contract file (all of its operations together) has
// about 750 tokens and graphql's introspection query about 300.

/** `_entities` representations one request may ask a subgraph to resolve (each is a lookup). */
export const MAX_ENTITY_REPRESENTATIONS = 1_000;

/** The settings of the limits, the same names in the gateway's and every subgraph's env.ts. */
export const queryLimitsEnvShape = {
  QUERY_MAX_DEPTH: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxDepth),
  QUERY_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.maxAliases),
  QUERY_MAX_COST: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxCost),
  QUERY_MAX_TOKENS: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxTokens),
};

export function queryLimitsFromEnv(env: { QUERY_MAX_DEPTH: number; QUERY_MAX_ALIASES: number; QUERY_MAX_COST: number; QUERY_MAX_TOKENS: number }): QueryLimits {
  return { maxDepth: env.QUERY_MAX_DEPTH, maxAliases: env.QUERY_MAX_ALIASES, maxCost: env.QUERY_MAX_COST, maxTokens: env.QUERY_MAX_TOKENS };
}

export interface Complexity {
  /** Nesting of fields, counted through fragments: `{ a { b } }` is 2. */
  depth: number;
  /** Aliased fields, counted once per place a fragment is spread. */
  aliases: number;
  cost: number;
}

export interface OperationComplexity extends Complexity {
  name: string | null;
  operation: OperationDefinitionNode;
}

const ZERO: Complexity = { depth: 0, aliases: 0, cost: 0 };

function fieldDefinition(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

function pageSize(node: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number {
  const cap = (n: number) => Math.min(Math.max(n, 0), COST_MODEL.maxPageSize);
  const argument = node.arguments?.find((a) => a.name.value === 'first');
  if (argument && argument.value.kind !== Kind.NULL) {
    return argument.value.kind === Kind.INT ? cap(Number.parseInt(argument.value.value, 10)) : COST_MODEL.maxPageSize;
  }
  const fallback = definition?.args.find((a) => a.name === 'first')?.defaultValue;
  return typeof fallback === 'number' ? cap(fallback) : COST_MODEL.defaultPageSize;
}

/**
 * Walks one document. Fragments are measured once per (fragment, context) and
 * reused, so a "fragment bomb" costs linear time here; spreads that form a
 * cycle count as nothing (graphql's NoFragmentCycles rule reports them).
 */
class Measurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly memo = new Map<string, Complexity>();
  private readonly visiting = new Set<string>();

  constructor(
    document: DocumentNode,
    private readonly schema: GraphQLSchema | undefined,
  ) {
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  operation(op: OperationDefinitionNode): Complexity {
    return this.selectionSet(op.selectionSet, this.schema?.getRootType(op.operation) ?? undefined, false);
  }

  private type(name: string | undefined, fallback: GraphQLNamedType | undefined) {
    return name === undefined ? fallback : this.schema?.getType(name) ?? undefined;
  }

  private selectionSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined, inPage: boolean): Complexity {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    for (const selection of set.selections) {
      let c: Complexity;
      if (selection.kind === Kind.FIELD) c = this.field(selection, parent, inPage);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        c = this.selectionSet(selection.selectionSet, this.type(selection.typeCondition?.name.value, parent), inPage);
      } else c = this.spread(selection.name.value, inPage);
      depth = Math.max(depth, c.depth);
      aliases += c.aliases;
      cost += c.cost;
    }
    return { depth, aliases, cost };
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, inPage: boolean): Complexity {
    const name = node.name.value;
    const alias = node.alias ? 1 : 0;
    if (!node.selectionSet) return { depth: 1, aliases: alias, cost: 1 };
    const definition = fieldDefinition(parent, name);
    const paginated = node.arguments?.some((a) => a.name.value === 'first') || !!definition?.args.some((a) => a.name === 'first');
    const children = this.selectionSet(node.selectionSet, definition && getNamedType(definition.type), paginated);
    let multiplier = 1;
    if (paginated) multiplier = pageSize(node, definition);
    // `_entities` (a subgraph's slice of a gateway plan) counts once: the gateway measured the whole
    // operation already, and how many representations one call carries is capped on its own (MAX_ENTITY_REPRESENTATIONS).
    else if (name === '_entities') multiplier = 1;
    else if (definition && isListType(getNullableType(definition.type))) {
      multiplier = inPage && (name === 'edges' || name === 'nodes') ? 1 : COST_MODEL.defaultListSize;
    }
    const cost = name.startsWith('__') ? 1 : 1 + multiplier * children.cost;
    return { depth: 1 + children.depth, aliases: alias + children.aliases, cost };
  }

  private spread(name: string, inPage: boolean): Complexity {
    const key = `${name}\u0000${inPage}`;
    const known = this.memo.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.visiting.has(name)) return ZERO;
    this.visiting.add(name);
    const c = this.selectionSet(fragment.selectionSet, this.type(fragment.typeCondition.name.value, undefined), inPage);
    this.visiting.delete(name);
    this.memo.set(key, c);
    return c;
  }
}

/**
 * Depth, aliases and static cost of every operation in a document. The schema
 * tells lists from single objects; without it (or for unknown fields) a field
 * counts as a single object unless it takes `first`.
 */
export function measureDocument(document: DocumentNode, schema?: GraphQLSchema): OperationComplexity[] {
  const measurer = new Measurer(document, schema);
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ name: operation.name?.value ?? null, operation, ...measurer.operation(operation) }));
}

/** Human-readable reasons an operation breaks the limits; empty when it passes. */
export function limitViolations(c: Complexity, limits: QueryLimits): string[] {
  const out: string[] = [];
  if (c.depth > limits.maxDepth) out.push(`depth ${c.depth} is over the limit of ${limits.maxDepth}`);
  if (c.aliases > limits.maxAliases) out.push(`${c.aliases} aliases are over the limit of ${limits.maxAliases}`);
  if (c.cost > limits.maxCost) out.push(`cost ${c.cost} is over the limit of ${limits.maxCost}`);
  return out;
}

/**
 * A validation rule, so the check runs on the parsed document before any
 * subgraph is called and before planning. It reports on entering the
 * Document, so its error comes first. Apollo Server rewraps validation
 * errors as GRAPHQL_VALIDATION_FAILED; `restoreLimitCode` puts
 * QUERY_TOO_COMPLEX back (the original error travels as `originalError`).
 */
export function createComplexityRule(limits: QueryLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      for (const op of measureDocument(document, context.getSchema())) {
        const reasons = limitViolations(op, limits);
        if (reasons.length) {
          const error = queryTooComplex(`Operation ${op.name ?? '(anonymous)'} is too complex: ${reasons.join('; ')}`);
          context.reportError(new GraphQLError(error.message, { nodes: [op.operation], extensions: error.extensions }));
        }
      }
      return false;
    },
  });
}

/** graphql-js's parser message when `maxTokens` stops it (16.x spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] \d+ tokens/;

function isLimitError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  return error.extensions?.code === ErrorCode.QUERY_TOO_COMPLEX || TOKEN_LIMIT_MESSAGE.test(error.message);
}

/** formatError step: a complexity rule error (or the parser's token limit) keeps the contract code QUERY_TOO_COMPLEX. */
export function restoreLimitCode<F extends { extensions?: Record<string, unknown> }>(formatted: F, error: unknown): F {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (!isLimitError(error) && !isLimitError(original)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } };
}

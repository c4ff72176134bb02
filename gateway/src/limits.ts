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
import { ErrorCode, queryTooComplex } from '@linli/platform';

/** Contract "Errors": deeper than 15 levels, more than 30 aliases, or over the cost limit → QUERY_TOO_COMPLEX. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
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
export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 15, maxAliases: 30, maxCost: 20_000 };

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

function isLimitError(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions?.code === ErrorCode.QUERY_TOO_COMPLEX;
}

/** formatError step: a complexity rule error keeps its contract code. */
export function restoreLimitCode<F extends { extensions?: Record<string, unknown> }>(formatted: F, error: unknown): F {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (!isLimitError(error) && !isLimitError(original)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } };
}

import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The `extensions.code`s of the contract (README "Errors"). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  CONFLICT: 'CONFLICT',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const err = (message: string, code: ErrorCode, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extra } });

export const unauthenticated = (message = 'Authentication required') => err(message, 'UNAUTHENTICATED');
export const forbidden = (message = 'Not allowed') => err(message, 'FORBIDDEN');
export const notFound = (what: string) => err(`${what} not found`, 'NOT_FOUND');
export const badInput = (field: string, message: string) => err(message, 'BAD_USER_INPUT', { field });
export const invalidTransition = (status: string, action: string) =>
  err(`Cannot ${action.toLowerCase()} a ticket that is ${status}`, 'INVALID_TRANSITION', { status, action });
export const conflict = (message: string) => err(message, 'CONFLICT');
export const queryTooComplex = (message: string) => err(message, 'QUERY_TOO_COMPLEX');

/** Codes that are safe to show a client as they are; GraphQL's own parse/validation codes too. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // The gateway's safelist refused a document outside the persisted-operation manifests.
  'OPERATION_NOT_ALLOWED',
  'OPERATION_RESOLUTION_FAILURE',
]);
/** Extensions a client may see; everything else (stacktrace, URLs, bodies, SQL) is dropped. */
const PUBLIC_EXTENSIONS = new Set(['code', 'field', 'status', 'action']);

/**
 * Apollo Server `formatError` for every process: known codes pass with their
 * public extensions only; anything else becomes a bare INTERNAL_SERVER_ERROR
 * (no stack, SQL or file path: contract "Errors").
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!PUBLIC_CODES.has(code) || code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const extensions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(formatted.extensions ?? {})) if (PUBLIC_EXTENSIONS.has(k)) extensions[k] = v;
  return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
}

export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR';
}

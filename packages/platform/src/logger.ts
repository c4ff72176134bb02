import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * A run of digits that looks like a phone number (mobile `13812345678`,
 * landline `029-88886666`, `+86 138 1234 5678`): seven digits or more,
 * separators allowed, not glued to letters or dashes on either side, so
 * UUIDs, ISO instants and hex ids in a log line keep their shape.
 */
const PHONE_LIKE = /(?<![\w-])\+?\d(?:[\d -]{5,})\d(?![\w-])/g;

/** Replaces phone-like digit runs: logs are read by more people than may see a resident's phone. */
export function redactPersonalData(text: string): string {
  return text.replace(PHONE_LIKE, '[redacted]');
}

/**
 * Fields of a driver error that describe where it happened without quoting
 * the data: PostgreSQL's `detail` ("Key (phone)=(13812345678) already
 * exists."), `parameters`, `where`, the query and whatever else a driver or
 * MikroORM copies onto the error are left out.
 */
const SAFE_ERROR_FIELDS = ['code', 'sqlState', 'constraint', 'table', 'column', 'routine', 'severity', 'status'] as const;

/** pino's `err` serializer for every process: an allowlist, with the message and stack redacted. */
export function serializeError(err: unknown, depth = 0): unknown {
  if (typeof err === 'string') return redactPersonalData(err);
  if (!(err instanceof Error)) return err;
  const out: Record<string, unknown> = { type: err.name || err.constructor?.name || 'Error', message: redactPersonalData(err.message) };
  if (err.stack) out.stack = redactPersonalData(err.stack);
  const fields = err as unknown as Record<string, unknown>;
  for (const key of SAFE_ERROR_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = typeof value === 'string' ? redactPersonalData(value) : value;
  }
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/** Structured JSON logs, one line per event, tagged with the process's role. */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], remove: true },
    serializers: { err: serializeError, error: serializeError },
    formatters: {
      // Top-level strings (an error message logged as `err: e.message`, a reason) get the same redaction.
      log: (object) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(object)) out[k] = typeof v === 'string' ? redactPersonalData(v) : v;
        return out;
      },
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactPersonalData(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

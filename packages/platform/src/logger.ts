import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs, one line per event, tagged with the process's role. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], remove: true },
  });
}

import { randomBytes } from 'node:crypto';

/**
 * A name no other test run shares: parallel jest workers and CI jobs on the
 * same PostgreSQL/NATS must never see each other's databases or streams.
 * Lower-case letters, digits and `_` only, so it is a valid unquoted SQL
 * identifier, a NATS subject token and (upper-cased) a stream name.
 */
export function uniqueName(prefix: string, label: string, maxLength = 63): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'test';
  const suffix = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const room = maxLength - prefix.length - suffix.length - 2;
  return `${prefix}_${clean.slice(0, Math.max(1, room))}_${suffix}`;
}

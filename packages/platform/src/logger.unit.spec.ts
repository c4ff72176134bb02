import { Writable } from 'node:stream';
import { createLogger, redactPersonalData } from './logger';

/** What PostgreSQL (through pg and MikroORM, which copies every field) says when a phone is already registered. */
function uniqueViolation(): Error {
  const pg = Object.assign(new Error('duplicate key value violates unique constraint "person_phone_unique"'), {
    code: '23505',
    severity: 'ERROR',
    detail: 'Key (phone)=(13812345678) already exists.',
    constraint: 'person_phone_unique',
    table: 'person',
    parameters: ['0b7f2b6e-2f0a-4c39-9d40-5a4b3c2d1e0f', '13812345678', '029-88886666'],
    query: "insert into \"person\" (\"id\", \"phone\", \"landline\") values ('0b7f2b6e', '13812345678', '029-88886666')",
  });
  const wrapped = new Error(`insert into "person" ("phone") values ('13812345678') - ${pg.message}`);
  wrapped.name = 'UniqueConstraintViolationException';
  return Object.assign(wrapped, pg, { message: wrapped.message, name: wrapped.name, cause: pg });
}

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('test', 'info', stream), lines };
}

describe('logging personal data (issue #10, hole 6)', () => {
  it('never writes a driver error\'s detail, parameters or the phones in its message', () => {
    const { logger, lines } = capture();
    logger.error({ err: uniqueViolation(), requestId: 'r-1' }, 'internal error');
    const out = lines.join('');
    expect(out).not.toMatch(/13812345678|88886666/);
    expect(out).not.toMatch(/"detail"|"parameters"|"query"/);
    const line = JSON.parse(out);
    // What an operator needs to find the cause stays.
    expect(line.err).toMatchObject({ type: 'UniqueConstraintViolationException', code: '23505', constraint: 'person_phone_unique', table: 'person' });
    expect(line.err.message).toMatch(/duplicate key value violates unique constraint "person_phone_unique"/);
    expect(line.requestId).toBe('r-1');
  });

  it('redacts phone-like runs in messages and string fields, leaving ids and instants alone', () => {
    const { logger, lines } = capture();
    logger.warn({ reason: 'phone +86 138 1234 5678 taken', eventId: '0b7f2b6e-2f0a-4c39-9d40-446655440000' }, 'failed for 13812345678');
    const line = JSON.parse(lines[0]);
    expect(line.msg).toBe('failed for [redacted]');
    expect(line.reason).toBe('phone [redacted] taken');
    expect(line.eventId).toBe('0b7f2b6e-2f0a-4c39-9d40-446655440000');
    expect(redactPersonalData('at 2026-12-01T00:09:17.123Z, seq 42, port 4000')).toBe('at 2026-12-01T00:09:17.123Z, seq 42, port 4000');
  });
});

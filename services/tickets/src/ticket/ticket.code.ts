import { cstDateOf } from '@linli/platform';

/** The day a code counts in: `YYYYMMDD` in China Standard Time (UTC+8). */
export const codeDay = (at: Date) => cstDateOf(at).replaceAll('-', '');

/** Readable, unique ticket code (contract): `TK-20261122-000123`, the per-day sequence zero-padded to 6 digits. */
export function ticketCode(day: string, sequence: number): string {
  if (!/^\d{8}$/.test(day) || !Number.isInteger(sequence) || sequence < 1) throw new Error(`bad ticket code parts ${day}/${sequence}`);
  return `TK-${day}-${String(sequence).padStart(6, '0')}`;
}

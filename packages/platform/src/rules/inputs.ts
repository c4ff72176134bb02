import { badInput } from '../errors';

/**
 * Input checks of the contract ("Inputs that are checked"). Each throws
 * BAD_USER_INPUT naming the field, so a rejected mutation changes nothing.
 * Lengths are counted in characters (Unicode code points), not UTF-16 units:
 * "1–100 characters" means what a person reading the name counts.
 */

/** Characters that print nothing: a name made only of these (and white space) is empty. */
// Combining invisibles (U+034F, U+17B4–5, variation selectors) are alternatives outside the
// character class: inside one they would read as combined with their neighbour.
const INVISIBLE = /[\s\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0]|\u034F|\u17B4|\u17B5|\uFE00|\uFE01|\uFE02|\uFE03|\uFE04|\uFE05|\uFE06|\uFE07|\uFE08|\uFE09|\uFE0A|\uFE0B|\uFE0C|\uFE0D|\uFE0E|\uFE0F/gu;

/** Length in characters (code points): `'𠮷'.length` is 2 in UTF-16, one character here. */
export const charLength = (value: string): number => [...value].length;

/** True when the text shows nothing: only white space and zero-width or other invisible characters. */
export const isBlank = (value: string): boolean => value.replace(INVISIBLE, '').length === 0;

/** The first string holding a NUL character anywhere in a (nested) input value; PostgreSQL refuses NUL in text. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.values(value).some(containsNul);
  return false;
}

export function checkName(field: string, value: string): string {
  const v = value.trim();
  if (v.includes('\u0000')) throw badInput(field, `${field} must not contain NUL characters`);
  if (isBlank(v) || charLength(v) > 100) throw badInput(field, `${field} must be 1–100 characters`);
  return v;
}

export function checkText(field: string, value: string | null | undefined, { required = false, max = 2000 } = {}): string | null {
  if (value === null || value === undefined) {
    if (required) throw badInput(field, `${field} is required`);
    return null;
  }
  const v = value.trim();
  if (v.includes('\u0000')) throw badInput(field, `${field} must not contain NUL characters`);
  if (required && isBlank(v)) throw badInput(field, `${field} must not be empty`);
  if (charLength(v) > max) throw badInput(field, `${field} must be at most ${max} characters`);
  return v;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** Mainland mobile (`1[3-9]` + 9 digits) or landline (`0` + area code + 7–8 digits). */
export function isValidPhone(value: string): boolean {
  return MOBILE.test(value) || LANDLINE.test(value);
}

/**
 * A valid phone in its one stored form: digits only, so `029-88881234` and
 * `02988881234` are the same number for uniqueness and look-ups.
 */
export function checkPhone(field: string, value: string): string {
  const v = value.replace(/\s/g, '');
  if (!isValidPhone(v)) throw badInput(field, `${field} is not a valid mainland mobile or landline number`);
  return normalisePhone(v);
}

/** Digits only (drops the landline's `-` and any spaces). */
export const normalisePhone = (value: string): string => value.replace(/[\s-]/g, '');

/** `first` from 1 to 100, default 20 (contract); a list with other bounds (`ticketChanges`: 1–1,000, 100) passes its own. */
export function checkPageSize(first: number | null | undefined, limits: { max?: number; fallback?: number } = {}): number {
  const { max = 100, fallback = 20 } = limits;
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) throw badInput('first', `first must be between 1 and ${max}`);
  return first;
}

export function checkLatLng(field: string, lat: number, lng: number): void {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw badInput(field, `${field}.lat must be between -90 and 90`);
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw badInput(field, `${field}.lng must be between -180 and 180`);
}

/** Splits a long list into statement-sized chunks (bind parameters: PostgreSQL takes 65,535 a statement, SQLite 32,766); the one chunk loop of every service. */
export function chunked<T>(items: readonly T[], size = 10_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

import { badInput } from '../errors';

/**
 * Input checks of the contract ("Inputs that are checked"). Each throws
 * BAD_USER_INPUT naming the field, so a rejected mutation changes nothing.
 */
export function checkName(field: string, value: string): string {
  const v = value.trim();
  if (v.length < 1 || v.length > 100) throw badInput(field, `${field} must be 1–100 characters`);
  return v;
}

export function checkText(field: string, value: string | null | undefined, { required = false, max = 2000 } = {}): string | null {
  if (value === null || value === undefined) {
    if (required) throw badInput(field, `${field} is required`);
    return null;
  }
  const v = value.trim();
  if (required && v.length === 0) throw badInput(field, `${field} must not be empty`);
  if (v.length > max) throw badInput(field, `${field} must be at most ${max} characters`);
  return v;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** Mainland mobile (`1[3-9]` + 9 digits) or landline (`0` + area code + 7–8 digits). */
export function isValidPhone(value: string): boolean {
  return MOBILE.test(value) || LANDLINE.test(value);
}

export function checkPhone(field: string, value: string): string {
  const v = value.replace(/[\s]/g, '');
  if (!isValidPhone(v)) throw badInput(field, `${field} is not a valid mainland mobile or landline number`);
  return v;
}

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

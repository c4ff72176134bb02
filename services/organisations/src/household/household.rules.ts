import { badInput } from '@linli/platform';

export const HouseholdRelations = ['OWNER', 'CO_OWNER', 'TENANT', 'FAMILY'] as const;
export type HouseholdRelation = (typeof HouseholdRelations)[number];

/** Roles that write and read a compound's register inside their scope (contract "Households and the register"). */
export const REGISTER_WRITERS = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER'] as const;
/** Analysts read everything in their scope (phones masked), write nothing. */
export const REGISTER_READERS = [...REGISTER_WRITERS, 'ANALYST'] as const;

const MAX_AREA_HUNDREDTHS = 1_000_000;

/**
 * 建筑面积 > 0 and ≤ 10,000 m², at most two decimals, as integer hundredths
 * (exact sums; the GraphQL Float is only the wire format).
 */
export function checkArea(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(field, `${field} must be a number`);
  const hundredths = Math.round(value * 100);
  if (Math.abs(value * 100 - hundredths) > 1e-6) throw badInput(field, `${field} has at most two decimals`);
  if (hundredths <= 0 || hundredths > MAX_AREA_HUNDREDTHS) throw badInput(field, `${field} must be more than 0 and at most 10000`);
  return hundredths;
}

/** Parses an area cell ("89.5", "89.50") exactly, without going through a float. */
export function parseAreaText(field: string, text: string): number {
  const m = /^(\d{1,5})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw badInput(field, `${field} must be a number with at most two decimals`);
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  if (hundredths <= 0 || hundredths > MAX_AREA_HUNDREDTHS) throw badInput(field, `${field} must be more than 0 and at most 10000`);
  return hundredths;
}

/** "89.50": the exact decimal the events carry. */
export const areaText = (hundredths: number) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
export const areaNumber = (hundredths: number) => hundredths / 100;

const SUFFIX = { building: /栋$|号楼$|幢$/, unit: /单元$/, room: /室$|号$/ } as const;

/**
 * One part of an address (楼栋 / 单元 / 室): 1–20 characters, the suffix
 * ("3栋", "2单元", "502室") accepted and dropped so "3" and "3栋" are the same
 * dwelling.
 */
export function checkAddressPart(field: 'building' | 'unit' | 'room', value: string): string {
  const v = value.trim().replace(SUFFIX[field], '').trim();
  if (v.length < 1 || v.length > 20) throw badInput(field, `${field} must be 1–20 characters`);
  return v;
}

export function checkOptionalUnit(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return checkAddressPart('unit', value);
}

/** `3栋2单元502室` (unit left out when absent). */
export const formatAddress = (building: string, unit: string | null, room: string) => `${building}栋${unit ? `${unit}单元` : ''}${room}室`;

/** The address key a compound holds once. */
export const addressKey = (compoundId: string, building: string, unit: string | null, room: string) => `${compoundId}\u0000${building}\u0000${unit ?? ''}\u0000${room}`;

export function checkRelation(field: string, value: string): HouseholdRelation {
  const v = value.trim().toUpperCase();
  if (!(HouseholdRelations as readonly string[]).includes(v)) throw badInput(field, `${field} must be one of ${HouseholdRelations.join(', ')}`);
  return v as HouseholdRelation;
}

/** A membership ends on or after the day it began. */
export function checkUntil(since: string, until: string): void {
  if (until < since) throw badInput('until', 'until must not be before the membership began');
}

/** 党员中心户: a household is one while a party member is among its current members. */
export const isPartyMemberHousehold = (currentMembers: readonly { partyMember: boolean }[]) => currentMembers.some((m) => m.partyMember);

/** Today's date in China Standard Time (memberships begin on a calendar day there). */
export const cstDate = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

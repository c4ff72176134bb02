import { badInput, checkName } from '@linli/platform';

export interface InspectionItemValue {
  item: string;
  score: number;
}

export const MAX_INSPECTION_ITEMS = 50;

/** Contract: itemised scores, each 0–100 ("scores" are checked inputs). */
export function checkItems(items: readonly InspectionItemValue[]): InspectionItemValue[] {
  if (items.length < 1 || items.length > MAX_INSPECTION_ITEMS) throw badInput('items', `items must list 1–${MAX_INSPECTION_ITEMS} scored items`);
  const seen = new Set<string>();
  return items.map((i) => {
    const item = checkName('items.item', i.item);
    if (seen.has(item)) throw badInput('items.item', `item "${item}" is listed twice`);
    seen.add(item);
    if (!Number.isFinite(i.score) || i.score < 0 || i.score > 100) throw badInput('items.score', 'each item score must be between 0 and 100');
    return { item, score: i.score };
  });
}

/** Contract: "an inspection's score is the mean of its items". */
export function inspectionScoreOf(items: readonly InspectionItemValue[]): number {
  return items.reduce((sum, i) => sum + i.score, 0) / items.length;
}

/** How far ahead of the clock an inspection may be dated (clock skew between devices), no more. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export function checkInspectionTime(at: Date, now: Date): Date {
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput('at', 'at must not lie in the future');
  return at;
}

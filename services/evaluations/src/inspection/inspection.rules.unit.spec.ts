import { GraphQLError } from 'graphql';
import { checkInspectionTime, checkItems, inspectionScoreOf } from './inspection.rules';

const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return [(e as GraphQLError).extensions.code, (e as GraphQLError).extensions.field];
  }
  return null;
};

describe('inspection rules', () => {
  it('scores an inspection as the mean of its items', () => {
    expect(inspectionScoreOf([{ item: '保洁', score: 90 }, { item: '绿化', score: 80 }, { item: '安保', score: 70 }])).toBe(80);
    expect(inspectionScoreOf([{ item: '保洁', score: 85 }, { item: '绿化', score: 90 }])).toBe(87.5);
  });

  it('accepts 1–50 named items scored 0–100', () => {
    expect(checkItems([{ item: ' 保洁 ', score: 0 }, { item: '绿化', score: 100 }])).toEqual([{ item: '保洁', score: 0 }, { item: '绿化', score: 100 }]);
  });

  it.each([
    [[], 'items'],
    [[{ item: '保洁', score: 101 }], 'items.score'],
    [[{ item: '保洁', score: -1 }], 'items.score'],
    [[{ item: '保洁', score: Number.NaN }], 'items.score'],
    [[{ item: '', score: 50 }], 'items.item'],
    [[{ item: '保洁', score: 50 }, { item: '保洁', score: 60 }], 'items.item'],
  ])('refuses %p as BAD_USER_INPUT on %s', (items, f) => {
    expect(field(() => checkItems(items))).toEqual(['BAD_USER_INPUT', f]);
  });

  it('refuses an inspection dated in the future (beyond clock skew)', () => {
    const now = new Date('2026-11-22T08:00:00Z');
    expect(checkInspectionTime(new Date('2026-11-22T08:04:00Z'), now)).toEqual(new Date('2026-11-22T08:04:00Z'));
    expect(field(() => checkInspectionTime(new Date('2026-11-22T09:00:00Z'), now))).toEqual(['BAD_USER_INPUT', 'at']);
  });
});

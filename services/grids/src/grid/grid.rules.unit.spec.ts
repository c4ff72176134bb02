import { checkCount, checkGridCode, checkGridNesting } from './grid.rules';

const field = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { extensions: { field: string } }).extensions.field;
  }
};

describe('grid rules', () => {
  it('levels nest: building units under compound grids under community area grids', () => {
    expect(field(() => checkGridNesting('COMMUNITY_AREA', null))).toBeNull();
    expect(field(() => checkGridNesting('COMPOUND', 'COMMUNITY_AREA'))).toBeNull();
    expect(field(() => checkGridNesting('BUILDING_UNIT', 'COMPOUND'))).toBeNull();
    // A compound grid may stand alone where a community has no area grids.
    expect(field(() => checkGridNesting('COMPOUND', null))).toBeNull();
  });

  it('refuses levels out of order', () => {
    expect(field(() => checkGridNesting('BUILDING_UNIT', null))).toBe('parentId');
    expect(field(() => checkGridNesting('BUILDING_UNIT', 'COMMUNITY_AREA'))).toBe('parentId');
    expect(field(() => checkGridNesting('COMMUNITY_AREA', 'COMPOUND'))).toBe('parentId');
    expect(field(() => checkGridNesting('COMPOUND', 'COMPOUND'))).toBe('parentId');
  });

  it('codes and counts', () => {
    expect(checkGridCode(' XG-01 ')).toBe('XG-01');
    expect(field(() => checkGridCode('西关'))).toBe('code');
    expect(field(() => checkCount('households', -1))).toBe('households');
    expect(field(() => checkCount('residents', 1.5))).toBe('residents');
  });
});

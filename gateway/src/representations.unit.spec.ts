import { dedupeRepresentations, expandEntities } from './representations';

describe('entity representation dedupe', () => {
  const reps = [
    { __typename: 'Grid', id: 'g1' },
    { __typename: 'Grid', id: 'g2' },
    { __typename: 'Grid', id: 'g1' },
    { __typename: 'Grid', id: 'g1' },
  ];

  it('sends each distinct representation once', () => {
    const d = dedupeRepresentations(reps);
    expect(d.unique).toEqual([reps[0], reps[1]]);
    expect(d.positions).toEqual([0, 1, 0, 0]);
  });

  it('fans results and error paths back out to every original position', () => {
    const d = dedupeRepresentations(reps);
    const { entities, errors } = expandEntities(d, [{ id: 'g1', name: 'A' }, null], [
      { message: 'Not allowed', path: ['_entities', 1, 'staff'] },
      { message: 'other', path: ['_entities', 0] },
      { message: 'no path' },
    ]);
    expect(entities).toEqual([{ id: 'g1', name: 'A' }, null, { id: 'g1', name: 'A' }, { id: 'g1', name: 'A' }]);
    expect(errors).toEqual([
      { message: 'Not allowed', path: ['_entities', 1, 'staff'] },
      { message: 'other', path: ['_entities', 0] },
      { message: 'other', path: ['_entities', 2] },
      { message: 'other', path: ['_entities', 3] },
      { message: 'no path' },
    ]);
  });

  it('passes a null _entities through', () => {
    expect(expandEntities(dedupeRepresentations(reps), null, undefined).entities).toBeNull();
  });
});

import { SERVICE_NAMES } from '@linli/platform';
import { EventCatalogue, findEventDefinition } from './catalogue';
import { subjectFor } from './envelope';
import { OrganisationMoved, PersonRegistered } from './organisations';

describe('event catalogue', () => {
  it('lists each (type, version) once, past tense, under its producing service', () => {
    const keys = EventCatalogue.map((d) => `${d.type}@${d.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        'organisations.organisation.created@1',
        'organisations.organisation.renamed@1',
        'organisations.organisation.moved@1',
        'organisations.person.registered@1',
      ]),
    );
    for (const d of EventCatalogue) {
      expect(SERVICE_NAMES).toContain(d.type.split('.')[0]);
      // The producer is explicit on each definition and is what consumers check `source` against.
      expect(d.producer).toBe(d.type.split('.')[0]);
      expect(d.description.length).toBeGreaterThan(10);
      expect(subjectFor('linli', d)).not.toMatch(/[\s*>]/);
    }
  });

  it('finds definitions by type and version', () => {
    expect(findEventDefinition('organisations.organisation.moved', 1)).toBe(OrganisationMoved);
    expect(findEventDefinition('organisations.person.registered', 1)).toBe(PersonRegistered);
    expect(findEventDefinition('organisations.person.registered', 2)).toBeUndefined();
  });

  it('is frozen: a definition is never changed in place', () => {
    expect(Object.isFrozen(EventCatalogue)).toBe(true);
    expect(EventCatalogue.every((d) => Object.isFrozen(d))).toBe(true);
  });
});

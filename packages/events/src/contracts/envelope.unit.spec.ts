import { createEnvelope, defineEvent, eventsSubjectFilter, isEvent, parseEnvelope, subjectFor } from './envelope';
import { withCause } from '../consumer/cause';
import { OrganisationCreated, OrganisationRenamed } from './organisations';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event envelope', () => {
  it('builds the subject from prefix, type and version', () => {
    expect(subjectFor('linli', OrganisationCreated)).toBe('linli.events.organisations.organisation.created.v1');
    expect(subjectFor('t_x', { type: 'a.b.c', version: 2 })).toBe('t_x.events.a.b.c.v2');
    expect(eventsSubjectFilter('linli')).toBe('linli.events.>');
  });

  it('creates an envelope with a fresh uuid, ISO time and null correlation by default', () => {
    const payload = { organisationId: 'o1', name: 'Street', kind: 'STREET', parentId: null, ancestorIds: [] };
    const a = createEnvelope(OrganisationCreated, payload, { source: 'organisations' });
    const b = createEnvelope(OrganisationCreated, payload, { source: 'organisations' });
    expect(a).toEqual({
      id: expect.stringMatching(UUID),
      type: 'organisations.organisation.created',
      version: 1,
      source: 'organisations',
      occurredAt: expect.any(String),
      correlationId: null,
      causationId: null,
      traceparent: null,
      payload,
    });
    expect(new Date(a.occurredAt).toISOString()).toBe(a.occurredAt);
    expect(a.id).not.toBe(b.id);
  });

  it('keeps given correlation id and time', () => {
    const at = new Date('2024-05-01T10:00:00.000Z');
    const e = createEnvelope(OrganisationRenamed, { organisationId: 'o1', name: 'N' }, { source: 's', correlationId: 'req-1', occurredAt: at });
    expect(e.correlationId).toBe('req-1');
    expect(e.occurredAt).toBe('2024-05-01T10:00:00.000Z');
    expect(createEnvelope(OrganisationRenamed, { organisationId: 'o', name: 'n' }, { source: 's', occurredAt: '2024-05-01T12:00:00+02:00' }).occurredAt).toBe(
      '2024-05-01T10:00:00.000Z',
    );
  });

  it('ties an event recorded while handling another to it: same correlation id, the other as its cause', async () => {
    const cause = createEnvelope(OrganisationRenamed, { organisationId: 'o1', name: 'N' }, { source: 's', correlationId: 'req-1' });
    const chained = await withCause(cause, async () => createEnvelope(OrganisationRenamed, { organisationId: 'o2', name: 'M' }, { source: 't' }));
    expect(chained).toMatchObject({ correlationId: 'req-1', causationId: cause.id });
    // Outside a handler nothing is inherited.
    expect(createEnvelope(OrganisationRenamed, { organisationId: 'o3', name: 'K' }, { source: 't' })).toMatchObject({ correlationId: null, causationId: null });
  });

  it('refuses type names that are not safe subject tokens, and bad versions', () => {
    expect(() => defineEvent()('Organisation Created', 1, '')).toThrow(/dot-separated/);
    expect(() => defineEvent()('a.b.*', 1, '')).toThrow(/dot-separated/);
    expect(() => defineEvent()('a.b', 1, '')).toThrow(/dot-separated/);
    expect(() => defineEvent()('a.b.c', 0, '')).toThrow(/positive integer/);
    expect(defineEvent<{ x: number }>()('tickets.ticket.statusChanged', 2, 'd')).toEqual({ type: 'tickets.ticket.statusChanged', version: 2, producer: 'tickets', description: 'd' });
  });

  it('narrows by type and version', () => {
    const e = createEnvelope(OrganisationRenamed, { organisationId: 'o1', name: 'N' }, { source: 's' });
    expect(isEvent(e, OrganisationRenamed)).toBe(true);
    expect(isEvent(e, OrganisationCreated)).toBe(false);
    expect(isEvent({ ...e, version: 2 }, OrganisationRenamed)).toBe(false);
  });

  it('parses envelopes from the wire and rejects malformed ones', () => {
    const e = createEnvelope(OrganisationRenamed, { organisationId: 'o1', name: 'N' }, { source: 's' });
    expect(parseEnvelope(JSON.parse(JSON.stringify(e)))).toEqual(e);
    const { correlationId: _omit, ...withoutCorrelation } = e;
    expect(parseEnvelope(withoutCorrelation).correlationId).toBeNull();
    expect(() => parseEnvelope(null)).toThrow('not an object');
    expect(() => parseEnvelope([1])).toThrow('not an object');
    expect(() => parseEnvelope({ ...e, id: 3, occurredAt: 'yesterday' })).toThrow('invalid fields: id, occurredAt');
    const { payload: _p, ...noPayload } = e;
    expect(() => parseEnvelope(noPayload)).toThrow('payload');
  });
});

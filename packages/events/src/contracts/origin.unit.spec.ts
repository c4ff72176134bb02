import { createEnvelope, subjectFor } from './envelope';
import { OrganisationMoved } from './organisations';
import { TicketSubmitted } from './tickets';
import { originProblem, producerOf } from './origin';

describe('event origin (issue #10, hole 4)', () => {
  const moved = (source: string) =>
    createEnvelope(OrganisationMoved, { organisationId: 'c-1', parentId: 'x', ancestorIds: ['x'] }, { source });
  const subject = subjectFor('linli', OrganisationMoved);

  it('names the producer of each type from the catalogue', () => {
    expect(producerOf(OrganisationMoved.type)).toBe('organisations');
    expect(producerOf(TicketSubmitted.type)).toBe('tickets');
    expect(producerOf('owners.proposal.passed')).toBe('owners');
  });

  it('accepts an event on its own subject from its producer', () => {
    expect(originProblem('linli', subject, moved('organisations'))).toBeNull();
  });

  it('refuses another service stating the fact', () => {
    expect(originProblem('linli', subject, moved('tickets'))).toBe(
      'source tickets is not the producer of organisations.organisation.moved (organisations)',
    );
  });

  it('refuses an envelope under another subject, version or prefix', () => {
    const ok = moved('organisations');
    expect(originProblem('linli', subjectFor('linli', TicketSubmitted), ok)).toMatch(/^subject linli.events.tickets.ticket.submitted.v1 does not match/);
    expect(originProblem('linli', 'linli.events.organisations.organisation.moved.v2', ok)).toMatch(/does not match type organisations.organisation.moved v1/);
    expect(originProblem('other', subject, ok)).toMatch(/expected other.events.organisations.organisation.moved.v1/);
    // The type itself must belong to the subject's producer: tickets publishing its own subject with an organisations type.
    expect(originProblem('linli', subjectFor('linli', TicketSubmitted), { ...ok, source: 'tickets' })).toMatch(/does not match/);
  });
});

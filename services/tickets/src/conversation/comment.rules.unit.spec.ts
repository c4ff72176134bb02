import type { Role } from '@linli/platform';
import type { Viewer } from '../ticket/ticket.access';
import { maySeeInternal, mayWriteInternal } from './comment.rules';

const viewer = (personId: string, ...roles: Role[]): Viewer => ({ actor: { personId, roles: new Set(roles), orgs: ['c1'] }, scopes: [] });

describe('internal ticket comments', () => {
  it('are written by staff and admins, never by residents', () => {
    expect(mayWriteInternal(viewer('p', 'RESIDENT'))).toBe(false);
    for (const role of ['GRID_WORKER', 'COMMUNITY_STAFF', 'HANDLER_STAFF', 'STREET_ADMIN', 'DISTRICT_ADMIN', 'SYSTEM_ADMIN'] as Role[]) {
      expect(mayWriteInternal(viewer('p', role))).toBe(true);
    }
    expect(mayWriteInternal(viewer('p', 'ANALYST'))).toBe(false);
  });

  it('are never shown to the reporter, even one with a staff role', () => {
    expect(maySeeInternal(viewer('r', 'RESIDENT'), { reporterId: 'r' })).toBe(false);
    expect(maySeeInternal(viewer('r', 'GRID_WORKER'), { reporterId: 'r' })).toBe(false);
    expect(maySeeInternal(viewer('g', 'GRID_WORKER'), { reporterId: 'r' })).toBe(true);
    expect(maySeeInternal(viewer('x', 'RESIDENT'), { reporterId: 'r' })).toBe(false);
  });
});

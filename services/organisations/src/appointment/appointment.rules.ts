import { badInput } from '@linli/platform';

export const AppointmentRoles = ['SECRETARY', 'DEPUTY_SECRETARY', 'CHAIR', 'DIRECTOR', 'MANAGER', 'MEMBER', 'STAFF', 'LIAISON'] as const;
export type AppointmentRole = (typeof AppointmentRoles)[number];

/** Active on `today` (YYYY-MM-DD, UTC+8): started, and not ended before today. */
export function isActive(a: { since: string; until: string | null }, today: string): boolean {
  return a.since <= today && (a.until === null || a.until >= today);
}

export function checkUntil(since: string, until: string): void {
  if (until < since) throw badInput('until', 'until must not be before since');
}

export interface HeldPost {
  personId: string;
  organisationId: string;
  organisationKind: string;
}

/**
 * 交叉任职 / "one shoulder": the people holding active posts in two or more
 * organisations of different kinds (contract `crossAppointments`).
 */
export function crossAppointedPeople(posts: readonly HeldPost[]): string[] {
  const kinds = new Map<string, Set<string>>();
  for (const p of posts) {
    const set = kinds.get(p.personId) ?? new Set<string>();
    set.add(p.organisationKind);
    kinds.set(p.personId, set);
  }
  return [...kinds].filter(([, k]) => k.size >= 2).map(([id]) => id);
}

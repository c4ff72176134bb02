import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { API_SCHEMA_FILE, REPO_ROOT } from './compose';

/**
 * The schema check: a change to the client-facing schema that can break an
 * app (a removed field or type, a new required argument, a narrowed type…,
 * as @graphql-inspector/core judges it) fails unless it is listed, with its
 * reason, in gateway/schema-changes.json. Remove by deprecating first
 * (`@deprecated(reason: …)`), and list the removal once no manifest uses it.
 */
export const INTENDED_CHANGES_FILE = path.resolve(__dirname, '..', 'schema-changes.json');

export interface IntendedChange {
  /** The change's path as the check prints it, e.g. `Query.oldField` or `Ticket.status`. */
  path: string;
  /** Why it is fine for the apps (which release, who agreed). */
  reason: string;
}

export function readIntendedChanges(file = INTENDED_CHANGES_FILE): IntendedChange[] {
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { intended?: IntendedChange[] };
  return parsed.intended ?? [];
}

/** Breaking changes from `before` to `after` that are not listed as intended. */
export async function unintendedBreakingChanges(before: string, after: string, intended: readonly IntendedChange[] = readIntendedChanges()): Promise<Change[]> {
  const changes = await diff(buildSchema(before), buildSchema(after));
  const allowed = new Set(intended.map((c) => c.path));
  return changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking && !allowed.has(c.path ?? ''));
}

export const describeChange = (c: Change) => `${c.path ?? '(schema)'}: ${c.message}`;

/**
 * The released API schema: gateway/api.graphql as it is on `main` (what the
 * apps build against), else the committed file (a clone without `main`, or
 * before api.graphql first reached main).
 */
export function releasedApiSchema(): string | null {
  for (const ref of ['origin/main', 'main']) {
    try {
      return execFileSync('git', ['show', `${ref}:gateway/api.graphql`], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      // try the next ref
    }
  }
  return existsSync(API_SCHEMA_FILE) ? readFileSync(API_SCHEMA_FILE, 'utf8') : null;
}

import { raw, type FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput, checkPageSize, forbidden, hasRole } from '@linli/platform';
import { decodeCursor, toPage, type Page, type SubgraphContext } from '@linli/subgraph-kit';
import { organisationInScope } from '../organisation/organisation.scope';
import { Person } from '../person/person.type';
import { personById } from '../person/person.loaders';
import { AuditEntryEntity } from './audit.entity';
import { AuditEntry, AuditEntryConnection, toAuditEntry } from './audit.type';

/** Contract: the audit log is for street, district and system admins of the scope. */
const AUDIT_READERS = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN'] as const;

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'Audit entries of the scope between from and to, newest first (keyset pages). Street, district and system admins of the scope; FORBIDDEN otherwise. An entry lies in the scopes of the organisations its actor acted for.',
  })
  async auditLog(
    @Arg('scopeId', () => ID, { description: 'An organisation in the caller’s scope (FORBIDDEN otherwise).' }) scopeId: string,
    @Arg('from', { description: 'The earliest instant included.' }) from: Date,
    @Arg('to', { description: 'The latest instant included; before from is BAD_USER_INPUT.' }) to: Date,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20); anything else is BAD_USER_INPUT.' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; a tampered cursor is BAD_USER_INPUT.' }) after?: string,
  ): Promise<Page<AuditEntry>> {
    if (!hasRole(ctx.actor, ...AUDIT_READERS)) throw forbidden();
    const size = checkPageSize(first);
    const cursor = decodeCursor(after);
    if (to < from) throw badInput('to', 'to must not be before from');
    const scope = await organisationInScope(ctx.em, ctx.actor, scopeId, 'Scope');
    const inScope = `exists (select 1 from audit_entry_scope s where s.entry_id = ${'%ALIAS%'}.id and (s.organisation_id = ? or s.path like ?))`;
    // A system admin also sees entries of actors who acted for no organisation (bootstrapping the district).
    const orphan = ctx.actor.roles.has('SYSTEM_ADMIN') ? ` or not exists (select 1 from audit_entry_scope s2 where s2.entry_id = ${'%ALIAS%'}.id)` : '';
    // A raw fragment is consumed by the query that uses it: one condition per query.
    const where = (): FilterQuery<AuditEntryEntity> =>
      ({
        at: { $gte: from, $lte: to },
        [raw((alias) => `(${inScope}${orphan})`.replaceAll('%ALIAS%', alias), [scope.id, `${scope.path}${scope.id}/%`])]: [],
      }) as FilterQuery<AuditEntryEntity>;
    const page = cursor ? { $and: [where(), { $or: [{ at: { $lt: cursor.createdAt } }, { at: cursor.createdAt, id: { $lt: cursor.id } }] }] } : where();
    const rows = await ctx.em.find(AuditEntryEntity, page, { orderBy: { at: 'desc', id: 'desc' }, limit: size + 1 });
    const total = await ctx.em.count(AuditEntryEntity, where());
    return toPage(rows.map(toAuditEntry), size, total, (e) => e);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Null when the actor is not a registered person (or not one the caller may see).' })
  actor(@Root() e: AuditEntry, @Ctx() ctx: SubgraphContext): Promise<Person | null> {
    return personById(ctx, e.actorId);
  }
}

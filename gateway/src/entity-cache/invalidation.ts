import {
  AssessmentChanged,
  AssessmentFinalised,
  CompoundCreated,
  CompoundFirmChanged,
  CompoundOrganisationsSet,
  CompoundUpdated,
  GridCreated,
  GridMoved,
  GridRetired,
  GridUpdated,
  OrganisationCreated,
  OrganisationDeactivated,
  OrganisationMoved,
  OrganisationRenamed,
  RectificationIssued,
  RectificationOverdue,
  type EventDefinition,
  type EventEnvelope,
} from '@linli/events';

type Keys<P> = (payload: P) => string[];
const rule = <P>(def: EventDefinition<string, P>, keys: Keys<P>): [string, Keys<unknown>] => [`${def.type}@${def.version}`, keys as Keys<unknown>];

/**
 * Which cached entities each event makes stale (`Type:id`, see
 * public-fields.ts for the fields this covers). An event not listed changes
 * nothing the cache may hold. Creations are listed too: an entity the cache
 * answered before another subgraph had heard of it (an organisation's
 * assessment read before evaluations knew its kind) is read again.
 */
const RULES = new Map<string, Keys<unknown>>([
  rule(OrganisationCreated, (p) => [`Organisation:${p.organisationId}`]),
  rule(OrganisationRenamed, (p) => [`Organisation:${p.organisationId}`]),
  rule(OrganisationMoved, (p) => [`Organisation:${p.organisationId}`]),
  rule(OrganisationDeactivated, (p) => [`Organisation:${p.organisationId}`]),
  rule(GridCreated, (p) => [`Grid:${p.gridId}`]),
  rule(GridMoved, (p) => [`Grid:${p.gridId}`]),
  rule(GridUpdated, (p) => [`Grid:${p.gridId}`]),
  rule(GridRetired, (p) => [`Grid:${p.gridId}`]),
  rule(CompoundCreated, (p) => [`Compound:${p.compoundId}`]),
  rule(CompoundUpdated, (p) => [`Compound:${p.compoundId}`]),
  rule(CompoundFirmChanged, (p) => [`Compound:${p.compoundId}`]),
  rule(CompoundOrganisationsSet, (p) => [`Compound:${p.compoundId}`]),
  rule(AssessmentChanged, (p) => [`Organisation:${p.firmId}`]),
  rule(AssessmentFinalised, (p) => [`Organisation:${p.firmId}`]),
  rule(RectificationIssued, (p) => [`Organisation:${p.firmId}`]),
  rule(RectificationOverdue, (p) => [`Organisation:${p.firmId}`]),
]);

const LISTED_TYPES = new Set([...RULES.keys()].map((k) => k.slice(0, k.lastIndexOf('@'))));

/** Everything: what an event the rules cannot read invalidates. */
export const EVERYTHING = '*';

/**
 * The cache keys an event invalidates; empty for events that touch nothing
 * cacheable; everything for a version of a listed event these rules do not
 * know (a newer producer), or one whose payload they cannot read.
 */
export function invalidatedBy(envelope: EventEnvelope): string[] {
  const keys = RULES.get(`${envelope.type}@${envelope.version}`);
  if (!keys) return LISTED_TYPES.has(envelope.type) ? [EVERYTHING] : [];
  const payload = envelope.payload;
  if (payload === null || typeof payload !== 'object') return [EVERYTHING];
  const out = keys(payload);
  return out.every((k) => !k.endsWith(':undefined')) ? out : [EVERYTHING];
}

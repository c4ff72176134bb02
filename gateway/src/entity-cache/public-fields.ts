/**
 * What the gateway may answer from its entity cache (entity-cache.ts): the
 * public registry, readable by every authenticated caller alike (contract
 * README, Roles: "organisations (not their people), compounds and which firm
 * manages them, grids (not their staff), … assessments"), and of that only the
 * fields whose every change is announced by an event the cache listens to
 * (invalidation.ts). A field not listed here, and every field of a type not
 * listed, is fetched from its subgraph on every request, so an entity fetch
 * that selects one is not cached at all.
 *
 * Left out on purpose: people, staff, phones and anything scoped; an
 * assessment's `deductions` (a deduction's ticket follows the ticket rules);
 * fields changed without an event of their own (an organisation's address,
 * credit code and contact phone; a grid's household and resident counts).
 */
export const PUBLIC_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // organisations: created, renamed, moved, deactivated; evaluations: assessment changed or finalised, rectification overdue.
  Organisation: ['id', 'name', 'kind', 'parent', 'active', 'assessment', 'currentGrade', 'replacementRecommended'],
  // grids: created, moved, updated, retired.
  Grid: ['id', 'code', 'name', 'level', 'community', 'parent', 'compound', 'retiredAt'],
  // grids: created, updated, firm changed, organisations set.
  Compound: ['id', 'name', 'address', 'community', 'managementMode', 'propertyFirm', 'partyOrganisation', 'ownersCommittee'],
  // A firm's month: part of the organisation's entry (it has no id of its own).
  Assessment: [
    'period',
    'score',
    'grade',
    'finalised',
    'finalisedAt',
    'baseScore',
    'deductionPoints',
    'inspectionScore',
    'resolutionRate',
    'responseRate',
    'satisfactionRate',
    'ticketCount',
    'firm',
  ],
};

import { PersonPlacementSchema, type SubgraphDefinition } from '@linli/subgraph-kit';
import { OrganisationEntity } from './organisation/organisation.entity';
import { OrganisationResolver } from './organisation/organisation.resolver';
import { loadOrganisations } from './organisation/organisation.loaders';
import { PersonAffiliationEntity, PersonEntity } from './person/person.entity';
import { PersonResolver } from './person/person.resolver';
import { loadVisiblePeople } from './person/person.loaders';
import { AppointmentEntity } from './appointment/appointment.entity';
import { AppointmentResolver } from './appointment/appointment.resolver';
import { AllianceEntity, AllianceMemberEntity, JointMeetingEntity } from './alliance/alliance.entity';
import { AllianceResolver } from './alliance/alliance.resolver';
import { PairingEntity } from './pairing/pairing.entity';
import { PairingResolver } from './pairing/pairing.resolver';
import { projectionBatchHandlers, projectionHandlers } from './projection/projection.handlers';
import { CompoundNodeEntity, GridNodeEntity } from './projection/territory.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './household/household.entity';
import { CompoundRegisterResolver, HouseholdMemberResolver, HouseholdResolver } from './household/household.resolver';
import { compoundRef } from './references/compound.type';
import { loadVisibleHouseholds } from './household/household.loaders';
import { AuditEntryEntity, AuditEntryScopeEntity } from './audit/audit.entity';
import { AuditResolver } from './audit/audit.resolver';
import { migrations } from './migrations';
import { EndedGridAssignmentEntity } from './person/ended-assignment.entity';

/** The organisations subgraph: who is who (organisation tree, people, appointments, alliances, pairings). */
export const organisationsSubgraph: SubgraphDefinition = {
  name: 'organisations',
  entities: [
    OrganisationEntity,
    PersonEntity,
    PersonAffiliationEntity,
    // What this service last announced of each person (PersonPlaced): a change is told once, an unchanged set never.
    PersonPlacementSchema,
    EndedGridAssignmentEntity,
    AppointmentEntity,
    AllianceEntity,
    AllianceMemberEntity,
    JointMeetingEntity,
    PairingEntity,
    CompoundNodeEntity,
    GridNodeEntity,
    HouseholdEntity,
    HouseholdMemberEntity,
    AuditEntryEntity,
    AuditEntryScopeEntity,
  ],
  migrations,
  schema: {
    resolvers: [
      OrganisationResolver,
      PersonResolver,
      AppointmentResolver,
      AllianceResolver,
      PairingResolver,
      HouseholdResolver,
      HouseholdMemberResolver,
      CompoundRegisterResolver,
      AuditResolver,
    ],
    references: {
      Organisation: (ids, ctx) => loadOrganisations(ctx, ids),
      // Scoped like every read of a person: null (nothing leaks) outside the caller's scope.
      Person: (ids, ctx) => loadVisiblePeople(ctx, ids),
      // Compounds are public (grids owns them); this subgraph only adds `register`, scoped in its resolver.
      Compound: async (ids) => ids.map(compoundRef),
      // The register is personal data: null where the caller may not read that household (the owners subgraph shares its address).
      // A whole batch in a few queries, however many representations (no N+1).
      Household: (ids, ctx) => loadVisibleHouseholds(ctx, ids),
    },
  },
  consumers: projectionHandlers,
  batchConsumers: projectionBatchHandlers,
};

import type { SubgraphDefinition } from '@linli/subgraph-kit';
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
import { personAffiliationHandlers } from './person/person.consumers';
import { migrations } from './migrations';

/** The organisations subgraph: who is who (organisation tree, people, appointments, alliances, pairings). */
export const organisationsSubgraph: SubgraphDefinition = {
  name: 'organisations',
  entities: [
    OrganisationEntity,
    PersonEntity,
    PersonAffiliationEntity,
    AppointmentEntity,
    AllianceEntity,
    AllianceMemberEntity,
    JointMeetingEntity,
    PairingEntity,
  ],
  migrations,
  schema: {
    resolvers: [OrganisationResolver, PersonResolver, AppointmentResolver, AllianceResolver, PairingResolver],
    references: {
      Organisation: (ids, ctx) => loadOrganisations(ctx, ids),
      // Scoped like every read of a person: null (nothing leaks) outside the caller's scope.
      Person: (ids, ctx) => loadVisiblePeople(ctx, ids),
    },
  },
  consumers: personAffiliationHandlers,
};

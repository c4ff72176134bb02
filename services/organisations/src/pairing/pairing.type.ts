import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '@linli/subgraph-kit';
import type { PairingEntity } from './pairing.entity';

@ObjectType('Pairing', { description: '结对共建: a government department paired with a community.' })
export class Pairing {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => DateScalar, { description: 'First day of the pairing.' })
  since!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the pairing ended; null while it lasts.' })
  until!: string | null;

  departmentId!: string;
  communityId!: string;
}

export const toPairing = (row: PairingEntity) =>
  Object.assign(new Pairing(), { id: row.id, since: row.since, until: row.until ?? null, departmentId: row.departmentId, communityId: row.communityId });

@ObjectType({ description: 'The result of registerPairing.' })
export class RegisterPairingPayload {
  @Field(() => Pairing, { description: 'The pairing as registered.' })
  pairing!: Pairing;
}

@InputType({ description: 'A pairing to register.' })
export class RegisterPairingInput {
  @Field(() => ID, { description: 'A GOVERNMENT_DEPARTMENT, POLICE_STATION, ENFORCEMENT_SQUAD, ENTERPRISE or SOCIAL_ORGANISATION, possibly outside the scope (BAD_USER_INPUT for another kind, NOT_FOUND if unknown).' })
  departmentId!: string;

  @Field(() => ID, { description: 'A COMMUNITY of the caller’s scope (FORBIDDEN outside it, BAD_USER_INPUT for another kind).' })
  communityId!: string;

  @Field(() => DateScalar, { description: 'First day (YYYY-MM-DD).' })
  since!: string;
}

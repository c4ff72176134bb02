import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '@linli/subgraph-kit';
import type { PairingEntity } from './pairing.entity';

@ObjectType('Pairing')
export class Pairing {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the pairing ended; null while it lasts.' })
  until!: string | null;

  departmentId!: string;
  communityId!: string;
}

export const toPairing = (row: PairingEntity) =>
  Object.assign(new Pairing(), { id: row.id, since: row.since, until: row.until ?? null, departmentId: row.departmentId, communityId: row.communityId });

@ObjectType()
export class RegisterPairingPayload {
  @Field(() => Pairing)
  pairing!: Pairing;
}

@InputType()
export class RegisterPairingInput {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => ID)
  communityId!: string;

  @Field(() => DateScalar)
  since!: string;
}

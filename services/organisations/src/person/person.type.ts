import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Person')
export class Person {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Whole for the person themself and the staff of their scope; otherwise masked (138****5678).' })
  phone!: string;

  @Field()
  partyMember!: boolean;

  /** Whether `phone` is the whole number (PERSONAL_DATA_READ is recorded when one is shown to someone else). */
  phoneWhole!: boolean;
}

@ObjectType()
export class RegisterPersonPayload {
  @Field(() => Person)
  person!: Person;
}

@InputType()
export class RegisterPersonInput {
  @Field()
  name!: string;

  @Field()
  phone!: string;

  @Field()
  partyMember!: boolean;

  @Field(() => ID, { nullable: true, description: "Where the person is registered; defaults to the caller's first organisation." })
  organisationId?: string | null;
}

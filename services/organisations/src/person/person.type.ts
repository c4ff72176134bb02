import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Person', { description: 'A registered person. Personal data: visible only within the scope of the organisations they belong to (FORBIDDEN or null elsewhere).' })
export class Person {
  @Field(() => ID, { description: 'Stable id; a token’s `sub` is a person id.' })
  id!: string;

  @Field({ description: 'Full name.' })
  name!: string;

  @Field({ description: 'Whole for the person themself and the staff of their scope; otherwise masked (138****5678).' })
  phone!: string;

  @Field({ description: 'Whether the person is a member of the party (党员).' })
  partyMember!: boolean;

  /** Whether `phone` is the whole number (PERSONAL_DATA_READ is recorded when one is shown to someone else). */
  phoneWhole!: boolean;
}

@ObjectType({ description: 'The result of registerPerson.' })
export class RegisterPersonPayload {
  @Field(() => Person, { description: 'The person as registered, phone shown by the personal-data rule.' })
  person!: Person;
}

@InputType({ description: 'A person to register.' })
export class RegisterPersonInput {
  @Field({ description: 'Full name, 1–100 characters (BAD_USER_INPUT otherwise).' })
  name!: string;

  @Field({ description: 'Mainland mobile (1[3-9] + 9 digits) or landline (BAD_USER_INPUT otherwise); CONFLICT when already registered.' })
  phone!: string;

  @Field({ description: 'Whether the person is a party member.' })
  partyMember!: boolean;

  @Field(() => ID, { nullable: true, description: "Where the person is registered; defaults to the caller's first organisation; must lie in the caller's scope (FORBIDDEN otherwise). Required (BAD_USER_INPUT) for a caller acting for no organisation." })
  organisationId?: string | null;
}

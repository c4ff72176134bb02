import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities of other subgraphs this one refers to by id; they resolve the
// rest with their own rules (a person's name and phone, a compound's firm).

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Organisation')
export class Organisation {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Compound')
export class Compound {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Person')
export class Person {
  @Field(() => ID)
  id!: string;
}

export const organisationRef = (id: string) => Object.assign(new Organisation(), { id });
export const compoundRef = (id: string) => Object.assign(new Compound(), { id });
export const personRef = (id: string) => Object.assign(new Person(), { id });

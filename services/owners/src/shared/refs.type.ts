import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities of other subgraphs this one refers to by id; they resolve the
// rest with their own rules (a person's name and phone, a compound's firm).

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Organisation', { description: 'An organisation of the organisations subgraph (a street, community or property firm), referred to by id.' })
export class Organisation {
  @Field(() => ID, { description: 'The organisation’s id.' })
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Compound', { description: 'A residential compound of the grids subgraph, referred to by id.' })
export class Compound {
  @Field(() => ID, { description: 'The compound’s id.' })
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Person', { description: 'A person of the organisations subgraph, referred to by id; that subgraph shows (or hides) their name and phone.' })
export class Person {
  @Field(() => ID, { description: 'The person’s id.' })
  id!: string;
}

export const organisationRef = (id: string) => Object.assign(new Organisation(), { id });
export const compoundRef = (id: string) => Object.assign(new Compound(), { id });
export const personRef = (id: string) => Object.assign(new Person(), { id });

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The organisations subgraph's Person, referenced by id only: that subgraph
 * resolves `name` and `phone` with its own scoping and masking.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Person', { description: 'A registered person (resolved by the organisations subgraph).' })
export class Person {
  @Field(() => ID, { description: 'The person’s id.' })
  id!: string;
}

export const personRef = (id: string): Person => Object.assign(new Person(), { id });

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's person (reporter, timeline actor): it resolves, scopes and masks it. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Person')
export class Person {
  @Field(() => ID)
  id!: string;
}

export const personRef = (id: string | null): Person | null => (id ? Object.assign(new Person(), { id }) : null);

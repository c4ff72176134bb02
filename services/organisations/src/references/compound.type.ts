import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The grids subgraph's compound. This subgraph adds its `register` (the
 * households are personal data, kept here with people); name, community and
 * the declared `households` count stay with grids.
 */
@Directive('@key(fields: "id")')
@ObjectType('Compound')
export class Compound {
  @Field(() => ID)
  id!: string;
}

export const compoundRef = (id: string): Compound => Object.assign(new Compound(), { id });

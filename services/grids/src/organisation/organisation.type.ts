import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's entity; this subgraph adds fields to it (`grids`). */
@Directive('@key(fields: "id")')
@ObjectType('Organisation', { description: 'An organisation of the district tree (resolved by the organisations subgraph).' })
export class Organisation {
  @Field(() => ID, { description: 'The organisation’s id.' })
  id!: string;
}

export const organisationRef = (id: string): Organisation => Object.assign(new Organisation(), { id });

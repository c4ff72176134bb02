import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's entity; this subgraph adds fields to it (`grids`). */
@Directive('@key(fields: "id")')
@ObjectType('Organisation')
export class Organisation {
  @Field(() => ID)
  id!: string;
}

export const organisationRef = (id: string): Organisation => Object.assign(new Organisation(), { id });

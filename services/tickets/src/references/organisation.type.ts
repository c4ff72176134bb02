import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's organisation; this subgraph adds `assignedTickets` to it. */
@Directive('@key(fields: "id")')
@ObjectType('Organisation')
export class Organisation {
  @Field(() => ID)
  id!: string;
}

export function organisationRef(id: string): Organisation;
export function organisationRef(id: string | null): Organisation | null;
export function organisationRef(id: string | null): Organisation | null {
  return id ? Object.assign(new Organisation(), { id }) : null;
}

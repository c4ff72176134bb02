import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities of other subgraphs, referred to by id: each owner decides what the
// caller may see (a ticket out of the caller's scope resolves to null there).

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Ticket')
export class Ticket {
  @Field(() => ID)
  id!: string;
}

/** Owned by the owners subgraph (TODO: its `title` and `status` come with it). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Proposal')
export class Proposal {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Organisation')
export class Organisation {
  @Field(() => ID)
  id!: string;
}

export const ticketRef = (id: string | null) => (id ? Object.assign(new Ticket(), { id }) : null);
export const proposalRef = (id: string | null) => (id ? Object.assign(new Proposal(), { id }) : null);
export const organisationRef = (id: string | null) => (id ? Object.assign(new Organisation(), { id }) : null);

import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities of other subgraphs, referred to by id: each owner decides what the
// caller may see (a ticket out of the caller's scope resolves to null there).

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Ticket', { description: 'A ticket of the tickets subgraph, referred to by id; it resolves to null there when out of the caller’s scope.' })
export class Ticket {
  @Field(() => ID, { description: 'The ticket’s id.' })
  id!: string;
}

/** Owned by the owners subgraph (TODO: its `title` and `status` come with it). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Proposal', { description: 'A major matter of a compound: party consent, committee approval, then the owners’ vote.' })
export class Proposal {
  @Field(() => ID, { description: 'The proposal’s id.' })
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Organisation', { description: 'An organisation of the organisations subgraph, referred to by id.' })
export class Organisation {
  @Field(() => ID, { description: 'The organisation’s id.' })
  id!: string;
}

export const ticketRef = (id: string | null) => (id ? Object.assign(new Ticket(), { id }) : null);
export const proposalRef = (id: string | null) => (id ? Object.assign(new Proposal(), { id }) : null);
export const organisationRef = (id: string | null) => (id ? Object.assign(new Organisation(), { id }) : null);

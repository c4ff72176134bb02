import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The organisations subgraph's entity. This subgraph adds the assessment
 * fields (`assessment`, `currentGrade`, `replacementRecommended`,
 * `rectifications`) and refers to organisations by id.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organisation', { description: 'An organisation of the district tree (owned by the organisations subgraph).' })
export class Organisation {
  @Field(() => ID, { description: 'The organisation’s id.' })
  id!: string;
}

export const organisationRef = (id: string): Organisation => Object.assign(new Organisation(), { id });

/** A ticket, owned by the tickets subgraph, which decides whether the caller may see it (null otherwise). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Ticket', { description: 'A ticket (owned by the tickets subgraph, which applies the ticket rules).' })
export class Ticket {
  @Field(() => ID, { description: 'The ticket’s id.' })
  id!: string;
}

export const ticketRef = (id: string): Ticket => Object.assign(new Ticket(), { id });

/** A compound, owned by the grids subgraph. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Compound', { description: 'A residential compound (owned by the grids subgraph).' })
export class Compound {
  @Field(() => ID, { description: 'The compound’s id.' })
  id!: string;
}

export const compoundRef = (id: string): Compound => Object.assign(new Compound(), { id });

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The organisations subgraph's entity. This subgraph adds the assessment
 * fields (`assessment`, `currentGrade`, `replacementRecommended`,
 * `rectifications`) and refers to organisations by id.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organisation')
export class Organisation {
  @Field(() => ID)
  id!: string;
}

export const organisationRef = (id: string): Organisation => Object.assign(new Organisation(), { id });

/** A ticket, owned by the tickets subgraph, which decides whether the caller may see it (null otherwise). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Ticket')
export class Ticket {
  @Field(() => ID)
  id!: string;
}

export const ticketRef = (id: string): Ticket => Object.assign(new Ticket(), { id });

/** A compound, owned by the grids subgraph. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Compound')
export class Compound {
  @Field(() => ID)
  id!: string;
}

export const compoundRef = (id: string): Compound => Object.assign(new Compound(), { id });

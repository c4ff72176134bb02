import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The grids subgraph's grid: this subgraph only points at it. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Grid')
export class Grid {
  @Field(() => ID)
  id!: string;
}

export const gridRef = (id: string | null): Grid | null => (id ? Object.assign(new Grid(), { id }) : null);

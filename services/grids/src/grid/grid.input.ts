import { Field, ID, InputType, Int } from 'type-graphql';
import { GeoPointInput } from '../geo/geo.type';
import { GridLevelEnum } from './grid.type';
import type { GridLevel } from './grid.rules';

@InputType({ description: 'A new grid, in a community of the caller’s scope.' })
export class CreateGridInput {
  @Field({ description: 'Unique within the district: 1–40 letters, digits, - or _.' })
  code!: string;

  @Field({ description: '1–100 characters (BAD_USER_INPUT otherwise).' })
  name!: string;

  @Field(() => GridLevelEnum, { description: 'Its level; must fit under the parent grid’s level (BAD_USER_INPUT otherwise).' })
  level!: GridLevel;

  @Field(() => ID, { description: 'A COMMUNITY of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown).' })
  communityId!: string;

  @Field(() => Int, { description: 'Declared households, 0–1,000,000 (BAD_USER_INPUT otherwise).' })
  households!: number;

  @Field(() => Int, { description: 'Declared residents, 0–1,000,000 (BAD_USER_INPUT otherwise).' })
  residents!: number;

  @Field(() => ID, { nullable: true, description: 'A COMPOUND grid sits under a COMMUNITY_AREA grid (or stands alone); a BUILDING_UNIT under a COMPOUND grid.' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The compound the grid covers, in the same community; inherited from the parent grid when it has one.' })
  compoundId?: string | null;

  @Field(() => [GeoPointInput], {
    nullable: true,
    description: 'A ring of at least 3 distinct points, open or closed, not self-intersecting, inside the parent grid’s boundary when both exist.',
  })
  boundary?: GeoPointInput[] | null;
}

/** What updateGrid may change: omitted fields stay; a grid's level, compound and place never change here. */
@InputType({ description: 'What updateGrid changes; omitted fields stay as they are.' })
export class UpdateGridInput {
  @Field(() => String, { nullable: true, description: 'The new name, 1–100 characters (BAD_USER_INPUT otherwise).' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'The new declared households, 0–1,000,000 (BAD_USER_INPUT otherwise).' })
  households?: number | null;

  @Field(() => Int, { nullable: true, description: 'The new declared residents, 0–1,000,000 (BAD_USER_INPUT otherwise).' })
  residents?: number | null;

  @Field(() => [GeoPointInput], {
    nullable: true,
    description: 'A new ring, under the same rules as createGrid: inside the parent grid’s boundary and around every child grid’s.',
  })
  boundary?: GeoPointInput[] | null;
}

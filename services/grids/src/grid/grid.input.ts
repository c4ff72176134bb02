import { Field, ID, InputType, Int } from 'type-graphql';
import { GeoPointInput } from '../geo/geo.type';
import { GridLevelEnum } from './grid.type';
import type { GridLevel } from './grid.rules';

@InputType()
export class CreateGridInput {
  @Field({ description: 'Unique within the district: 1–40 letters, digits, - or _.' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => GridLevelEnum)
  level!: GridLevel;

  @Field(() => ID)
  communityId!: string;

  @Field(() => Int)
  households!: number;

  @Field(() => Int)
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

import { Field, ID, InputType, Int } from 'type-graphql';
import { GridLevelEnum } from './grid.type';
import type { GridLevel } from './grid.rules';

@InputType()
export class CreateGridInput {
  @Field()
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

  @Field(() => ID, { nullable: true })
  parentId?: string | null;
}

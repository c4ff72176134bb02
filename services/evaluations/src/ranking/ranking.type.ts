import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GradeEnum } from '../shared/enums';
import type { Grade } from '../assessment/assessment.rules';
import { Assessment } from '../assessment/assessment.type';

@ObjectType('FirmRank', { description: "A firm's place among the firms that manage compounds in a scope, for one month." })
export class FirmRank {
  @Field(() => Int, { description: '1 for the best score; ties ordered by name.' })
  rank!: number;

  @Field(() => Float)
  score!: number;

  @Field(() => GradeEnum)
  grade!: Grade;

  @Field(() => Float)
  satisfactionRate!: number;

  @Field(() => Assessment)
  assessment!: Assessment;

  firmId!: string;
}

import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GradeEnum } from '../shared/enums';
import type { Grade } from '../assessment/assessment.rules';
import { Assessment } from '../assessment/assessment.type';

@ObjectType('FirmRank', { description: "A firm's place among the firms that manage compounds in a scope, for one month." })
export class FirmRank {
  @Field(() => Int, { description: '1 for the best score; ties ordered by name.' })
  rank!: number;

  @Field(() => Float, { description: 'The assessment score of the month (0–100).' })
  score!: number;

  @Field(() => GradeEnum, { description: 'The assessment grade of the month.' })
  grade!: Grade;

  @Field(() => Float, { description: 'The satisfaction rate of the month (0–1).' })
  satisfactionRate!: number;

  @Field(() => Assessment, { description: 'The whole assessment behind the rank.' })
  assessment!: Assessment;

  firmId!: string;
}

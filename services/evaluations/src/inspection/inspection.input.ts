import { Field, Float, ID, InputType } from 'type-graphql';

@InputType()
export class InspectionItemInput {
  @Field()
  item!: string;

  @Field(() => Float, { description: '0–100.' })
  score!: number;
}

@InputType()
export class RecordInspectionInput {
  @Field(() => ID, { description: 'The property firm inspected; it must manage the compound.' })
  firmId!: string;

  @Field(() => ID)
  compoundId!: string;

  @Field(() => [InspectionItemInput])
  items!: InspectionItemInput[];

  @Field(() => Date, { nullable: true, description: 'When it took place (default: now); its month (UTC+8) is the assessment month.' })
  at?: Date | null;
}

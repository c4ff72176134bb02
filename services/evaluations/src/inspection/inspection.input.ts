import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'One scored item.' })
export class InspectionItemInput {
  @Field({ description: 'What was inspected, 1–100 characters, each once (BAD_USER_INPUT otherwise).' })
  item!: string;

  @Field(() => Float, { description: '0–100.' })
  score!: number;
}

@InputType({ description: 'An inspection to record.' })
export class RecordInspectionInput {
  @Field(() => ID, { description: 'The property firm inspected; it must manage the compound.' })
  firmId!: string;

  @Field(() => ID, { description: 'A compound of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown).' })
  compoundId!: string;

  @Field(() => [InspectionItemInput], { description: 'The scored items, 1–50 (BAD_USER_INPUT otherwise).' })
  items!: InspectionItemInput[];

  @Field(() => Date, { nullable: true, description: 'When it took place (default: now); its month (UTC+8) is the assessment month.' })
  at?: Date | null;
}

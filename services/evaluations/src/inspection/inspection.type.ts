import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { InspectionEntity } from './inspection.entity';

@ObjectType('InspectionItem')
export class InspectionItem {
  @Field()
  item!: string;

  @Field(() => Float)
  score!: number;
}

@ObjectType('Inspection')
export class Inspection {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field(() => Float, { description: 'The mean of the items.' })
  score!: number;

  @Field(() => [InspectionItem])
  items!: InspectionItem[];

  firmId!: string;
  compoundId!: string;
}

export function toInspection(row: InspectionEntity): Inspection {
  return Object.assign(new Inspection(), {
    id: row.id,
    at: row.at,
    score: row.score,
    items: row.items.map((i) => Object.assign(new InspectionItem(), { item: i.item, score: i.score })),
    firmId: row.firmId,
    compoundId: row.compoundId,
  });
}

@ObjectType()
export class RecordInspectionPayload {
  @Field(() => Inspection)
  inspection!: Inspection;
}

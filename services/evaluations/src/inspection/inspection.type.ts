import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { InspectionEntity } from './inspection.entity';

@ObjectType('InspectionItem', { description: 'One scored item of an inspection.' })
export class InspectionItem {
  @Field({ description: 'What was inspected.' })
  item!: string;

  @Field(() => Float, { description: 'Its score, 0–100.' })
  score!: number;
}

@ObjectType('Inspection', { description: 'An itemised inspection of a property firm’s service at a compound.' })
export class Inspection {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'When it took place.' })
  at!: Date;

  @Field(() => Float, { description: 'The mean of the items.' })
  score!: number;

  @Field(() => [InspectionItem], { description: 'The scored items.' })
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

@ObjectType({ description: 'The result of recordInspection.' })
export class RecordInspectionPayload {
  @Field(() => Inspection, { description: 'The inspection as recorded.' })
  inspection!: Inspection;
}

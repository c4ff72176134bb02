import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GridLevels, type GridLevel } from './grid.rules';
import type { GridEntity } from './grid.entity';
import { Organisation } from '../organisation/organisation.type';

export const GridLevelEnum = Object.fromEntries(GridLevels.map((l) => [l, l])) as { [K in GridLevel]: K };
registerEnumType(GridLevelEnum, { name: 'GridLevel' });

@Directive('@key(fields: "id")')
@ObjectType('Grid')
export class Grid {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => GridLevelEnum)
  level!: GridLevel;

  @Field(() => Int)
  households!: number;

  @Field(() => Int)
  residents!: number;

  @Field(() => Organisation)
  community!: Organisation;

  parentId!: string | null;
}

export function toGrid(row: GridEntity): Grid {
  return Object.assign(new Grid(), {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    households: row.households,
    residents: row.residents,
    community: Object.assign(new Organisation(), { id: row.communityId }),
    parentId: row.parentId,
  });
}

@ObjectType()
export class CreateGridPayload {
  @Field(() => Grid)
  grid!: Grid;
}

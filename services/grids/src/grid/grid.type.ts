import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { GeoPoint, toGeoPoint } from '../geo/geo.type';
import { Organisation, organisationRef } from '../organisation/organisation.type';
import { gridAncestors, GridLevels, type GridLevel } from './grid.rules';
import type { GridEntity } from './grid.entity';

export const GridLevelEnum = Object.fromEntries(GridLevels.map((l) => [l, l])) as { [K in GridLevel]: K };
registerEnumType(GridLevelEnum, { name: 'GridLevel' });

/** A grid of the grid tree: public, like compounds (contract); its staff are not. */
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

  @Field(() => [GeoPoint], { nullable: true, description: 'The boundary as a closed ring (first point repeated last), or null.' })
  boundary!: GeoPoint[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the grid was retired (retireGrid), or null while active.' })
  retiredAt!: Date | null;

  parentId!: string | null;
  compoundId!: string | null;
  ancestorIds!: string[];
}

/** Maps the row field by field: a new column never becomes API by accident. */
export function toGrid(row: GridEntity): Grid {
  return Object.assign(new Grid(), {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    households: row.households,
    residents: row.residents,
    community: organisationRef(row.communityId),
    boundary: row.boundary ? row.boundary.map(([lat, lng]) => toGeoPoint({ lat, lng })) : null,
    retiredAt: row.retiredAt ?? null,
    parentId: row.parentId,
    compoundId: row.compoundId,
    ancestorIds: gridAncestors(row.path),
  });
}

@ObjectType()
export class GridPayload {
  @Field(() => Grid)
  grid!: Grid;
}

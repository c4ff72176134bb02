import { Directive, Field, Float, InputType, ObjectType } from 'type-graphql';
import type { LatLng } from './geo.rules';

/** A WGS-84 point. Shareable: other subgraphs (a ticket's location) may serve the same value type. */
@Directive('@shareable')
@ObjectType('GeoPoint')
export class GeoPoint {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;
}

@InputType('GeoPointInput')
export class GeoPointInput {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;
}

export const toGeoPoint = (p: LatLng): GeoPoint => Object.assign(new GeoPoint(), { lat: p.lat, lng: p.lng });

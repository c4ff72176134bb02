import { Directive, Field, Float, InputType, ObjectType } from 'type-graphql';
import type { LatLng } from './geo.rules';

/** A WGS-84 point. Shareable: other subgraphs (a ticket's location) may serve the same value type. */
@Directive('@shareable')
@ObjectType('GeoPoint', { description: 'A WGS-84 point.' })
export class GeoPoint {
  @Field(() => Float, { description: 'Latitude in degrees.' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude in degrees.' })
  lng!: number;
}

@InputType('GeoPointInput', { description: 'A WGS-84 point.' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude in degrees, −90 to 90 (BAD_USER_INPUT otherwise).' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude in degrees, −180 to 180 (BAD_USER_INPUT otherwise).' })
  lng!: number;
}

export const toGeoPoint = (p: LatLng): GeoPoint => Object.assign(new GeoPoint(), { lat: p.lat, lng: p.lng });

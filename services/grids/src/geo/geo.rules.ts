import { badInput, checkLatLng } from '@linli/platform';

/**
 * Plane geometry of grid boundaries. Coordinates are WGS-84 degrees treated
 * as a plane (x = lng, y = lat): exact enough at the scale of a district,
 * which never crosses the antimeridian or a pole. A boundary is one outer
 * ring (holes are not supported), convex or concave, clockwise or not.
 */
export interface LatLng {
  lat: number;
  lng: number;
}

/** A closed ring: the first point is repeated at the end. */
export type Ring = readonly LatLng[];

/**
 * Distance (in degrees, ~0.1 mm) under which a point counts as lying on a
 * line: input coordinates carry about 1e-7° of meaning, floating point error
 * is far below this.
 */
export const EPS = 1e-9;
/** Most vertices a boundary may have (bounds the O(n²) self-intersection check). */
export const MAX_BOUNDARY_POINTS = 500;
/** Widest a boundary may be in either direction (~22 km): a grid is a neighbourhood, never a city. */
export const MAX_BOUNDARY_SPAN = 0.2;

const sub = (a: LatLng, b: LatLng) => ({ x: a.lng - b.lng, y: a.lat - b.lat });
const cross = (u: { x: number; y: number }, v: { x: number; y: number }) => u.x * v.y - u.y * v.x;
const dot = (u: { x: number; y: number }, v: { x: number; y: number }) => u.x * v.x + u.y * v.y;
const norm = (u: { x: number; y: number }) => Math.hypot(u.x, u.y);
const samePoint = (a: LatLng, b: LatLng) => Math.abs(a.lat - b.lat) <= EPS && Math.abs(a.lng - b.lng) <= EPS;

/** Side of p relative to the line a→b: 1 left, -1 right, 0 within EPS of the line. */
function side(a: LatLng, b: LatLng, p: LatLng): number {
  const ab = sub(b, a);
  const len = norm(ab);
  const c = cross(ab, sub(p, a));
  if (len === 0) return 0;
  return Math.abs(c) / len <= EPS ? 0 : Math.sign(c);
}

/** Distance from p to the segment a–b. */
function distanceToSegment(p: LatLng, a: LatLng, b: LatLng): number {
  const ab = sub(b, a);
  const ap = sub(p, a);
  const len2 = dot(ab, ab);
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, dot(ap, ab) / len2));
  return Math.hypot(ap.x - t * ab.x, ap.y - t * ab.y);
}

/** True when segments p1–p2 and p3–p4 share at least one point (crossing, touching or overlapping). */
export function segmentsTouch(p1: LatLng, p2: LatLng, p3: LatLng, p4: LatLng): boolean {
  const d1 = side(p3, p4, p1);
  const d2 = side(p3, p4, p2);
  const d3 = side(p1, p2, p3);
  const d4 = side(p1, p2, p4);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (
    (d1 === 0 && distanceToSegment(p1, p3, p4) <= EPS) ||
    (d2 === 0 && distanceToSegment(p2, p3, p4) <= EPS) ||
    (d3 === 0 && distanceToSegment(p3, p1, p2) <= EPS) ||
    (d4 === 0 && distanceToSegment(p4, p1, p2) <= EPS)
  );
}

export type Location = 'INSIDE' | 'ON_BOUNDARY' | 'OUTSIDE';

/**
 * Where a point lies relative to a closed ring. A point on an edge or a
 * vertex is ON_BOUNDARY (and counts as contained); otherwise the even–odd
 * crossing rule, with half-open edges so a ray through a vertex counts once,
 * which handles concave rings.
 */
export function locatePoint(p: LatLng, ring: Ring): Location {
  let inside = false;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (distanceToSegment(p, a, b) <= EPS) return 'ON_BOUNDARY';
    if (a.lat > p.lat !== b.lat > p.lat) {
      const x = a.lng + ((p.lat - a.lat) * (b.lng - a.lng)) / (b.lat - a.lat);
      if (p.lng < x) inside = !inside;
    }
  }
  return inside ? 'INSIDE' : 'OUTSIDE';
}

export const containsPoint = (ring: Ring, p: LatLng) => locatePoint(p, ring) !== 'OUTSIDE';

/** Unsigned area (square degrees), by the shoelace formula. */
export function ringArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) twice += ring[i].lng * ring[i + 1].lat - ring[i + 1].lng * ring[i].lat;
  return Math.abs(twice) / 2;
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

export function boundingBox(ring: Ring): BoundingBox {
  const lats = ring.map((p) => p.lat);
  const lngs = ring.map((p) => p.lng);
  return { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLng: Math.min(...lngs), maxLng: Math.max(...lngs) };
}

/**
 * A boundary as the contract's CreateGridInput gives it, checked and closed:
 * coordinates on the globe, the ring given open or closed (stored closed),
 * repeated consecutive points dropped, at least 3 distinct points, a non-zero
 * area, no edge touching another except its neighbours at their shared
 * vertex (no self-intersection, no spike folding back on itself), at most
 * MAX_BOUNDARY_POINTS vertices and MAX_BOUNDARY_SPAN degrees wide.
 */
export function checkBoundary(points: readonly LatLng[], field = 'boundary'): LatLng[] {
  if (points.length > MAX_BOUNDARY_POINTS + 1) throw badInput(field, `${field} may have at most ${MAX_BOUNDARY_POINTS} points`);
  for (const p of points) checkLatLng(field, p.lat, p.lng);
  const open: LatLng[] = [];
  for (const p of points) if (!open.length || !samePoint(open[open.length - 1], p)) open.push({ lat: p.lat, lng: p.lng });
  while (open.length > 1 && samePoint(open[0], open[open.length - 1])) open.pop();
  if (open.length < 3) throw badInput(field, `${field} needs at least 3 distinct points`);
  const ring = [...open, open[0]];
  const box = boundingBox(ring);
  if (box.maxLat - box.minLat > MAX_BOUNDARY_SPAN || box.maxLng - box.minLng > MAX_BOUNDARY_SPAN) {
    throw badInput(field, `${field} may span at most ${MAX_BOUNDARY_SPAN} degrees of latitude and longitude`);
  }
  if (ringArea(ring) <= EPS * EPS) throw badInput(field, `${field} encloses no area (its points are on one line)`);
  if (selfIntersects(ring)) throw badInput(field, `${field} intersects itself`);
  return ring;
}

function selfIntersects(ring: Ring): boolean {
  const n = ring.length - 1; // edges i: ring[i] → ring[i + 1]
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    const c = ring[(i + 2) % n];
    // Neighbouring edges share b; they may not fold back over each other (a spike).
    if (side(a, b, c) === 0 && dot(sub(b, a), sub(c, b)) < 0) return true;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the first and last edges share ring[0]
      if (segmentsTouch(a, b, ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

/** Parameters t ∈ [0, 1] along a→b where it meets segment c–d (both ends of an overlap). */
function meetingParams(a: LatLng, b: LatLng, c: LatLng, d: LatLng): number[] {
  const r = sub(b, a);
  const s = sub(d, c);
  const ca = sub(c, a);
  const denom = cross(r, s);
  const rr = dot(r, r);
  const clamp = (t: number) => Math.max(0, Math.min(1, t));
  if (Math.abs(denom) > EPS * norm(r) * norm(s)) {
    const t = cross(ca, s) / denom;
    const u = cross(ca, r) / denom;
    const slack = EPS / Math.max(norm(r), norm(s), EPS);
    return t >= -slack && t <= 1 + slack && u >= -slack && u <= 1 + slack ? [clamp(t)] : [];
  }
  if (side(a, b, c) !== 0 || rr === 0) return [];
  // Collinear: where c and d project onto a→b, when the segments overlap.
  return [dot(ca, r) / rr, dot(sub(d, a), r) / rr].filter((t) => t >= -EPS && t <= 1 + EPS).map(clamp);
}

/**
 * True when `inner` lies inside `outer` or on its boundary (shared edges and
 * vertices are allowed). Every vertex of `inner` must be contained, and each
 * edge of `inner`, cut where it meets `outer`'s edges, must keep each piece
 * contained: this catches an edge that leaves a concave `outer` and comes back
 * even when it only touches `outer` at vertices.
 */
export function ringWithin(inner: Ring, outer: Ring): boolean {
  for (const p of inner) if (!containsPoint(outer, p)) return false;
  for (let i = 0; i < inner.length - 1; i++) {
    const a = inner[i];
    const b = inner[i + 1];
    const ts = [0, 1];
    for (let j = 0; j < outer.length - 1; j++) ts.push(...meetingParams(a, b, outer[j], outer[j + 1]));
    ts.sort((x, y) => x - y);
    for (let k = 0; k < ts.length - 1; k++) {
      if (ts[k + 1] - ts[k] <= 1e-12) continue;
      const t = (ts[k] + ts[k + 1]) / 2;
      if (!containsPoint(outer, { lat: a.lat + t * (b.lat - a.lat), lng: a.lng + t * (b.lng - a.lng) })) return false;
    }
  }
  return true;
}

/** Storage form of a ring (`grid.boundary`): `[lat, lng]` pairs. */
export const ringToPairs = (ring: Ring): [number, number][] => ring.map((p) => [p.lat, p.lng]);
export const ringFromPairs = (pairs: readonly (readonly [number, number])[]): LatLng[] => pairs.map(([lat, lng]) => ({ lat, lng }));

/** The contract's coordinate check for a single point, one field per coordinate (`gridAt(lat, lng)`). */
export function checkPoint(lat: number, lng: number): LatLng {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw badInput('lat', 'lat must be between -90 and 90');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw badInput('lng', 'lng must be between -180 and 180');
  return { lat, lng };
}

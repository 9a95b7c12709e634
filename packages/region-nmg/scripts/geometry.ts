// Small planar geometry on [lon, lat] rings, enough for building and checking boundaries.
// Hand-written because turf would bring dozens of packages for three formulas.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Signed planar area of a ring; positive when the ring runs counter-clockwise. */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  }
  return sum / 2;
}

/** The polygons of a polygonal geometry, as rings. */
export function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Even-odd point-in-polygon test over all rings of a polygon (holes excluded). */
export function polygonContains(rings: readonly (readonly Position[])[], [x, y]: readonly [number, number]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** True when a point lies inside any polygon of the geometry. */
export function geometryContains(geometry: Polygon | MultiPolygon, point: readonly [number, number]): boolean {
  return polygonsOf(geometry).some((rings) => polygonContains(rings, point));
}

/**
 * A representative point inside the geometry: the area centroid of its largest polygon when that
 * falls inside, otherwise the middle of the widest inside stretch of the horizontal line through it
 * (concave shapes such as crescent-shaped banners put the centroid outside).
 */
export function representativePoint(geometry: Polygon | MultiPolygon): [number, number] {
  const largest = polygonsOf(geometry).reduce((best, rings) =>
    Math.abs(signedArea(rings[0]!)) > Math.abs(signedArea(best[0]!)) ? rings : best,
  );
  const outer = largest[0]!;
  let cx = 0;
  let cy = 0;
  let twiceArea = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const cross = outer[j]![0]! * outer[i]![1]! - outer[i]![0]! * outer[j]![1]!;
    twiceArea += cross;
    cx += (outer[j]![0]! + outer[i]![0]!) * cross;
    cy += (outer[j]![1]! + outer[i]![1]!) * cross;
  }
  const centroid: [number, number] = [cx / (3 * twiceArea), cy / (3 * twiceArea)];
  if (polygonContains(largest, centroid)) return centroid;

  const ys = outer.map((p) => p[1]!);
  const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
  let best: [number, number] = centroid;
  let bestWidth = -1;
  for (let step = 1; step < 20; step++) {
    const y = minY + ((maxY - minY) * step) / 20;
    const xs: number[] = [];
    for (const ring of largest) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1]! - xs[k]!;
      if (width > bestWidth) [bestWidth, best] = [width, [(xs[k]! + xs[k + 1]!) / 2, y]];
    }
  }
  return best;
}

/** Rewinds rings in place to the spherical convention d3-geo (and so Vega) expects: exteriors clockwise. */
export function rewindForD3(geometry: Polygon | MultiPolygon): void {
  for (const rings of polygonsOf(geometry)) {
    rings.forEach((ring, index) => {
      const clockwise = signedArea(ring) < 0;
      if ((index === 0) !== clockwise) ring.reverse();
    });
  }
}

/** A position `[longitude, latitude]` in WGS-84 degrees. */
export type LonLat = readonly [number, number];

/** A GeoJSON point geometry (RFC 7946). */
export interface PointGeometry {
  /** Always `'Point'`. */
  readonly type: 'Point';
  /** `[longitude, latitude]` in WGS-84. */
  readonly coordinates: LonLat;
}

/** A TopoJSON geometry object (polygonal or a collection), as far as emwatch reads it. */
export interface TopologyGeometry {
  /** Geometry type, e.g. `'Polygon'`, `'MultiPolygon'` or `'GeometryCollection'`. */
  readonly type: string;
  /** Feature identifier; for region boundaries the unit code. */
  readonly id?: string | number;
  /** Arc indexes (absent on collections). */
  readonly arcs?: unknown;
  /** Member geometries of a `GeometryCollection`. */
  readonly geometries?: readonly TopologyGeometry[];
  /** Feature properties. */
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** A TopoJSON topology (https://github.com/topojson/topojson-specification). */
export interface Topology {
  /** Always `'Topology'`. */
  readonly type: 'Topology';
  /** Named geometry objects. */
  readonly objects: Readonly<Record<string, TopologyGeometry>>;
  /** Shared arcs (quantised and delta-encoded when `transform` is present). */
  readonly arcs: readonly (readonly (readonly number[])[])[];
  /** Quantisation transform. */
  readonly transform?: { readonly scale: readonly [number, number]; readonly translate: readonly [number, number] };
  /** Bounding box `[minLon, minLat, maxLon, maxLat]`. */
  readonly bbox?: readonly number[];
}

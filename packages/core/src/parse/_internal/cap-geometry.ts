import type { LonLat } from '../../model/geo.js';

/** A parsed geometry or why it could not be read. */
export type GeometryResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const MAX_REASON_TEXT = 60;
const quote = (text: string): string =>
  JSON.stringify(text.length > MAX_REASON_TEXT ? `${text.slice(0, MAX_REASON_TEXT)}…` : text);

function readPoint(pair: string): LonLat | undefined {
  const parts = pair.split(',');
  if (parts.length !== 2) return undefined;
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (parts[0]?.trim() === '' || parts[1]?.trim() === '') return undefined;
  // Longitudes slightly past ±180 occur in real rings drawn across the antimeridian (GDACS writes
  // -180.005); they are kept as written, as are 0–360 longitudes.
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 360) return undefined;
  return [lon, lat];
}

/**
 * Reads a CAP `polygon`: `lat,lon` pairs separated by whitespace (CAP writes latitude first), at
 * least four, first equal to last. An open ring of three or more points is closed here, and said
 * so in `closed`, rather than lost.
 */
export function readPolygon(text: string): GeometryResult<{ ring: LonLat[]; closed: boolean }> {
  // Some publishers write a space after the comma inside a pair ("46.05, 9.00").
  const pairs = text.trim().replace(/,\s+/g, ',').split(/\s+/).filter(Boolean);
  const ring: LonLat[] = [];
  for (const pair of pairs) {
    const point = readPoint(pair);
    if (!point) return { ok: false, reason: `polygon point ${quote(pair)} is not "latitude,longitude" in degrees` };
    ring.push(point);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  const open = first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1]);
  if (open && first) ring.push(first);
  if (ring.length < 4) return { ok: false, reason: `polygon ${quote(text.trim())} has fewer than 4 points` };
  return { ok: true, value: { ring, closed: open } };
}

/** Reads a CAP `circle`: `lat,lon radius` with the radius in kilometres. */
export function readCircle(text: string): GeometryResult<{ center: LonLat; radiusKm: number }> {
  const parts = text.trim().replace(/,\s+/g, ',').split(/\s+/);
  const center = parts.length === 2 ? readPoint(parts[0] ?? '') : undefined;
  const radiusKm = Number(parts[1]);
  if (!center || parts[1] === undefined || !Number.isFinite(radiusKm) || radiusKm < 0) {
    return { ok: false, reason: `circle ${quote(text.trim())} is not "latitude,longitude radius"` };
  }
  return { ok: true, value: { center, radiusKm } };
}

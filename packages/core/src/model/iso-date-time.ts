/**
 * A point in time as an ISO 8601 / RFC 3339 string with seconds and an explicit UTC offset,
 * e.g. `'2024-07-21T14:05:00+08:00'` or `'2024-07-21T06:05:00Z'`. Fractional seconds are
 * allowed. Strings without an offset are not valid values: their instant would be ambiguous.
 *
 * @example
 * ```ts
 * const at: IsoDateTime = '2024-07-21T14:05:00+08:00';
 * ```
 */
export type IsoDateTime = string;

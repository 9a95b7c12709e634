/** A sliding-window rate limit per key: at most `limit` takes in any `windowMs`. */
export interface Throttle {
  /** Takes a slot for `key` at `now` if one is free; false when the limit is reached. */
  take(key: string, limit: number, now: number): boolean;
  /** When the next slot for `key` frees up (now, if one is free). */
  nextFree(key: string, limit: number, now: number): number;
}

/** Creates a sliding-window throttle; memory is bounded by the limits (one timestamp per slot taken). */
export function createThrottle(windowMs = 60_000): Throttle {
  const taken = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const times = (taken.get(key) ?? []).filter((time) => time > now - windowMs);
    taken.set(key, times);
    return times;
  };
  return {
    take(key, limit, now) {
      const times = recent(key, now);
      if (times.length >= limit) return false;
      times.push(now);
      return true;
    },
    nextFree(key, limit, now) {
      const times = recent(key, now);
      return times.length < limit ? now : (times[times.length - limit] ?? now) + windowMs;
    },
  };
}

import { EmwatchError } from '../errors.js';
import type { PostRecord } from '../model/post-record.js';
import type { RawItem } from '../model/raw-item.js';
import type { Collector } from './collector.js';
import {
  createReplayCollector,
  replayEntry,
  validateReplayOptions,
  type ReplayScheduleOptions,
} from './_internal/replay-collector.js';

/** One recorded item: a post (timed by its `publishedAt`) or a raw item as a store kept it (timed by its `fetchedAt`). */
export type ReplayRecord = PostRecord | RawItem;

/** Options of {@link replay}. */
export interface ReplayOptions extends ReplayScheduleOptions {
  /** The recording, oldest first. */
  readonly items: readonly ReplayRecord[];
}

/**
 * Re-emits a recorded stream in (accelerated) time, one raw item per record: the demo, drills and
 * tests use it. The first record is due when collecting starts; each next one after the recorded
 * gap to the previous one divided by `speed`. `collect()` yields what is due by now and returns
 * (or, with `maxWaitMs`, waits up to that long for the next record, honouring the abort signal),
 * so the scheduler's repeated calls drive the replay. The cursor's `position` is the next record's
 * index: a restart resumes there. With `rebase: true` each post's `publishedAt` becomes the time it
 * is replayed (keeping its UTC offset), so a recording looks current. With `loop: true` the
 * recording starts over after the last record (after the mean gap), and later rounds give posts new
 * ids (`<id>#<round>`) so stores keep them. A record that is not usable is reported as an issue at
 * its turn; the rest go on.
 *
 * @example
 * ```ts
 * const demo = replay({
 *   id: 'demo-blizzard',
 *   speed: 600, // ten recorded minutes per second
 *   rebase: true,
 *   items: [
 *     { text: '锡林浩特开始下雪，风越来越大', publishedAt: '2025-04-13T05:10:00+08:00' },
 *     { text: '锡林郭勒盟气象台发布暴雪黄色预警', publishedAt: '2025-04-13T05:40:00+08:00', sourceKind: 'official-warning' },
 *     { text: '207国道正蓝旗段车辆滞留', publishedAt: '2025-04-13T06:45:00+08:00', sourceKind: 'media' },
 *   ],
 * });
 * ```
 */
export function replay(options: ReplayOptions): Collector {
  validateReplayOptions(options);
  if (!Array.isArray(options.items)) {
    throw new EmwatchError(
      'EMW_COLLECTOR_OPTIONS',
      `[emwatch] [replay] source "${options.id}": items must be an array of records`,
    );
  }
  // Checked once up front: a bad record is kept in its slot and reported when its turn comes.
  const entries = options.items.map((item, index) => replayEntry(item, `replay item ${index}`, options.timeZone));
  return createReplayCollector({ ...options, kind: 'replay', load: async () => entries });
}

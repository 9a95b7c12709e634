import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Collector } from '../collect/collector.js';
import {
  createReplayCollector,
  replayEntry,
  validateReplayOptions,
  type ReplayEntry,
  type ReplayScheduleOptions,
} from '../collect/_internal/replay-collector.js';
import { EmwatchError } from '../errors.js';
import { readTextLines } from './_internal/text-lines.js';

/** Options of {@link replayFile}. */
export interface ReplayFileOptions extends ReplayScheduleOptions {
  /** A JSONL recording: one post record or recorded raw item per line, oldest first. */
  readonly file: string;
  /** Largest recording accepted, in bytes (it is held in memory to be replayed); 64 MiB by default. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Replays a JSONL recording like `replay()` does its items (same timing, cursor, `rebase` and
 * `loop`): each line is a post record or a raw item as a store kept it. The file is read when
 * collecting first starts; a line that is not JSON, not in UTF-8 or not a usable record keeps its
 * slot and is reported, with its line number and text, when its turn comes — the rest go on. A
 * file that cannot be read is reported as a fatal issue and tried again at the next collection.
 *
 * @example
 * ```ts
 * import { replayFile } from '@emwatch/core/node';
 * const demo = replayFile({ id: 'demo-blizzard', file: 'examples/blizzard-2025-04-13.jsonl', speed: 600, rebase: true });
 * ```
 */
export function replayFile(options: ReplayFileOptions): Collector {
  validateReplayOptions(options);
  if (typeof options.file !== 'string' || options.file.trim() === '') {
    throw new EmwatchError('EMW_COLLECTOR_OPTIONS', `[emwatch] [replay] source "${options.id}": file must be a path`);
  }
  const file = resolve(options.file);
  const name = basename(file);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new EmwatchError(
      'EMW_COLLECTOR_OPTIONS',
      `[emwatch] [replay] source "${options.id}": maxBytes must be a positive integer, got ${String(maxBytes)}`,
    );
  }

  const load = async (): Promise<readonly ReplayEntry[]> => {
    const { size } = await stat(file).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${error.message}`);
    });
    if (size > maxBytes) throw new Error(`${file} is ${size} bytes, over the ${maxBytes}-byte limit for a recording`);
    const entries: ReplayEntry[] = [];
    const lines = readTextLines(createReadStream(file) as AsyncIterable<Uint8Array>, {
      encoding: 'utf-8',
      maxLineBytes: MAX_LINE_BYTES,
    });
    for await (const batch of lines.batches) {
      for (const line of batch) {
        const where = `${name} line ${line.line}`;
        if (line.problem) {
          const payload = new TextDecoder().decode(line.problem.bytes);
          entries.push({
            kind: 'bad',
            code: line.problem.code,
            reason: line.problem.reason,
            payload,
            time: null,
            where: name,
          });
          continue;
        }
        if (line.text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line.text);
        } catch (error) {
          const reason = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
          entries.push({ kind: 'bad', code: 'EMW_PARSE_JSON', reason, payload: line.text, time: null, where });
          continue;
        }
        entries.push(replayEntry(value, where, options.timeZone));
      }
    }
    return entries;
  };

  return createReplayCollector({ ...options, kind: 'replay', url: pathToFileURL(file).href, load });
}

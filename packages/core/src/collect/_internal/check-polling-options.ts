import { EmwatchError } from '../../errors.js';
import { isSourceKind, SOURCE_KINDS } from '../../model/signal.js';
import type { CollectorKind } from '../collector.js';

/** The options every polling adapter shares, as given (unchecked). */
export interface PollingOptionsInput {
  readonly id?: unknown;
  readonly url?: unknown;
  readonly sourceKind?: unknown;
  readonly allowPrivate?: unknown;
}

/** Throws the error every adapter uses for a bad option, naming the adapter, the source and the key. */
export function optionsError(kind: CollectorKind, id: unknown, key: string, reason: string): EmwatchError {
  const source = typeof id === 'string' && id.trim() !== '' ? ` [${id}]` : '';
  return new EmwatchError('EMW_COLLECTOR_OPTIONS', `[emwatch] [${kind}]${source} option ${key} ${reason}`);
}

const show = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 100 ? `${text.slice(0, 97)}…` : text;
};

/**
 * Checks the options shared by the polling adapters once, at construction: a non-empty `id`, an
 * absolute http(s) `url`, a known `sourceKind`, and `allowPrivate` as a boolean or a list of host
 * names. Throws `EMW_COLLECTOR_OPTIONS` naming the key and the value.
 */
export function checkPollingOptions(kind: CollectorKind, options: PollingOptionsInput | undefined): void {
  if (typeof options !== 'object' || options === null)
    throw new EmwatchError('EMW_COLLECTOR_OPTIONS', `[emwatch] [${kind}] options must be an object`);
  const { id, url, sourceKind, allowPrivate } = options;
  if (typeof id !== 'string' || id.trim() === '') throw optionsError(kind, id, 'id', 'must be a non-empty string');
  if (typeof url !== 'string') throw optionsError(kind, id, 'url', `must be an absolute http(s) URL, got ${show(url)}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw optionsError(kind, id, 'url', `must be an absolute http(s) URL, got ${show(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw optionsError(kind, id, 'url', `must use http or https, got ${show(url)}`);
  if (sourceKind !== undefined && !isSourceKind(sourceKind))
    throw optionsError(kind, id, 'sourceKind', `must be one of ${SOURCE_KINDS.join(', ')}, got ${show(sourceKind)}`);
  if (
    allowPrivate !== undefined &&
    typeof allowPrivate !== 'boolean' &&
    !(Array.isArray(allowPrivate) && allowPrivate.every((host) => typeof host === 'string' && host !== ''))
  )
    throw optionsError(
      kind,
      id,
      'allowPrivate',
      `must be a boolean or a list of host names, got ${show(allowPrivate)}`,
    );
}

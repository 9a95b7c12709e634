/**
 * The base of every error emwatch throws: a stable machine-readable `code` and a message that
 * names the input and what was wrong with it.
 *
 * @example
 * try { createRegionPack(options) } catch (error) {
 *   if (error instanceof EmwatchError && error.code === 'EMW_REGION_INVALID') console.error(error.message);
 * }
 */
export class EmwatchError extends Error {
  /** Stable identifier of the kind of failure, e.g. `'EMW_REGION_INVALID'`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmwatchError';
    this.code = code;
  }
}

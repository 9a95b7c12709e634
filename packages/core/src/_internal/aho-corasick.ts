/** A word to look for, with what to report when it is found. */
export interface MatcherPattern<T> {
  /** The exact text to find (UTF-16 code units; empty patterns are ignored). */
  readonly text: string;
  /** What a match of this pattern reports. */
  readonly value: T;
}

/** One occurrence of a pattern. */
export interface MatcherMatch<T> {
  /** Offset of the first code unit of the occurrence. */
  readonly start: number;
  /** Offset just past the occurrence, so `text.slice(start, end)` is the pattern. */
  readonly end: number;
  /** The pattern's value. */
  readonly value: T;
}

/** A compiled set of patterns that finds all of them in one pass over a text. */
export interface Matcher<T> {
  /**
   * Every occurrence of every pattern, overlapping ones included, ordered by `end` and, at the
   * same `end`, longest first.
   */
  findAll(text: string): MatcherMatch<T>[];
}

/**
 * Compiles patterns into an Aho–Corasick automaton, so that finding all of them costs one pass
 * over the text however many patterns there are. Build it once and reuse it.
 *
 * @example
 * ```ts
 * const matcher = createMatcher([
 *   { text: '东乌', value: 'alias' },
 *   { text: '东乌珠穆沁旗', value: 'name' },
 * ]);
 * matcher.findAll('东乌珠穆沁旗'); // [{ start: 0, end: 2, value: 'alias' }, { start: 0, end: 6, value: 'name' }]
 * ```
 */
export function createMatcher<T>(patterns: readonly MatcherPattern<T>[]): Matcher<T> {
  const transitions: Map<number, number>[] = [new Map()];
  const own: number[][] = [[]];
  patterns.forEach((pattern, index) => {
    if (pattern.text.length === 0) return;
    let state = 0;
    for (let i = 0; i < pattern.text.length; i++) {
      const code = pattern.text.charCodeAt(i);
      let next = transitions[state].get(code);
      if (next === undefined) {
        next = transitions.length;
        transitions.push(new Map());
        own.push([]);
        transitions[state].set(code, next);
      }
      state = next;
    }
    own[state].push(index);
  });

  // Breadth-first, so a state's failure target (always shallower) is complete before the state.
  const failure = new Int32Array(transitions.length);
  const outputs: number[][] = own.slice();
  const queue: number[] = [...transitions[0].values()];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    for (const [code, next] of transitions[state]) {
      let fallback = failure[state];
      while (fallback !== 0 && !transitions[fallback].has(code)) fallback = failure[fallback];
      const target = transitions[fallback].get(code);
      failure[next] = target !== undefined && target !== next ? target : 0;
      // Longest first: this state's own patterns, then the shorter suffixes reached by failure.
      const inherited = outputs[failure[next]];
      if (inherited.length > 0) outputs[next] = [...own[next], ...inherited];
      queue.push(next);
    }
  }

  return {
    findAll(text: string): MatcherMatch<T>[] {
      const matches: MatcherMatch<T>[] = [];
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        let next = transitions[state].get(code);
        while (next === undefined && state !== 0) {
          state = failure[state];
          next = transitions[state].get(code);
        }
        state = next ?? 0;
        const found = outputs[state];
        for (const index of found) {
          const pattern = patterns[index];
          matches.push({ start: i + 1 - pattern.text.length, end: i + 1, value: pattern.value });
        }
      }
      return matches;
    },
  };
}

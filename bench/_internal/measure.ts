/** Result of timing one function. */
export interface Measurement {
  readonly name: string;
  readonly opsPerSecond: number;
}

/**
 * Runs `fn` repeatedly for about `budgetMs` after a warm-up and returns operations per second.
 * Machines here are noisy, so benchmarks report ratios against a baseline timed in the same run.
 */
export function measure(name: string, fn: () => unknown, budgetMs = 500): Measurement {
  for (let i = 0; i < 1000; i++) fn();
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < 100; i++) fn();
    ops += 100;
    elapsed = performance.now() - start;
  }
  return { name, opsPerSecond: (ops / elapsed) * 1000 };
}

/** Prints a measurement against its baseline as one line: ops/s and the speed-up ratio. */
export function report(subject: Measurement, baseline: Measurement): void {
  const ratio = subject.opsPerSecond / baseline.opsPerSecond;
  console.log(
    `${subject.name}: ${Math.round(subject.opsPerSecond).toLocaleString('en')} ops/s, ` +
      `${ratio.toFixed(1)}× ${baseline.name} (${Math.round(baseline.opsPerSecond).toLocaleString('en')} ops/s)`,
  );
}

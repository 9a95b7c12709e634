/**
 * The Poisson upper tail P(X ≥ k) for X ~ Poisson(λ), accurate down to about 1e-300 so that
 * very unusual counts stay comparable (a naive 1 − Σ P(X = i) cancels to 0 below ~1e-16).
 *
 * P(X ≥ k) equals the regularised lower incomplete gamma function P(k, λ), evaluated in log
 * space: by its power series when λ < k + 1 (the usual case for a burst: more than expected),
 * else as 1 − Q(k, λ) by Lentz's continued fraction (Numerical Recipes, §6.2).
 *
 * @example
 * poissonUpperTail(0, 2); // 1
 * poissonUpperTail(10, 0.5); // ≈ 1.7e-10
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (!(lambda > 0)) return 0;
  const a = k;
  const x = lambda;
  const logPrefactor = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series: P(a, x) = e^{-x} x^a / Γ(a + 1) · Σ_n x^n / ((a + 1)…(a + n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n += 1) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return Math.min(1, Math.exp(logPrefactor + Math.log(sum)));
  }
  // Continued fraction for Q(a, x); P = 1 − Q.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefactor + Math.log(h)));
}

/**
 * ln Γ(x) for x > 0: Stirling's series (error below 1e-15 from x = 15 on), shifted up by the
 * recurrence Γ(x) = Γ(x + 1) / x for smaller arguments.
 *
 * @example
 * logGamma(5); // ln 24 ≈ 3.178
 */
export function logGamma(x: number): number {
  let shift = 0;
  let y = x;
  while (y < 15) {
    shift += Math.log(y);
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return (y - 0.5) * Math.log(y) - y + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

/**
 * Chebyshev series of a smooth function on an interval, for evaluating one expensive function at many points:
 * sampled at the n Chebyshev extrema, turned into coefficients by the discrete cosine sum, evaluated by Clenshaw's
 * recurrence (n multiply-adds, no division). For a function analytic in a strip |Im t| < d around the interval the
 * error falls like ρ^(−n), ρ = d/h + √(1 + d²/h²) for half-length h (Trefethen, "Approximation Theory and
 * Approximation Practice", 2013, ch. 8). A series is kept only when it checks out (see `fit`).
 */

/** A Chebyshev series on [lo, hi]. */
export class ChebyshevSeries {
  private constructor(
    readonly lo: number,
    readonly hi: number,
    private readonly coef: Float64Array,
  ) {}

  /**
   * The series through f at `n` Chebyshev extrema of [lo, hi], or undefined unless it agrees with f to `relTol`
   * (relative to |f|) at four points between nodes — the two outermost gaps at each end, where the error of an
   * interpolant at these nodes is largest, and two inner ones — and its last two coefficients are below `relTol`
   * of the largest: a function the nodes do not resolve gets no series, and its caller evaluates f directly.
   */
  static fit(f: (t: number) => number, lo: number, hi: number, n: number, relTol: number): ChebyshevSeries | undefined {
    if (!(hi > lo) || !(n >= 4)) return undefined;
    const m = n - 1;
    const mid = (lo + hi) / 2;
    const half = (hi - lo) / 2;
    const values = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const v = f(mid + half * Math.cos((Math.PI * j) / m));
      if (!Number.isFinite(v)) return undefined;
      values[j] = v;
    }
    // c_k = (2/m) Σ''_j f_j cos(π j k / m) (first and last terms halved); c_0 and c_m halved again for the series.
    const cos = cosines(m);
    const coef = new Float64Array(n);
    let largest = 0;
    for (let k = 0; k < n; k++) {
      let sum = 0.5 * (values[0] + (k % 2 === 0 ? values[m] : -values[m]));
      for (let j = 1; j < m; j++) sum += values[j] * cos[(j * k) % (2 * m)];
      coef[k] = ((k === 0 || k === m ? 1 : 2) * sum) / m;
      largest = Math.max(largest, Math.abs(coef[k]));
    }
    if (!(Math.max(Math.abs(coef[m]), Math.abs(coef[m - 1])) <= relTol * largest)) return undefined;
    // Coefficients past the last one above relTol/100 of the largest change no value by more than their sum: dropped,
    // so an evaluation costs what the function needs, not what was sampled.
    let used = n;
    while (used > 2 && Math.abs(coef[used - 1]) <= 0.01 * relTol * largest) used--;
    const series = new ChebyshevSeries(lo, hi, coef.slice(0, used));
    for (const theta of [0.5, m - 0.5, m / 3 + 0.5, (2 * m) / 3 + 0.5]) {
      const t = mid + half * Math.cos((Math.PI * theta) / m);
      const exact = f(t);
      if (!(Math.abs(series.at(t) - exact) <= relTol * Math.abs(exact))) return undefined;
    }
    return series;
  }

  /** The series at t (lo ≤ t ≤ hi). */
  at(t: number): number {
    const c = this.coef;
    const y = (2 * t - this.lo - this.hi) / (this.hi - this.lo);
    const y2 = 2 * y;
    let b1 = 0;
    let b2 = 0;
    for (let k = c.length - 1; k >= 1; k--) {
      const b0 = c[k] + y2 * b1 - b2;
      b2 = b1;
      b1 = b0;
    }
    return c[0] + y * b1 - b2;
  }
}

/** cos(π i / m) for i = 0 … 2m − 1, made once per m (the coefficient sums would otherwise call cos n² times). */
const cosineTables = new Map<number, Float64Array>();
function cosines(m: number): Float64Array {
  let table = cosineTables.get(m);
  if (!table) {
    table = Float64Array.from({ length: 2 * m }, (_, i) => Math.cos((Math.PI * i) / m));
    cosineTables.set(m, table);
  }
  return table;
}

/** Neumaier-compensated `sum[k] += v` (compensation kept in `comp[k]`): money totals over many rows keep their cents. */
export function neumaierAdd(sum: Float64Array, comp: Float64Array, k: number, v: number): void {
  const s = sum[k];
  const t = s + v;
  comp[k] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
  sum[k] = t;
}

/**
 * Sums amounts per key (e.g. a customers column beside an amounts column) so that concentration is measured
 * on customers, not rows. Keys are compared as given (callers normalise customer keys first). O(n).
 */
export function sumByKey(keys: ArrayLike<string>, amounts: ArrayLike<number>): { keys: string[]; totals: Float64Array } {
  const index = new Map<string, number>();
  const outKeys: string[] = [];
  const totals: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    let k = index.get(keys[i]);
    if (k === undefined) {
      k = outKeys.length;
      index.set(keys[i], k);
      outKeys.push(keys[i]);
      totals.push(0);
    }
    totals[k] += amounts[i];
  }
  return { keys: outKeys, totals: Float64Array.from(totals) };
}

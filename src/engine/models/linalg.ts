/**
 * Small dense symmetric matrices (the models have 2–4 parameters): Cholesky factor, solve, inverse. Matrices are
 * arrays of rows.
 */

/** Lower-triangular L with A = L·Lᵀ, or undefined unless A is (numerically) positive definite. */
export function cholesky(a: readonly (readonly number[])[]): number[][] | undefined {
  const n = a.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return undefined;
        l[i][i] = Math.sqrt(sum);
      } else l[i][j] = sum / l[j][j];
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b. */
export function choleskySolve(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = l.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i][k] * y[k];
    y[i] = sum / l[i][i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= l[k][i] * y[k];
    y[i] = sum / l[i][i];
  }
  return y;
}

/** Inverse of a symmetric positive-definite matrix, or undefined when it is not positive definite. */
export function invertSpd(a: readonly (readonly number[])[]): number[][] | undefined {
  const l = cholesky(a);
  if (!l) return undefined;
  const n = a.length;
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = choleskySolve(l, e);
    for (let i = 0; i < n; i++) inv[i][j] = col[i];
  }
  // Symmetrise (rounding leaves the two triangles a few ulps apart).
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inv[i][j] = inv[j][i] = (inv[i][j] + inv[j][i]) / 2;
  return inv;
}

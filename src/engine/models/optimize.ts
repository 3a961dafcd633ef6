/**
 * Nelder–Mead simplex minimisation with restarts: the optimizer for the model likelihoods (fitted on
 * log-parameters, so the search space is unconstrained).
 *
 * References: Nelder & Mead (1965), "A simplex method for function minimization", Computer Journal 7,
 * 308–313; the step sequence follows Lagarias, Reeds, Wright & Wright (1998), SIAM J. Optim. 9, 112–147;
 * the dimension-adaptive coefficients are Gao & Han (2012), Comput. Optim. Appl. 51, 259–277. A converged
 * simplex can sit on a false minimum (it may collapse), so after convergence the search restarts from the best
 * point with a fresh simplex; it is declared converged only when a restart no longer improves the value.
 */

export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate (default 0.5; the models use log-parameters, so 0.5 is ×1.65). */
  step?: number;
  /** Convergence: all simplex values within fTol of the best (absolute; default 1e-10). */
  fTol?: number;
  /** Convergence: all simplex vertices within xTol of the best in every coordinate (default 1e-7). */
  xTol?: number;
  /** Iteration budget over all restarts (default 200 per dimension). */
  maxIterations?: number;
  /** Restarts after the first convergence (default 5); a restart that improves by less than fTol ends the search. */
  maxRestarts?: number;
  /** Simplex edge for restarts (default step / 5: large enough to leave a collapsed simplex, small enough to re-converge fast). */
  restartStep?: number;
}

export interface NelderMeadResult {
  /** Best point found. */
  x: Float64Array;
  /** f(x). */
  f: number;
  /** Simplex iterations over all restarts. */
  iterations: number;
  /** Function evaluations. */
  evaluations: number;
  /** True when the simplex met both tolerances and a fresh restart could not improve on it. */
  converged: boolean;
  /** Restarts performed. */
  restarts: number;
}

/**
 * Minimises f from x0. f may return +Infinity (or NaN, treated as +Infinity) outside its domain; the start
 * must be finite. Running time: one or two evaluations of f per iteration, plus n+1 per (re)start.
 *
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + 10 * (y + 2) ** 2, [0, 0]).x // ≈ [1, −2]
 */
export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, opts: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const step = opts.step ?? 0.5;
  const fTol = opts.fTol ?? 1e-10;
  const xTol = opts.xTol ?? 1e-7;
  const maxIterations = opts.maxIterations ?? 200 * n;
  const maxRestarts = opts.maxRestarts ?? 5;
  const restartStep = opts.restartStep ?? step / 5;
  // Gao & Han (2012) adaptive coefficients: reflection, expansion, contraction, shrink.
  const rho = 1;
  const chi = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;

  let evaluations = 0;
  const evalF = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };

  const simplex: Float64Array[] = [];
  for (let i = 0; i <= n; i++) simplex.push(new Float64Array(n));
  const values = new Float64Array(n + 1);
  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);

  const best = Float64Array.from(x0);
  let bestF = evalF(best);
  if (!Number.isFinite(bestF)) {
    return { x: best, f: bestF, iterations: 0, evaluations, converged: false, restarts: 0 };
  }

  let iterations = 0;
  let restarts = 0;
  let converged = false;

  for (;;) {
    // (Re)build the simplex around the best point.
    simplex[0].set(best);
    values[0] = bestF;
    for (let i = 1; i <= n; i++) {
      simplex[i].set(best);
      simplex[i][i - 1] += restarts === 0 ? step : restartStep;
      values[i] = evalF(simplex[i]);
    }
    const startF = bestF;
    let simplexConverged = false;

    while (iterations < maxIterations) {
      // Sort vertex indices by value (n is tiny: insertion sort).
      for (let i = 0; i <= n; i++) order[i] = i;
      for (let i = 1; i <= n; i++) {
        const oi = order[i];
        let j = i - 1;
        while (j >= 0 && values[order[j]] > values[oi]) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = oi;
      }
      const lo = order[0];
      const hi = order[n];
      const second = order[n - 1];

      // Convergence test (as scipy's fmin): spread of values and of vertices around the best.
      let fSpread = 0;
      let xSpread = 0;
      for (let i = 1; i <= n; i++) {
        const vi = order[i];
        fSpread = Math.max(fSpread, Math.abs(values[vi] - values[lo]));
        for (let k = 0; k < n; k++) xSpread = Math.max(xSpread, Math.abs(simplex[vi][k] - simplex[lo][k]));
      }
      if (fSpread <= fTol && xSpread <= xTol) {
        simplexConverged = true;
        break;
      }
      iterations++;

      centroid.fill(0);
      for (let i = 0; i < n; i++) {
        const v = simplex[order[i]];
        for (let k = 0; k < n; k++) centroid[k] += v[k] / n;
      }
      const worst = simplex[hi];
      for (let k = 0; k < n; k++) xr[k] = centroid[k] + rho * (centroid[k] - worst[k]);
      const fr = evalF(xr);

      if (fr < values[lo]) {
        for (let k = 0; k < n; k++) xe[k] = centroid[k] + chi * (xr[k] - centroid[k]);
        const fe = evalF(xe);
        if (fe < fr) {
          worst.set(xe);
          values[hi] = fe;
        } else {
          worst.set(xr);
          values[hi] = fr;
        }
        continue;
      }
      if (fr < values[second]) {
        worst.set(xr);
        values[hi] = fr;
        continue;
      }
      // Contraction: outside when the reflected point beats the worst, inside otherwise.
      let shrink = false;
      if (fr < values[hi]) {
        for (let k = 0; k < n; k++) xc[k] = centroid[k] + gamma * (xr[k] - centroid[k]);
        const fc = evalF(xc);
        if (fc <= fr) {
          worst.set(xc);
          values[hi] = fc;
        } else shrink = true;
      } else {
        for (let k = 0; k < n; k++) xc[k] = centroid[k] + gamma * (worst[k] - centroid[k]);
        const fc = evalF(xc);
        if (fc < values[hi]) {
          worst.set(xc);
          values[hi] = fc;
        } else shrink = true;
      }
      if (shrink) {
        const b = simplex[lo];
        for (let i = 0; i <= n; i++) {
          if (i === lo) continue;
          const v = simplex[i];
          for (let k = 0; k < n; k++) v[k] = b[k] + sigma * (v[k] - b[k]);
          values[i] = evalF(v);
        }
      }
    }

    let lo = 0;
    for (let i = 1; i <= n; i++) if (values[i] < values[lo]) lo = i;
    if (values[lo] < bestF) {
      bestF = values[lo];
      best.set(simplex[lo]);
    }
    if (!simplexConverged) break; // budget exhausted: not converged
    if (restarts > 0 && startF - bestF <= fTol) {
      converged = true;
      break;
    }
    if (restarts >= maxRestarts) break; // still improving after every restart: not converged
    restarts++;
  }

  return { x: best, f: bestF, iterations, evaluations, converged, restarts };
}

/**
 * Nelder–Mead settings for the fits, on log-parameters: a first simplex of edge 1 (×e), restarts with edge 0.05,
 * converged when the mean negative log-likelihood varies by ≤ 1e-9 over the simplex and the vertices agree to
 * 1e-5 (relative 1e-5 on the parameters — far below their standard errors).
 */
export const NM_OPTIONS = (maxIterations: number) => ({ step: 1, restartStep: 0.05, fTol: 1e-9, xTol: 1e-5, maxIterations, maxRestarts: 6 });

/** Central-difference gradient (used to confirm a reported optimum). */
export function gradient(f: (x: Float64Array) => number, x: Float64Array, h: number): number[] {
  const g: number[] = [];
  const y = Float64Array.from(x);
  for (let k = 0; k < x.length; k++) {
    y[k] = x[k] + h;
    const fp = f(y);
    y[k] = x[k] - h;
    const fm = f(y);
    y[k] = x[k];
    g.push((fp - fm) / (2 * h));
  }
  return g;
}

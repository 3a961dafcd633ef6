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
import { cholesky, choleskySolve } from "./linalg";

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
  /** Checked on the best vertex every iteration; true ends the search unconverged (e.g. a parameter running off to ∞). */
  stopWhen?: (best: Float64Array) => boolean;
  /**
   * When the simplex has shrunk to this spread (and again at each tenth of it), fit a quadratic through a
   * simplex and its edge midpoints and jump to the quadratic's minimum (Nelder & Mead 1965, "the Hessian
   * matrix": a quadratic surface through the final simplex), repeating until the jump is within xTol
   * (`quadraticPolish`). Near a smooth minimum this replaces the slow final contractions, and the fresh
   * simplexes double as the restart check. If the model is not convex, the simplex search simply goes on.
   * Default: off.
   */
  quadraticAt?: number;
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
  /** True when `stopWhen` ended the search. */
  stopped: boolean;
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
    return { x: best, f: bestF, iterations: 0, evaluations, converged: false, restarts: 0, stopped: false };
  }

  let iterations = 0;
  let restarts = 0;
  let converged = false;
  let stopped = false;
  let polished = false;

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
    let nextQuadraticAt = opts.quadraticAt ?? -1;

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
      if (opts.stopWhen && opts.stopWhen(simplex[lo])) {
        stopped = true;
        break;
      }
      if (opts.quadraticAt !== undefined && xSpread <= nextQuadraticAt) {
        nextQuadraticAt = xSpread / 10;
        const q = quadraticPolish(evalF, simplex[lo], values[lo], xSpread, fTol, xTol);
        if (q.f < values[lo]) {
          bestF = q.f;
          best.set(q.x);
        }
        if (q.converged) {
          polished = true;
          break;
        }
        // Not there yet: carry on with a fresh simplex around the better point.
        for (let i = 0; i <= n; i++) {
          simplex[i].set(q.x);
          if (i > 0) simplex[i][i - 1] += q.edge;
          values[i] = i === 0 ? q.f : evalF(simplex[i]);
        }
        continue;
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

    if (polished) {
      converged = true;
      break;
    }
    let lo = 0;
    for (let i = 1; i <= n; i++) if (values[i] < values[lo]) lo = i;
    if (values[lo] < bestF) {
      bestF = values[lo];
      best.set(simplex[lo]);
    }
    if (!simplexConverged) break; // budget exhausted or stopped: not converged
    if (restarts > 0 && startF - bestF <= fTol) {
      converged = true;
      break;
    }
    if (restarts >= maxRestarts) break; // still improving after every restart: not converged
    restarts++;
  }

  return { x: best, f: bestF, iterations, evaluations, converged, restarts, stopped };
}

/**
 * Quadratic polish (the local-model step of `quadraticAt`): builds a fresh coordinate simplex of edge e around
 * x, jumps to the minimum of the quadratic through it (`quadraticMinimum`), and repeats with e ≈ 2 × the step
 * just taken (the quadratic's error shrinks like e³, so steps shrink fast). Converged when a fresh, full-rank
 * quadratic model with a positive-definite Hessian puts the minimum within xTol of the point and lower by at
 * most fTol — the stationarity test the simplex size only approximates. At most 5 rounds.
 */
function quadraticPolish(f: (x: Float64Array) => number, x0: Float64Array, f0: number, edge0: number, fTol: number, xTol: number): { x: Float64Array; f: number; converged: boolean; edge: number } {
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let fx = f0;
  let edge = edge0;
  const simplex: Float64Array[] = [];
  const values = new Float64Array(n + 1);
  for (let round = 0; round < 5; round++) {
    simplex.length = 0;
    for (let i = 0; i <= n; i++) {
      const v = Float64Array.from(x);
      if (i > 0) v[i - 1] += edge;
      simplex.push(v);
      values[i] = i === 0 ? fx : f(v);
    }
    const q = quadraticMinimum(f, simplex, values, 0);
    if (!q) return { x, f: fx, converged: false, edge };
    let step = 0;
    for (let k = 0; k < n; k++) step = Math.max(step, Math.abs(q.x[k] - x[k]));
    const decrease = fx - q.f;
    if (q.f < fx) {
      x = q.x;
      fx = q.f;
    }
    if (step <= xTol && decrease <= fTol) return { x, f: fx, converged: true, edge };
    edge = Math.max(2 * step, 10 * xTol);
  }
  return { x, f: fx, converged: false, edge };
}

/**
 * Minimum of the quadratic through the simplex vertices P_0 (the best), P_i and the edge midpoints, as in Nelder
 * & Mead (1965): with P = P_0 + Q·u (Q's columns P_i − P_0), f(u) = y_0 + 2aᵀu + uᵀBu where
 * a_i = 2y_0i − (y_i + 3y_0)/2, b_ii = 2(y_i + y_0 − 2y_0i), b_ij = 2(y_ij + y_0 − y_0i − y_0j), y_ij the value at
 * (P_i + P_j)/2. The minimum is at u = −B⁻¹a; undefined (no jump) unless B is positive definite.
 */
function quadraticMinimum(f: (x: Float64Array) => number, simplex: Float64Array[], values: Float64Array, lo: number): { x: Float64Array; f: number } | undefined {
  const n = simplex.length - 1;
  const p0 = simplex[lo];
  const others = simplex.filter((_, i) => i !== lo);
  const y0 = values[lo];
  const yi = Float64Array.from(others, (p) => values[simplex.indexOf(p)]);
  const mid = new Float64Array(p0.length);
  const at = (p: Float64Array, q: Float64Array) => {
    for (let k = 0; k < mid.length; k++) mid[k] = (p[k] + q[k]) / 2;
    return f(mid);
  };
  const y0i = Float64Array.from(others, (p) => at(p0, p));
  const a = new Float64Array(n);
  const B: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    a[i] = 2 * y0i[i] - (yi[i] + 3 * y0) / 2;
    B.push(new Float64Array(n));
    B[i][i] = 2 * (yi[i] + y0 - 2 * y0i[i]);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      B[i][j] = B[j][i] = 2 * (at(others[i], others[j]) + y0 - y0i[i] - y0i[j]);
    }
  }
  // Cholesky B = LLᵀ; fails (no jump) unless positive definite.
  const L: Float64Array[] = B.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = B[i][j];
      for (let k = 0; k < j; k++) sum -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(sum > 0)) return undefined;
        L[i][i] = Math.sqrt(sum);
      } else L[i][j] = sum / L[j][j];
    }
  }
  // Solve B u = −a.
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = -a[i];
    for (let k = 0; k < i; k++) sum -= L[i][k] * u[k];
    u[i] = sum / L[i][i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = u[i];
    for (let k = i + 1; k < n; k++) sum -= L[k][i] * u[k];
    u[i] = sum / L[i][i];
  }
  const x = Float64Array.from(p0);
  for (let i = 0; i < n; i++) for (let k = 0; k < x.length; k++) x[k] += (others[i][k] - p0[k]) * u[i];
  const fx = f(x);
  return Number.isFinite(fx) ? { x, f: fx } : undefined;
}

/**
 * Nelder–Mead settings for the fits, on log-parameters: a first simplex of edge 1 (×e); the quadratic polish
 * from a spread of 0.1; converged when the mean negative log-likelihood is within 1e-9 and the parameters within
 * 1e-5 (relative; far below their standard errors) of the minimum — by the simplex or by a fresh quadratic
 * model; restarts with edge 0.01 when the simplex path ends; stopped early once a parameter has clearly run off
 * towards 0 or ∞.
 */
export const NM_OPTIONS = (maxIterations: number, logBound: number) => ({
  step: 1,
  restartStep: 0.01,
  quadraticAt: 0.1,
  fTol: 1e-9,
  xTol: 1e-5,
  maxIterations,
  maxRestarts: 6,
  // A log-parameter beyond ±(logBound + 2) is running to 0 or ∞: the fit is reported atBoundary, so stop there.
  stopWhen: (best: Float64Array) => best.some((v) => Math.abs(v) > logBound + 2),
});

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

/**
 * Runs Nelder–Mead (NM_OPTIONS) from each start in turn until one converges inside ±logBound, sharing one
 * iteration budget; returns the best point found. `firstStep` sets the first start's simplex edge (small when
 * that start is already a good estimate). Two runs that both ran off to a boundary end the search (counting
 * `boundaryRunsBefore`, e.g. a Newton phase that ran off before): the
 * data then have no interior maximum to find.
 */
export function multiStart(
  objective: (theta: Float64Array) => number,
  starts: number[][],
  maxIterations: number,
  logBound: number,
  firstStep?: number,
  overrides: Partial<NelderMeadOptions> = {},
  boundaryRunsBefore = 0,
): { theta: Float64Array; f: number; converged: boolean; iterations: number } {
  let best: { theta: Float64Array; f: number; converged: boolean } | undefined;
  let iterations = 0;
  let boundaryRuns = boundaryRunsBefore;
  for (const [k, start] of starts.entries()) {
    const budget = maxIterations - iterations;
    if (budget <= 0) break;
    const options = { ...NM_OPTIONS(budget, logBound), ...overrides };
    if (k === 0 && firstStep !== undefined) options.step = firstStep;
    const res = nelderMead(objective, start, options);
    iterations += res.iterations;
    if (!best || res.f < best.f) best = { theta: res.x, f: res.f, converged: res.converged };
    if (best.converged && !best.theta.some((v) => Math.abs(v) > logBound)) break;
    if (res.stopped && ++boundaryRuns >= 2) break;
  }
  if (!best) throw new Error("multiStart: no start given");
  return { ...best, iterations };
}

/** A gradient and Hessian in parameters θ. */
export interface Derivatives {
  gradient: number[];
  hessian: number[][];
}

/**
 * Derivatives in θ taken to u = ln θ: ∂/∂u_k = θ_k ∂/∂θ_k and ∂²/∂u_k∂u_l = θ_k θ_l ∂²/∂θ_k∂θ_l + [k = l] θ_k ∂/∂θ_k.
 */
export function inLogParameters(theta: readonly number[], d: Derivatives): Derivatives {
  const gradient = theta.map((t, k) => t * d.gradient[k]);
  return { gradient, hessian: theta.map((tk, k) => theta.map((tl, l) => tk * tl * d.hessian[k][l] + (k === l ? gradient[k] : 0))) };
}

/**
 * The fits' objective −ΣlnL/W + penalizer·Σθ² (mean negative log-likelihood plus lifetimes' L2 penalty), differentiated
 * in u = ln θ from the log-likelihood's derivatives `ll` in θ.
 */
export function fitObjectiveDerivatives(theta: readonly number[], ll: Derivatives, weight: number, penalizer: number): Derivatives {
  return inLogParameters(theta, {
    gradient: theta.map((t, k) => -ll.gradient[k] / weight + 2 * penalizer * t),
    hessian: ll.hessian.map((row, k) => row.map((v, l) => -v / weight + (k === l ? 2 * penalizer : 0))),
  });
}

/**
 * Gradient and Hessian of f at x by central differences with step h: f(x ± h·e_i) for the gradient and the
 * diagonal, f(x + h·e_i + h·e_j) and f(x − h·e_i − h·e_j) for each pair (1 + 2n + n(n−1) evaluations; error O(h²)).
 */
export function centralDerivatives(f: (x: Float64Array) => number, x: ArrayLike<number>, h: number, fx = f(Float64Array.from(x))): { gradient: number[]; hessian: number[][] } {
  const n = x.length;
  const y = Float64Array.from(x);
  const fp = new Array<number>(n);
  const fm = new Array<number>(n);
  const gradient = new Array<number>(n);
  const hessian: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    y[i] = x[i] + h;
    fp[i] = f(y);
    y[i] = x[i] - h;
    fm[i] = f(y);
    y[i] = x[i];
    gradient[i] = (fp[i] - fm[i]) / (2 * h);
    hessian[i][i] = (fp[i] - 2 * fx + fm[i]) / (h * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      y[i] = x[i] + h;
      y[j] = x[j] + h;
      const fpp = f(y);
      y[i] = x[i] - h;
      y[j] = x[j] - h;
      const fmm = f(y);
      y[i] = x[i];
      y[j] = x[j];
      hessian[i][j] = hessian[j][i] = (fpp - fp[i] - fp[j] + 2 * fx - fm[i] - fm[j] + fmm) / (2 * h * h);
    }
  }
  return { gradient, hessian };
}

export interface NewtonResult {
  x: Float64Array;
  f: number;
  /** A step below xTol changed f by at most fTol, with a positive-definite Hessian. */
  converged: boolean;
  evaluations: number;
  /** Newton steps taken. */
  steps: number;
  /** True when `stopWhen` ended the search (e.g. a parameter running off to 0 or ∞). */
  stopped: boolean;
  /** The last Hessian of f (at the point before the last step; at x itself when converged, to within xTol). */
  hessian?: number[][];
}

/**
 * Newton's method on a smooth function near its minimum, with central-difference derivatives (step h): each step
 * solves H·d = −g (H damped towards a gradient step where it is not positive definite), is capped at `maxStep`
 * in every coordinate and halved until f decreases. It gives up (not converged) when no halving decreases f, the
 * Hessian needed damping more than `maxDampedSteps` times (default 3), or the step budget runs out: the caller then
 * goes on with Nelder–Mead. Used after a short Nelder–Mead run: from there two to four steps reach the minimum, where
 * Nelder–Mead would crawl along the likelihood's curved valley.
 */
export function newtonMinimize(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  opts: {
    h?: number;
    maxSteps?: number;
    xTol?: number;
    fTol?: number;
    maxStep?: number;
    decrementTol?: number;
    maxDampedSteps?: number;
    stopWhen?: (x: Float64Array) => boolean;
    /** f's gradient and Hessian at x when known in closed form (undefined: central differences are taken). */
    derivatives?: (x: Float64Array) => Derivatives | undefined;
  } = {},
): NewtonResult {
  const h = opts.h ?? 1e-3;
  const maxSteps = opts.maxSteps ?? 10;
  const xTol = opts.xTol ?? 1e-7;
  const fTol = opts.fTol ?? 1e-12;
  const maxStep = opts.maxStep ?? 2;
  const decrementTol = opts.decrementTol ?? 1e-10;
  const maxDamped = opts.maxDampedSteps ?? 3;
  let dampedSteps = 0;
  let evaluations = 0;
  const evalF = (y: Float64Array) => {
    evaluations++;
    const v = f(y);
    return Number.isNaN(v) ? Infinity : v;
  };
  let x = Float64Array.from(x0);
  let fx = evalF(x);
  let hessian: number[][] | undefined;
  let step = 0;
  for (; step < maxSteps && Number.isFinite(fx); step++) {
    if (opts.stopWhen?.(x)) return { x, f: fx, converged: false, evaluations, steps: step, stopped: true, hessian };
    const d = opts.derivatives?.(x) ?? centralDerivatives(evalF, x, h, fx);
    hessian = d.hessian;
    // Where the Hessian is not positive definite (still far from the minimum), damp it towards gradient descent
    // (Levenberg–Marquardt: H + λI with λ raised tenfold until the factorisation succeeds).
    let l = cholesky(d.hessian);
    const scale = Math.max(...d.hessian.map((row, i) => Math.abs(row[i])), 1e-12);
    for (let lambda = 1e-3 * scale; !l && lambda <= 1e6 * scale; lambda *= 10) l = cholesky(d.hessian.map((row, i) => row.map((v, j) => (i === j ? v + lambda : v))));
    if (!l) return { x, f: fx, converged: false, evaluations, steps: step, stopped: false, hessian };
    const damped = cholesky(d.hessian) === undefined;
    // Repeatedly not convex: no minimum nearby (or a flat ridge towards a boundary); Nelder–Mead is better there.
    if (damped && ++dampedSteps > maxDamped) return { x, f: fx, converged: false, evaluations, steps: step, stopped: false, hessian };
    const dir = choleskySolve(
      l,
      d.gradient.map((g) => -g),
    );
    const longest = Math.max(...dir.map(Math.abs));
    // Newton decrement: the quadratic model's predicted decrease gᵀH⁻¹g/2. When it is below decrementTol and the step is
    // short (the model is accurate there), the full step lands on the minimum: take it and stop.
    const decrement = -d.gradient.reduce((sum, g, k) => sum + g * dir[k], 0) / 2;
    if (!damped && decrement <= decrementTol && longest <= 1e-3) {
      const y = Float64Array.from(x, (v, k) => v + dir[k]);
      const fy = evalF(y);
      if (fy <= fx + fTol) return { x: fy <= fx ? y : x, f: Math.min(fx, fy), converged: true, evaluations, steps: step + 1, stopped: false, hessian };
    }
    let t = longest > maxStep ? maxStep / longest : 1;
    let moved = false;
    for (let halvings = 0; halvings < 30 && !moved; halvings++, t /= 2) {
      const y = Float64Array.from(x, (v, k) => v + t * dir[k]);
      const fy = evalF(y);
      if (fy <= fx) {
        const decrease = fx - fy;
        x = y;
        fx = fy;
        moved = true;
        if (!damped && t * longest <= xTol && decrease <= fTol) return { x, f: fx, converged: true, evaluations, steps: step + 1, stopped: false, hessian };
      } else if (t * longest <= xTol) {
        // No decrease even within xTol: at the minimum up to rounding when the full step was that small.
        return { x, f: fx, converged: !damped && longest <= xTol, evaluations, steps: step + 1, stopped: false, hessian };
      }
    }
    if (!moved) break;
  }
  return { x, f: fx, converged: false, evaluations, steps: step, stopped: false, hessian };
}

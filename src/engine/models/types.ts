/** Shared shapes of the probabilistic models. */
import { gradient } from "./optimize";

/** A non-fatal finding about a fit (same shape as the analysis' Warning, so it can be passed through). */
export interface ModelWarning {
  readonly code:
    | "fewCustomers" // fewer than 30 customers: estimates are unreliable
    | "skippedCustomers" // rows with NaN inputs (customers without a purchase) were left out
    | "notConverged" // the optimizer stopped without meeting its tolerances
    | "atBoundary" // a parameter ran to 0 or ∞: the data do not identify the model (try a penalizer)
    | "spendCorrelated" // Gamma-Gamma: |Pearson r(frequency, monetary)| > 0.3
    | "qNotAboveOne"; // Gamma-Gamma: q ≤ 1, so expected spend is undefined
  readonly message: string;
}

/** Options shared by the fitters. */
export interface FitOptions<P> {
  /**
   * L2 penalizer as in lifetimes: the objective is −(Σ w·ll)/(Σ w) + penalizer·Σ θ², θ the parameters (for
   * BG/NBD with α in the rescaled time where max T = 1). Default 0. Typical useful values 0.001–0.1.
   */
  penalizer?: number;
  /** Starting parameters (original units). */
  init?: P;
  /** Nelder–Mead iteration budget over all starts and restarts (default 2000); a large data set's warm-start stage on a subsample has its own budget of the same size. */
  maxIter?: number;
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !ArrayBuffer.isView(o)) {
    for (const v of Object.values(o as object)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/**
 * The atBoundary warning when some log-parameter left [−bound, bound]: names each parameter and its direction.
 * An L2 penalizer only holds parameters back from ∞, so it is suggested only then.
 */
export function boundaryWarning(model: string, names: string[], theta: ArrayLike<number>, bound: number): ModelWarning | undefined {
  const toZero = names.filter((_, k) => theta[k] < -bound);
  const toInfinity = names.filter((_, k) => theta[k] > bound);
  if (toZero.length === 0 && toInfinity.length === 0) return undefined;
  const parts = [...toInfinity.map((n) => `${n} → ∞`), ...toZero.map((n) => `${n} → 0`)];
  return {
    code: "atBoundary",
    message: `${model}: ${parts.join(", ")} — the data do not identify the model, so these are not estimates${toInfinity.length > 0 ? "; a penalizer (e.g. 0.01) keeps parameters finite" : ""}.`,
  };
}

/**
 * What a repeat-purchase fit ends with, once the search has found `theta` (log-parameters, in the order of `names`):
 * the atBoundary warning; converged only inside the bounds with a finite objective and a gradient there of at most
 * 1e-3 (an honesty check by central differences); warnings for few and for skipped customers.
 */
export function fitVerdict(
  model: string,
  names: string[],
  theta: ArrayLike<number>,
  found: { searchTheta: Float64Array; f: number; converged: boolean; iterations: number },
  objective: (phi: Float64Array) => number,
  logBound: number,
  customers: { totalWeight: number; skipped: number },
): { converged: boolean; boundary: boolean; warnings: ModelWarning[] } {
  const warnings: ModelWarning[] = [];
  const boundary = boundaryWarning(model, names, theta, logBound);
  if (boundary) warnings.push(boundary);
  let converged = found.converged && Number.isFinite(found.f) && !boundary;
  if (!converged && !boundary) warnings.push({ code: "notConverged", message: `${model}: Nelder–Mead stopped after ${found.iterations} iterations without meeting its tolerances; the parameters are the best found, not a maximum.` });
  if (converged) {
    const gmax = Math.max(...gradient(objective, found.searchTheta, 1e-5).map(Math.abs));
    if (!(gmax <= 1e-3)) {
      converged = false;
      warnings.push({ code: "notConverged", message: `${model}: the optimizer stopped where the gradient is still ${gmax.toExponential(2)}; the parameters are not a maximum.` });
    }
  }
  if (customers.totalWeight < 30) warnings.push({ code: "fewCustomers", message: `${model} fitted on ${customers.totalWeight} customers (fewer than 30): the estimates are unreliable.` });
  if (customers.skipped > 0) warnings.push({ code: "skippedCustomers", message: `${customers.skipped} customers without a purchase occasion were left out of the ${model} fit.` });
  return { converged, boundary: boundary !== undefined, warnings };
}

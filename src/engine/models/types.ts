/** Shared shapes of the probabilistic models. */

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

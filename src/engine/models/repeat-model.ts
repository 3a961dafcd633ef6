/**
 * The three repeat-purchase models behind one face, so the backtest, the model choice and the intervals treat them
 * alike: P(alive) and cumulative expected purchases at several horizons for a customer history (x, t_x, T).
 */
import { RuleCache, pAliveUnchecked as bgnbdPAlive, type BgNbdParams } from "./bgnbd";
import type { NbdParams } from "./nbd";
import { cumulativeUnchecked as paretoNbdCumulative, pAliveUnchecked as paretoNbdPAlive, type ParetoNbdParams } from "./paretonbd";

export type RepeatModelName = "bgnbd" | "paretonbd" | "nbd";

export type RepeatModel = { readonly name: "bgnbd"; readonly params: BgNbdParams } | { readonly name: "paretonbd"; readonly params: ParetoNbdParams } | { readonly name: "nbd"; readonly params: NbdParams };

/** Display names. */
export const MODEL_LABEL: Readonly<Record<RepeatModelName, string>> = Object.freeze({ bgnbd: "BG/NBD", paretonbd: "Pareto/NBD", nbd: "NBD (no dropout)" });

export interface RepeatPredictor {
  readonly model: RepeatModel;
  /** P(alive | x, t_x, T); 1 for the NBD (an assumption of that model, not an estimate). */
  pAlive(x: number, tx: number, T: number): number;
  /**
   * Expected purchases in (T, T + h] for each horizon h of `horizons` (model time units), into `out`: the
   * conditional expectation E[Y(h) | x, t_x, T]. Returns P(alive), which it needs anyway.
   */
  cumulative(x: number, tx: number, T: number, horizons: ArrayLike<number>, out: Float64Array): number;
  /**
   * Announces the next `histories` calls of `cumulative`: frequency x, T in [minT, maxT], these horizons. A predictor
   * may tabulate what they share (BG/NBD: the expected purchases while alive as a function of horizon/(α+T)).
   */
  prepareFrequency?(x: number, minT: number, maxT: number, horizons: ArrayLike<number>, histories: number): void;
}

/**
 * A predictor for one parameter set (it caches per-frequency quadrature rules and series ratios for BG/NBD: keep one
 * per model, and ask frequency by frequency where there are many histories). Histories are not checked here: they
 * come from customerSummary or collectPatterns, which checked them.
 */
export function repeatPredictor(model: RepeatModel): RepeatPredictor {
  switch (model.name) {
    case "bgnbd": {
      const p = model.params;
      const rules = new RuleCache(p);
      return {
        model,
        pAlive: (x, tx, T) => bgnbdPAlive(p, x, tx, T),
        cumulative(x, tx, T, horizons, out) {
          const alive = bgnbdPAlive(p, x, tx, T);
          for (let i = 0; i < horizons.length; i++) out[i] = alive * rules.whileAlive(x, horizons[i] / (p.alpha + T));
          return alive;
        },
        prepareFrequency(x, minT, maxT, horizons, histories) {
          let shortest = Infinity;
          let longest = 0;
          for (let i = 0; i < horizons.length; i++) {
            shortest = Math.min(shortest, horizons[i]);
            longest = Math.max(longest, horizons[i]);
          }
          // The s = horizon/(α+T) of those calls, rounded as cumulative rounds them.
          rules.prepare(x, shortest / (p.alpha + maxT), longest / (p.alpha + minT), histories * horizons.length);
        },
      };
    }
    case "paretonbd": {
      const p = model.params;
      return {
        model,
        pAlive: (x, tx, T) => paretoNbdPAlive(p, x, tx, T),
        cumulative: (x, tx, T, horizons, out) => paretoNbdCumulative(p, x, tx, T, horizons, out),
      };
    }
    case "nbd": {
      const p = model.params;
      return {
        model,
        pAlive: () => 1,
        cumulative(x, _tx, T, horizons, out) {
          const rate = (p.r + x) / (p.alpha + T);
          for (let i = 0; i < horizons.length; i++) out[i] = rate * horizons[i];
          return 1;
        },
      };
    }
  }
}

/**
 * Discounted value of a customer's expected purchases over monthly horizons: Σ_i (E_i − E_{i−1}) · spend / (1+d)^i,
 * E_i the cumulative expected purchases at the end of month i (`cumulative[i−1]`), cash flows at the end of each
 * month (docs/metrics.md#customer-lifetime-value; clv.ts computes the same for BG/NBD); the first `months` entries.
 */
export function discountedValue(cumulative: ArrayLike<number>, spend: number, monthlyDiscount: number, months = cumulative.length): number {
  let value = 0;
  let previous = 0;
  let factor = 1;
  for (let i = 0; i < months; i++) {
    factor /= 1 + monthlyDiscount;
    value += (cumulative[i] - previous) * factor;
    previous = cumulative[i];
  }
  return value * spend;
}

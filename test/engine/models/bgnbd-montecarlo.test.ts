import { conditionalExpectedPurchases, expectedPurchasesNew, pAlive } from "../../../src/engine/models/bgnbd";
import { Rng, simulateFuturePurchases } from "./helpers";

/**
 * P(alive) and E[Y(t) | x, t_x, T] against Monte Carlo of the model itself. The posterior is sampled by
 * importance sampling: λ from Gamma(r+x, α+t_x) (the gamma–Poisson conjugate, wide enough to cover both
 * branches) and p from its Beta(a, b) prior; the weight of a draw is the individual likelihood of eq. (3) times
 * prior / proposal, which up to a constant is
 *   alive branch  (1−p)^x · e^(−λ (T − t_x)),    dropped-out branch  [x>0] · p (1−p)^(x−1).
 * P(alive) = Σ alive / Σ (alive + dropped); E[Y(t)] = Σ alive · Y / Σ (alive + dropped) with Y the purchases of
 * that (λ, p) customer simulated forward over t. Both are ratio estimators; their standard error is
 * √Σ (num_i − R·den_i)² / Σ den_i, and each check allows 4 of them (and requires them to be small, so the check
 * has teeth).
 */
const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function monteCarlo(seed: number, n: number, x: number, tx: number, T: number, t: number) {
  const rng = new Rng(seed);
  const { r, alpha, a, b } = params;
  const alive = new Float64Array(n);
  const den = new Float64Array(n);
  const future = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(r + x, alpha + tx);
    const p = rng.beta(a, b);
    const wA = Math.pow(1 - p, x) * Math.exp(-lambda * (T - tx));
    const wD = x > 0 ? p * Math.pow(1 - p, x - 1) : 0;
    alive[i] = wA;
    den[i] = wA + wD;
    future[i] = wA * simulateFuturePurchases(rng, lambda, p, t);
  }
  const ratio = (num: Float64Array) => {
    let sn = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      sn += num[i];
      sd += den[i];
    }
    const R = sn / sd;
    let v = 0;
    for (let i = 0; i < n; i++) v += (num[i] - R * den[i]) ** 2;
    return { value: R, se: Math.sqrt(v) / sd };
  };
  return { pAlive: ratio(alive), purchases: ratio(future) };
}

describe("BG/NBD P(alive) and conditional expectation vs Monte Carlo of the model", () => {
  it.each([
    // x, t_x, T (weeks), horizon t
    [0, 0, 38.86, 52],
    [2, 30.43, 38.86, 10],
    [5, 10, 38, 52],
    [7, 29.43, 38.86, 26],
  ])("x = %p, t_x = %p, T = %p, t = %p: within 4 standard errors", (x, tx, T, t) => {
    const mc = monteCarlo(1000 + x, 100_000, x, tx, T, t);
    const exactAlive = pAlive(params, x, tx, T);
    const exactPurchases = conditionalExpectedPurchases(params, t, x, tx, T);
    if (x === 0) expect(mc.pAlive.value).toBe(1);
    else {
      expect(mc.pAlive.se).toBeLessThan(0.01);
      expect(Math.abs(mc.pAlive.value - exactAlive)).toBeLessThan(4 * mc.pAlive.se);
    }
    expect(mc.purchases.se / exactPurchases).toBeLessThan(0.02);
    expect(Math.abs(mc.purchases.value - exactPurchases)).toBeLessThan(4 * mc.purchases.se);
  });

  it("expectedPurchasesNew (eq. 9) matches simulated new customers (100 000 each, within 4 standard errors)", () => {
    const rng = new Rng(77);
    const n = 100_000;
    for (const t of [10, 78]) {
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const y = simulateFuturePurchases(rng, rng.gamma(params.r, params.alpha), rng.beta(params.a, params.b), t);
        sum += y;
        sumSq += y * y;
      }
      const mean = sum / n;
      const se = Math.sqrt((sumSq / n - mean * mean) / n);
      expect(se / mean).toBeLessThan(0.02);
      expect(Math.abs(mean - expectedPurchasesNew(params, t))).toBeLessThan(4 * se);
    }
  });
});

describe("P(alive) properties", () => {
  it("lies in [0, 1] over a grid of histories and parameters, and falls as the last purchase gets older", () => {
    for (const p of [params, { r: 5, alpha: 0.1, a: 20, b: 0.5 }, { r: 0.01, alpha: 100, a: 0.05, b: 300 }]) {
      for (const x of [0, 1, 3, 30, 300]) {
        let previous = Infinity;
        for (const tx of [52, 40, 20, 5, 0.5]) {
          const v = pAlive(p, x, x === 0 ? 0 : tx, 52);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          if (x > 0) expect(v).toBeLessThanOrEqual(previous);
          previous = v;
        }
      }
    }
  });
});

import { betaln } from "../../../src/engine/models/special";
import { conditionalExpectedPurchases, conditionalExpectedPurchasesColumns, expectedPurchasesNew, expectedPurchasesWhileAlive, pAlive } from "../../../src/engine/models/bgnbd";
import { repeatPredictor } from "../../../src/engine/models/repeat-model";
import { betaExpectation, betaRule } from "../../../src/engine/models/quadrature";
import { simpson } from "./helpers";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/**
 * Eq. (10)'s numerator in the paper's own form, c/(a−1)·[1 − (1−z)^k · 2F1(k, β; c; z)], with the Gauss series
 * summed term by term (no transformation). Valid where the series converges quickly: z ≤ 0.9 and 6000 terms
 * leave a remainder below 0.9^6000 ≈ 1e-275 (times polynomial growth).
 */
function paperForm(k: number, a: number, beta: number, s: number): number {
  const c = a + beta - 1;
  const z = s / (1 + s);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 6000; n++) {
    term *= (((k + n) * (beta + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
  }
  return (c / (a - 1)) * (1 - Math.pow(1 - z, k) * sum);
}

/**
 * D(k, a, β, s) = E[(1 − (1+Ps)^(−k))/P], P ~ Beta(a, β), by adaptive Simpson (independent of the engine) on
 * 40 panels per half. An endpoint where the density is infinite (a < 1 or β < 1) is removed by substitution:
 * p = u^(1/a) on [0, ½] (p^(a−1) dp = du/a), 1 − p = v^(1/β) on [½, 1]. The normalised density is used, so the
 * absolute tolerance is relative to D's own size.
 */
function simpsonForm(k: number, a: number, beta: number, s: number): number {
  const lnB = betaln(a, beta);
  const g = (p: number) => (p === 0 ? k * s : -Math.expm1(-k * Math.log1p(p * s)) / p);
  const panels = (f: (u: number) => number, lo: number, hi: number) => {
    let sum = 0;
    for (let i = 0; i < 40; i++) sum += simpson(f, lo + ((hi - lo) * i) / 40, lo + ((hi - lo) * (i + 1)) / 40, 1e-14, 40);
    return sum;
  };
  const left =
    a < 1
      ? panels((u) => {
          const p = Math.pow(u, 1 / a);
          return g(p) * Math.exp((beta - 1) * Math.log1p(-p) - lnB) / a;
        }, 0, Math.pow(0.5, a))
      : panels((p) => (p === 0 ? 0 : g(p) * Math.exp((a - 1) * Math.log(p) + (beta - 1) * Math.log1p(-p) - lnB)), 0, 0.5);
  const right =
    beta < 1
      ? panels((v) => {
          const q = Math.pow(v, 1 / beta);
          return g(1 - q) * Math.exp((a - 1) * Math.log1p(-q) - lnB) / beta;
        }, 0, Math.pow(0.5, beta))
      : panels((p) => (p === 1 ? 0 : g(p) * Math.exp((a - 1) * Math.log(p) + (beta - 1) * Math.log1p(-p) - lnB)), 0.5, 1);
  return left + right;
}

describe("expectedPurchasesWhileAlive: the 2F1 term of eq. (9)/(10)", () => {
  it("matches the paper's untransformed 2F1 series where that converges (z ≤ 0.9), to 1e-10", () => {
    for (const x of [0, 1, 5, 20]) {
      for (const z of [0.1, 0.5, 0.9]) {
        const s = z / (1 - z);
        const k = cdnow.r + x;
        const beta = cdnow.b + x;
        expect(rel(expectedPurchasesWhileAlive(k, cdnow.a, beta, s), paperForm(k, cdnow.a, beta, s))).toBeLessThan(1e-10);
      }
    }
  });

  it("matches an independent Simpson integration of the Beta expectation, including z → 1 (s up to 1e4), to 1e-8", () => {
    const cases: [number, number, number, number][] = [
      // k, a, β, s
      [0.243, 0.793, 2.426, 11.78],
      [0.243, 0.793, 2.426, 1e4],
      [2.243, 0.793, 4.426, 1e3],
      [0.5, 0.3, 0.5, 5],
      [0.243, 1, 2.426, 50], // a = 1: c/(a−1) is 0/0 in the paper's form
      [30.243, 20, 230, 300], // peaked Beta posterior
      [50, 1.5, 2.426, 1e4], // sharp (1+ps)^(−k) near p = 0
      [1.243, 0.793, 202.426, 300], // large b (stdlib hyp2f1 gives NaN here)
      [3.243, 0.5, 5000, 5], // s > 1 with a large c: the Pfaff series diverges but its truncation is bounded
      [10.8, 0.01, 1e6, 5], // dropout all but ruled out (a → 0, b → ∞, as fitted on Online Retail)
      [0.5, 0.793, 2.426, 0.2], // short window: Pfaff series converges
    ];
    for (const [k, a, beta, s] of cases) expect(rel(expectedPurchasesWhileAlive(k, a, beta, s), simpsonForm(k, a, beta, s))).toBeLessThan(1e-8);
  });

  it("matches mpmath at 60 digits, to 1e-10 (both the series and the quadrature fallback)", () => {
    // Computed with mpmath 1.3.0 (mp.dps = 60) as c/(a−1)·(1 − (1−z)^k·hyp2f1(k, b+x, c, z)), k = r+x,
    // c = a+b+x−1, z = s/(1+s); each value agreed with mp.quad of the Beta integral to < 1e-20 (a = 1 taken as
    // 1 + 1e-35). Rows: r, a, b, x, s, D.
    const table: [number, number, number, number, number, number][] = [
      [0.243, 0.793, 2.426, 0, 11.780697779791574, 1.4460505953964038],
      [0.243, 0.793, 2.426, 2, 1.2016453297592087, 2.1452887142804407],
      [0.243, 0.793, 2.426, 0, 10000.0, 23.577620005872834],
      [0.243, 0.793, 2.426, 1, 10000.0, 66.733842024613943],
      [0.243, 0.793, 200, 0, 300, 50.07824270487123],
      [1.0, 2.0, 20, 200, 100, 218.59546186969951],
      [0.5, 1.0, 2.426, 3, 12, 11.543849396566727],
      [0.243, 20, 200, 30, 300, 13.105263157894737],
      [50, 1.5, 2.426, 0, 10000.0, 5.8396599398505726],
      [0.5, 0.3, 0.5, 0, 5, 1.4708783195954541],
      [2.0, 3.0, 0.7, 10, 0.001, 0.011982941371415812],
    ];
    for (const [r, a, b, x, s, D] of table) expect(rel(expectedPurchasesWhileAlive(r + x, a, b + x, s), D)).toBeLessThan(1e-10);
  });

  it("the series and the quadrature agree where both apply", () => {
    for (const [k, a, beta, s] of [
      [0.243, 0.793, 2.426, 3],
      [5.243, 0.793, 7.426, 20],
      [1, 2, 3, 0.5],
    ]) {
      const viaQuadrature = betaExpectation(betaRule(a, beta), (p) => (p === 0 ? k * s : -Math.expm1(-k * Math.log1p(p * s)) / p));
      expect(rel(expectedPurchasesWhileAlive(k, a, beta, s), viaQuadrature)).toBeLessThan(1e-11);
    }
  });

  it("limits: 0 at s = 0, k·s for short windows, E[1/P] for an infinite one, continuous through a = 1, increasing in s", () => {
    expect(expectedPurchasesWhileAlive(0.243, 0.793, 2.426, 0)).toBe(0);
    // D = E[k s − k(k+1)/2 · P s² + …] = k s (1 − (k+1)/2 · E[P] s + O(s²)): at s = 1e-6 the relative gap to k·s is ~1e-6.
    expect(rel(expectedPurchasesWhileAlive(1, 2, 3, 1e-6), 1e-6)).toBeLessThan(1e-6);
    expect(expectedPurchasesWhileAlive(1, 3, 2, Infinity)).toBe(2); // (a+β−1)/(a−1) = 4/2
    const atOne = expectedPurchasesWhileAlive(0.5, 1, 2.426, 12);
    expect(rel(expectedPurchasesWhileAlive(0.5, 1 + 1e-9, 2.426, 12), atOne)).toBeLessThan(1e-8);
    expect(rel(expectedPurchasesWhileAlive(0.5, 1 - 1e-9, 2.426, 12), atOne)).toBeLessThan(1e-8);
    let previous = 0;
    for (const s of [0.01, 0.1, 1, 10, 100, 1e3, 1e4, 1e5]) {
      const d = expectedPurchasesWhileAlive(0.243, 0.793, 2.426, s);
      expect(d).toBeGreaterThan(previous);
      previous = d;
    }
  });
});

describe("expectedPurchasesNew (eq. 9) and conditionalExpectedPurchases (eq. 10)", () => {
  it("eq. (9) equals Σ n·P(X(t) = n) with the pmf of eq. (8) (finite sums only, no 2F1), to 1e-8", () => {
    // Eq. (8): P(X(t)=n) = B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
    //   + [n>0] B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
    const { r, alpha, a, b } = cdnow;
    for (const t of [1, 10, 39, 78]) {
      const q = alpha / (alpha + t);
      const z = t / (alpha + t);
      let mean = 0;
      let total = 0;
      let nb = Math.pow(q, r); // Γ(r+n)/(Γ(r) n!) q^r z^n, the NBD pmf
      let nbCum = 0; // Σ_{j<n} of it
      for (let n = 0; n < 20000; n++) {
        const pn = Math.exp(betaln(a, b + n) - betaln(a, b)) * nb + (n > 0 ? Math.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * (1 - nbCum) : 0);
        mean += n * pn;
        total += pn;
        nbCum += nb;
        nb *= ((r + n) / (n + 1)) * z;
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-9);
      expect(rel(expectedPurchasesNew(cdnow, t), mean)).toBeLessThan(1e-8);
    }
  });

  it("t = 0 gives 0 purchases; x = 0 gives P(alive) = 1 (SPEC); conditional = P(alive) × while-alive term", () => {
    expect(expectedPurchasesNew(cdnow, 0)).toBe(0);
    expect(conditionalExpectedPurchases(cdnow, 0, 3, 20, 38)).toBe(0);
    expect(pAlive(cdnow, 0, 0, 38.86)).toBe(1);
    expect(pAlive(cdnow, 0, 0, 0)).toBe(1);
    // The paper's eq. (10) written out with 2F1 summed directly (z = 10/(4.414+38.86+10) ≈ 0.19):
    const [x, tx, T, t] = [2, 30.43, 38.86, 10];
    const { r, alpha, a, b } = cdnow;
    const palive = 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
    expect(rel(pAlive(cdnow, x, tx, T), palive)).toBeLessThan(1e-14);
    expect(rel(conditionalExpectedPurchases(cdnow, t, x, tx, T), palive * paperForm(r + x, a, b + x, t / (alpha + T)))).toBeLessThan(1e-10);
  });

  it("rejects impossible customers and horizons with a Problem naming the argument", () => {
    expect(() => pAlive(cdnow, 1.5, 1, 2)).toThrow(/frequency/);
    expect(() => pAlive(cdnow, 2, 3, 2)).toThrow(/recency/);
    expect(() => pAlive(cdnow, 0, 1, 2)).toThrow(/recency/);
    expect(() => conditionalExpectedPurchases(cdnow, -1, 1, 1, 2)).toThrow(/t: -1/);
    expect(() => expectedPurchasesNew(cdnow, NaN)).toThrow(/t: NaN/);
  });
});

describe("series ratios shared between horizons and customers of one frequency", () => {
  // RuleCache keeps the Pfaff series' ratios of the last frequency: the columns and the repeat predictor must give
  // exactly what the one-customer function gives, whether the frequencies come grouped or interleaved (each change
  // of frequency starts the ratios over), for short and long windows (the series, the Euler fallback, quadrature).
  const histories: [number, number, number][] = [];
  for (const x of [0, 1, 2, 7, 30, 2, 1, 7, 0, 30]) for (const T of [0.5, 3, 20, 39]) histories.push([x, x === 0 ? 0 : Math.min(T, 0.4 * T + 0.3), T]);
  for (const params of [cdnow, { r: 1, alpha: 6.6, a: 1.4e-4, b: 6.75 }, { r: 0.5, alpha: 2, a: 3, b: 0.4 }]) {
    for (const t of [1, 4.35, 52, 500]) {
      it(`equals conditionalExpectedPurchases exactly (${JSON.stringify(params)}, t = ${t})`, () => {
        const cols = conditionalExpectedPurchasesColumns(params, t, { x: histories.map((h) => h[0]), tx: histories.map((h) => h[1]), T: histories.map((h) => h[2]) });
        const predictor = repeatPredictor({ name: "bgnbd", params });
        const out = new Float64Array(2);
        histories.forEach(([x, tx, T], i) => {
          const direct = conditionalExpectedPurchases(params, t, x, tx, T);
          expect(cols[i]).toBe(direct);
          predictor.cumulative(x, tx, T, [t / 2, t], out);
          expect(out[1]).toBe(direct);
          expect(out[0]).toBe(conditionalExpectedPurchases(params, t / 2, x, tx, T));
        });
      });
    }
  }
});

describe("tabulated while-alive purchases for the forecast draws (prepareFrequency)", () => {
  // The intervals' predictors are told which frequency and range of T come next; BG/NBD then tabulates D(s)/s in
  // ln s. Every value must stay within 1e-10 (relative) of the one-customer function; what was not announced
  // (another frequency, a T outside the range) is computed directly, bit for bit.
  const horizons = Array.from({ length: 12 }, (_, i) => (i + 1) * 4.348);
  const paramSets = [cdnow, { r: 1, alpha: 6.6, a: 1.4e-4, b: 6.75 }, { r: 0.81, alpha: 9.37, a: 0.0124, b: 1.38 }, { r: 0.5, alpha: 2, a: 3, b: 0.4 }, { r: 2, alpha: 0.3, a: 0.6, b: 40 }];
  for (const params of paramSets) {
    it(`within 1e-10 of conditionalExpectedPurchases (${JSON.stringify(params)})`, () => {
      const predictor = repeatPredictor({ name: "bgnbd", params });
      const out = new Float64Array(horizons.length);
      let worst = 0;
      let tabulated = 0;
      for (const x of [0, 1, 3, 12, 60]) {
        const Ts = Array.from({ length: 40 }, (_, i) => i * 4 + 0.5); // 0.5 … 156.5 weeks
        predictor.prepareFrequency?.(x, Ts[0], Ts[Ts.length - 1], horizons, Ts.length);
        for (const T of Ts) {
          const tx = x === 0 ? 0 : T * 0.6;
          const alive = predictor.cumulative(x, tx, T, horizons, out);
          horizons.forEach((h, i) => {
            const direct = conditionalExpectedPurchases(params, h, x, tx, T);
            if (out[i] !== direct) tabulated++;
            worst = Math.max(worst, Math.abs(out[i] - direct) / direct);
          });
          expect(alive).toBe(pAlive(params, x, tx, T));
        }
        // Not announced: another frequency, and an s = horizon/(α+T) below the announced range (T far beyond it), are
        // computed directly.
        predictor.cumulative(x + 1, x === 0 ? 0.5 : 1, 20, horizons, out);
        horizons.forEach((h, i) => expect(out[i]).toBe(conditionalExpectedPurchases(params, h, x + 1, x === 0 ? 0.5 : 1, 20)));
        predictor.prepareFrequency?.(x, 10, 20, horizons, 40);
        predictor.cumulative(x, x === 0 ? 0 : 100, 5000, horizons, out);
        horizons.forEach((h, i) => expect(out[i]).toBe(conditionalExpectedPurchases(params, h, x, x === 0 ? 0 : 100, 5000)));
      }
      expect(worst).toBeLessThan(1e-10);
      expect(tabulated).toBeGreaterThan(0); // the table was used (values differ from direct in the last bits)
    });
  }
});

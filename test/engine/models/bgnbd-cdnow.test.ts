import { gammaln } from "../../../src/engine/models/special";
import { bgnbdLogLikelihood, bgnbdTotalLogLikelihood, conditionalExpectedPurchases, fitBgNbd } from "../../../src/engine/models/bgnbd";
import { loadCdnowSummary, simpsonFixed } from "./helpers";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("BG/NBD on the CDNOW 1/10 sample (2357 customers, 39 weeks, weeks)", () => {
  const data = loadCdnowSummary();
  const fit = fitBgNbd(data);

  it("reproduces the published fit (Fader, Hardie & Lee 2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4, each within 0.5 %", () => {
    expect(rel(fit.params.r, 0.243)).toBeLessThan(0.005);
    expect(rel(fit.params.alpha, 4.414)).toBeLessThan(0.005);
    expect(rel(fit.params.a, 0.793)).toBeLessThan(0.005);
    expect(rel(fit.params.b, 2.426)).toBeLessThan(0.005);
    expect(rel(fit.logLikelihood, -9582.4)).toBeLessThan(0.005);
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    expect(fit.customers).toBe(2357);
  });

  it("agrees with lifetimes' 6-digit estimates (docs/Quickstart.md: r 0.242593, α 4.413532, a 0.792886, b 2.425752) to 1e-4, LL to 0.05", () => {
    expect(rel(fit.params.r, 0.242593)).toBeLessThan(1e-4);
    expect(rel(fit.params.alpha, 4.413532)).toBeLessThan(1e-4);
    expect(rel(fit.params.a, 0.792886)).toBeLessThan(1e-4);
    expect(rel(fit.params.b, 2.425752)).toBeLessThan(1e-4);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.05);
  });

  it("the reported log-likelihood is Σ eq. (6) at the reported parameters", () => {
    let sum = 0;
    for (let i = 0; i < data.x.length; i++) sum += bgnbdLogLikelihood(fit.params, data.x[i], data.tx[i], data.T[i]);
    expect(Math.abs(fit.logLikelihood - sum)).toBeLessThan(1e-8);
    expect(Math.abs(bgnbdTotalLogLikelihood(fit.params, data) - sum)).toBeLessThan(1e-8);
  });

  it("the result is immutable", () => {
    expect(Object.isFrozen(fit)).toBe(true);
    expect(Object.isFrozen(fit.params)).toBe(true);
    expect(Object.isFrozen(fit.warnings)).toBe(true);
  });

  it("reproduces lifetimes' published next-week predictions (docs/Quickstart.md, 'Ranking customers', t = 1) to 2e-6", () => {
    // Printed to 6 decimals with the fitted parameters above (also printed to 6 digits): ±5e-7 rounding plus
    // about 1e-6 from the parameters' rounding.
    const lifetimesParams = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
    const published: [number, number, number, number, number][] = [
      // ID, frequency, recency, T, predicted_purchases
      [509, 18, 35.14, 35.86, 0.424877],
      [841, 19, 34.0, 34.14, 0.474738],
      [1981, 17, 28.43, 28.86, 0.486526],
      [157, 29, 37.71, 38.0, 0.662396],
      [1516, 26, 30.86, 31.0, 0.710623],
    ];
    for (const [id, x, tx, T, expected] of published) {
      expect([data.x[id - 1], data.tx[id - 1], data.T[id - 1]]).toEqual([x, tx, T]);
      expect(Math.abs(conditionalExpectedPurchases(lifetimesParams, 1, x, tx, T) - expected)).toBeLessThan(2e-6);
    }
  });
});

describe("eq. (6) against a numerical double integral of eq. (3) over the gamma and beta mixing densities", () => {
  /**
   * L(r,α,a,b | x,t_x,T) = ∫∫ L(λ,p | x,t_x,T) g(λ|r,α) f(p|a,b) dλ dp with the individual likelihood of eq. (3),
   * L(λ,p) = (1−p)^x λ^x e^(−λT) + [x>0] p (1−p)^(x−1) λ^x e^(−λ t_x), by composite Simpson rules: over
   * λ = u^(1/r) (λ^(r−1) dλ = du/r, leaving a smooth integrand), over p = v^4 on [0, ½] and 1 − p = w^4 on [½, 1]
   * (p^(a−1) dp = 4 v^(4a−1) dv, smooth enough for the rule's h^4 convergence).
   */
  function doubleIntegral(r: number, alpha: number, a: number, b: number, x: number, tx: number, T: number): number {
    const lnB = gammaln(a) + gammaln(b) - gammaln(a + b);
    const lnGr = gammaln(r);
    const uMax = Math.pow((r + x + 80) / alpha, r); // e^(−αλ) below e^(−80) beyond
    const inner = (p: number) =>
      simpsonFixed(
        (u) => {
          const lambda = Math.pow(u, 1 / r);
          const lx = x === 0 ? 0 : x * Math.log(lambda);
          const alive = Math.exp(x * Math.log1p(-p) + lx - lambda * T);
          const dead = x > 0 ? Math.exp(Math.log(p) + (x - 1) * Math.log1p(-p) + lx - lambda * tx) : 0;
          return ((alive + dead) * Math.exp(r * Math.log(alpha) - alpha * lambda - lnGr)) / r;
        },
        0,
        uMax,
        400,
      );
    const left = simpsonFixed((v) => (v === 0 ? 0 : inner(v ** 4) * 4 * Math.exp((4 * a - 1) * Math.log(v) + (b - 1) * Math.log1p(-(v ** 4)) - lnB)), 0, Math.pow(0.5, 0.25), 200);
    const right = simpsonFixed((w) => (w === 0 ? 0 : inner(1 - w ** 4) * 4 * Math.exp((4 * b - 1) * Math.log(w) + (a - 1) * Math.log1p(-(w ** 4)) - lnB)), 0, Math.pow(0.5, 0.25), 200);
    return left + right;
  }

  it.each([
    [0, 0, 38.86],
    [1, 1.71, 38.86],
    [2, 30.43, 38.86],
    [7, 29.43, 38.86],
  ])("x = %p, t_x = %p, T = %p: agrees to 1e-7 relative", (x, tx, T) => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const numeric = doubleIntegral(p.r, p.alpha, p.a, p.b, x, tx, T);
    expect(rel(Math.exp(bgnbdLogLikelihood(p, x, tx, T)), numeric)).toBeLessThan(1e-7);
  });
});

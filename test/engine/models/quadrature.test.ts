import { betaExpectation, betaRule } from "../../../src/engine/models/quadrature";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("tanh-sinh expectations under Beta(a, b)", () => {
  // Exact moments: E[P] = a/(a+b), E[P²] = a(a+1)/((a+b)(a+b+1)), E[1/P] = (a+b−1)/(a−1) for a > 1,
  // E[(1−P)^k] = B(a, b+k)/B(a, b) = Π_{j<k} (b+j)/(a+b+j).
  const cases: [number, number][] = [
    [0.1, 0.5],
    [0.793, 2.426],
    [2, 3],
    [20, 230],
    [0.3, 200],
    [50, 0.2],
  ];
  it.each(cases)("Beta(%p, %p): total mass, mean, second moment, (1−P)^5 to 1e-12 relative", (a, b) => {
    const rule = betaRule(a, b);
    expect(rel(betaExpectation(rule, () => 1), 1)).toBeLessThan(1e-12);
    expect(rel(betaExpectation(rule, (p) => p), a / (a + b))).toBeLessThan(1e-12);
    expect(rel(betaExpectation(rule, (p) => p * p), (a * (a + 1)) / ((a + b) * (a + b + 1)))).toBeLessThan(1e-12);
    let q5 = 1;
    for (let j = 0; j < 5; j++) q5 *= (b + j) / (a + b + j);
    expect(rel(betaExpectation(rule, (p) => (1 - p) ** 5), q5)).toBeLessThan(1e-12);
  });

  it("resolves the sharp feature of s/(1 + P·s) at P ≈ 1/s (the BG/NBD integrand with k = 1), up to s = 1e4", () => {
    // Closed forms: Beta(1,1): E = ln(1+s); Beta(2,1) (density 2p): E = 2(1 − ln(1+s)/s);
    // Beta(1/2,1) (density p^(−1/2)/2, p = q²): E = ∫_0^1 s/(1 + s q²) dq = √s · atan(√s).
    for (const s of [1, 100, 1e4]) {
      const g = (p: number) => s / (1 + p * s);
      expect(rel(betaExpectation(betaRule(1, 1), g), Math.log1p(s))).toBeLessThan(1e-12);
      expect(rel(betaExpectation(betaRule(2, 1), g), 2 * (1 - Math.log1p(s) / s))).toBeLessThan(1e-12);
      expect(rel(betaExpectation(betaRule(0.5, 1), g), Math.sqrt(s) * Math.atan(Math.sqrt(s)))).toBeLessThan(1e-12);
    }
  });
});

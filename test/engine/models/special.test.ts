import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import { betaln, digammaSteps, expm1OverX, gammaln, logAddExp, logistic, logSumExp, softplus } from "../../../src/engine/models/special";

/** Relative difference, for assertions that state their tolerance. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("gammaln and betaln (stdlib wrappers)", () => {
  it("match exact values", () => {
    expect(rel(gammaln(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-15); // Γ(1/2) = √π
    expect(rel(gammaln(10), Math.log(362880))).toBeLessThan(1e-15); // Γ(10) = 9!
    expect(rel(betaln(2, 3), Math.log(1 / 12))).toBeLessThan(1e-15); // B(2,3) = 1!2!/4!
    expect(rel(betaln(0.5, 0.5), Math.log(Math.PI))).toBeLessThan(1e-15); // B(1/2,1/2) = π
    expect(rel(betaln(1, 7.5), -Math.log(7.5))).toBeLessThan(1e-15); // B(1,b) = 1/b
  });

  it("gammaln matches Stirling's series at 100.5 (terms to z^-7; truncation < 1e-18)", () => {
    const z = 100.5;
    const stirling = (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3) + 1 / (1260 * z ** 5) - 1 / (1680 * z ** 7);
    expect(rel(gammaln(z), stirling)).toBeLessThan(1e-15);
  });
});

// stdlib's 2F1 is no production dependency: these checks keep it honest as the tests' reference (test/functions/clv.test.ts).
describe("stdlib hyp2f1, the tests' reference, where it is accurate", () => {
  it("2F1(1,1;2;z) = −ln(1−z)/z", () => {
    for (const z of [0.1, 0.5, 0.9, 0.99]) expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
  });

  it("2F1(a,b;b;z) = (1−z)^(−a)", () => {
    expect(rel(hyp2f1(0.243, 2.5, 2.5, 0.7), Math.pow(0.3, -0.243))).toBeLessThan(1e-14);
  });

  it("matches the Gauss series summed term by term at BG/NBD-like parameters (z = 0.5, 400 terms: remainder < 0.5^400)", () => {
    // (r+x, b+x; a+b+x−1) for the CDNOW fit r = 0.243, a = 0.793, b = 2.426 and x = 0, 2, 10.
    for (const x of [0, 2, 10]) {
      const [A, B, C] = [0.243 + x, 2.426 + x, 0.793 + 2.426 + x - 1];
      let term = 1;
      let sum = 1;
      for (let n = 0; n < 400; n++) {
        term *= ((A + n) * (B + n)) / ((C + n) * (n + 1)) * 0.5;
        sum += term;
      }
      expect(rel(hyp2f1(A, B, C, 0.5), sum)).toBeLessThan(1e-13);
    }
  });
});

describe("log-space helpers", () => {
  it("logSumExp neither overflows nor underflows", () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logSumExp([0, 0, 0, 0])).toBeCloseTo(Math.log(4), 15);
    expect(logSumExp([Math.log(2), Math.log(3)])).toBeCloseTo(Math.log(5), 15);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 3])).toBe(3);
  });

  it("logAddExp agrees with logSumExp and handles −∞", () => {
    expect(logAddExp(700, 710)).toBeCloseTo(logSumExp([700, 710]), 12);
    expect(logAddExp(-Infinity, 5)).toBe(5);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
  });

  it("softplus, logistic and expm1OverX are exact in their tails", () => {
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(softplus(800)).toBe(800);
    expect(softplus(-50)).toBeCloseTo(Math.exp(-50), 30);
    expect(logistic(0)).toBe(0.5);
    expect(logistic(-800)).toBeGreaterThanOrEqual(0);
    expect(rel(logistic(-40), Math.exp(-40) / (1 + Math.exp(-40)))).toBeLessThan(1e-15);
    expect(logistic(800)).toBe(1);
    expect(expm1OverX(0)).toBe(1);
    expect(rel(expm1OverX(1e-10), 1 + 5e-11)).toBeLessThan(1e-15);
    expect(rel(expm1OverX(2), (Math.E ** 2 - 1) / 2)).toBeLessThan(1e-15);
  });
});

describe("digammaSteps", () => {
  it("gives ψ(c+x) − ψ(c) and ψ′(c) − ψ′(c+x), the slope and minus the curvature of ln Γ(c+x) − ln Γ(c) in c (central differences: 1e-7 and 1e-4 relative)", () => {
    const xs = [0, 1, 2, 7, 40, 300];
    for (const c of [0.05, 1, 6.5]) {
      const steps = digammaSteps(xs, c)!;
      const h = 1e-4 * c;
      xs.forEach((x, j) => {
        const diff = (at: number) => gammaln(at + x) - gammaln(at);
        const slope = (diff(c + h) - diff(c - h)) / (2 * h);
        const curvature = (diff(c + h) - 2 * diff(c) + diff(c - h)) / (h * h);
        expect(Math.abs(steps.first[j] - slope)).toBeLessThan(1e-7 * (1 + Math.abs(slope)));
        expect(Math.abs(steps.second[j] + curvature)).toBeLessThan(1e-4 * (1 + Math.abs(curvature)));
      });
    }
  });

  it("refuses frequencies that are not whole numbers below 10⁶", () => {
    expect(digammaSteps([0, 1.5], 1)).toBeUndefined();
    expect(digammaSteps([0, 1e6], 1)).toBeUndefined();
    expect(digammaSteps([-1], 1)).toBeUndefined();
  });
});

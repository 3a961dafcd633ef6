/**
 * KA.PARETONBD, KA.BACKTEST and the model argument of KA.PALIVE / KA.PURCHASES, called as Excel calls them (the
 * registered associations, 2-D ranges): the published CDNOW Pareto/NBD fit, P(alive) by a numerical integral and
 * expected purchases by the closed form written out here, the backtest's counts by a hand count of the raw file.
 */
import * as fs from "fs";
import * as path from "path";
import { registerFunctions, call, col, expectSpillError } from "./harness";

const CDNOW = path.resolve(__dirname, "../../../shared/data/cdnow");
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

beforeAll(async () => {
  await registerFunctions();
});

function cdnowSummary(): { x: number[]; tx: number[]; T: number[] } {
  const rows = fs.readFileSync(path.join(CDNOW, "cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",").map(Number));
  return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

type Pnbd = { r: number; alpha: number; s: number; beta: number };

/** P(alive) = 1 / (1 + s·(α+T)^(r+x)(β+T)^s · ∫_{tx}^{T} (α+τ)^(−(r+x)) (β+τ)^(−(s+1)) dτ), by Simpson's rule (2,000 panels). */
function pAliveByIntegral(p: Pnbd, x: number, tx: number, T: number): number {
  if (T === tx) return 1;
  const f = (tau: number) => Math.exp((p.r + x) * Math.log((p.alpha + T) / (p.alpha + tau)) + p.s * Math.log((p.beta + T) / (p.beta + tau)) - Math.log(p.beta + tau));
  const n = 2000;
  const h = (T - tx) / n;
  let sum = f(tx) + f(T);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(tx + i * h);
  return 1 / (1 + p.s * ((sum * h) / 3));
}

describe("KA.PARETONBD on the CDNOW summary (2,357 customers, weeks)", () => {
  const { x, tx, T } = cdnowSummary();
  let out: any[][];
  beforeAll(() => {
    out = call("PARETONBD", col(...x), col(...tx), col(...T));
  });
  const value = (label: string) => out.find((r: unknown[]) => r[0] === label)?.[1];

  test("spills r, alpha, s, beta, log-likelihood, converged and four standard errors; the published fit to 0.5 %", () => {
    expect(out.map((r: unknown[]) => r[0])).toEqual(["r", "alpha", "s", "beta", "log-likelihood", "converged", "se r", "se alpha", "se s", "se beta"]);
    const published: Pnbd = { r: 0.5533, alpha: 10.578, s: 0.6061, beta: 11.665 };
    for (const k of ["r", "alpha", "s", "beta"] as const) expect([k, rel(value(k), published[k]) < 0.005]).toEqual([k, true]);
    expect(Math.abs(value("log-likelihood") - -9595.0)).toBeLessThan(0.1);
    expect(value("converged")).toBe(true);
    for (const k of ["se r", "se alpha", "se s", "se beta"]) expect([k, value(k) > 0 && value(k) < value(k.slice(3))]).toEqual([k, true]);
  });

  test("KA.PALIVE and KA.PURCHASES with model \"paretonbd\" read the table back: P(alive) by an integral, purchases by the closed form", () => {
    const p: Pnbd = { r: value("r"), alpha: value("alpha"), s: value("s"), beta: value("beta") };
    const cases: [number, number, number][] = [
      [2, 30.43, 38.86],
      [0, 0, 38.86],
      [7, 29.43, 35.0],
      [1, 1.71, 38.86],
    ];
    const alive = call("PALIVE", col(...cases.map((c) => c[0])), col(...cases.map((c) => c[1])), col(...cases.map((c) => c[2])), out, "ParetoNBD");
    const bought = call("PURCHASES", 52, col(...cases.map((c) => c[0])), col(...cases.map((c) => c[1])), col(...cases.map((c) => c[2])), out, "paretonbd");
    cases.forEach(([cx, ctx, cT], i) => {
      const pa = pAliveByIntegral(p, cx, ctx, cT);
      expect([i, rel(alive[i][0], pa) < 1e-8]).toEqual([i, true]);
      // E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)]
      const e = (pa * ((p.r + cx) * (p.beta + cT))) / ((p.alpha + cT) * (p.s - 1)) * (1 - Math.pow((p.beta + cT) / (p.beta + cT + 52), p.s - 1));
      expect([i, rel(bought[i][0], e) < 1e-8]).toEqual([i, true]);
    });
    // Without a repeat purchase Pareto/NBD's P(alive) is below 1 (BG/NBD's is 1).
    expect(alive[1][0]).toBeLessThan(1);
    // The default model is still BG/NBD: 4 cells r, alpha, a, b.
    expect(call("PALIVE", col(0), col(0), col(38.86), [[0.243, 4.414, 0.793, 2.426]])).toEqual([[1]]);
  });

  test("errors: an unknown model, a BG/NBD table given as Pareto/NBD, a fit on nothing", () => {
    expectSpillError(call("PALIVE", col(1), col(1), col(2), out, "lifetimes"), "#VALUE!", `model must be "bgnbd" or "paretonbd", not 'lifetimes'`);
    const bg = [["r", 0.243], ["alpha", 4.414], ["a", 0.793], ["b", 2.426]];
    expectSpillError(call("PURCHASES", 52, col(1), col(1), col(2), bg, "paretonbd"), "#VALUE!", /no row labelled s, beta/);
    expectSpillError(call("PARETONBD", col(null), col(null), col(null)), "#N/A", /at least 2 customers/);
  });
});

describe("KA.BACKTEST on the CDNOW sample ledger split at 1997-09-30", () => {
  const lines = fs.readFileSync(path.join(CDNOW, "CDNOW_sample.txt"), "utf8").split(/\r?\n/).map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 5);
  const customers = col(...lines.map((f) => f[1]));
  const dates = col(...lines.map((f) => `${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)}`));
  const amounts = col(...lines.map((f) => Number(f[4])));

  test("customers and hold-out purchases as a hand count; predicted within 15 % (FHL 2005, Figure 1), error and model consistent", () => {
    // Hand count: per customer the days with a positive net amount.
    const net = new Map<string, Map<string, number>>();
    for (const f of lines) {
      const d = net.get(f[1]) ?? new Map<string, number>();
      net.set(f[1], d);
      d.set(f[2], (d.get(f[2]) ?? 0) + Number(f[4]));
    }
    let bought = 0;
    let actual = 0;
    for (const days of net.values()) {
      const occasions = [...days].filter(([, v]) => v > 1e-9).map(([d]) => d);
      if (!occasions.some((d) => d <= "19970930")) continue;
      bought++;
      actual += occasions.filter((d) => d > "19970930").length;
    }
    const value = (out: unknown[][], label: string) => out.find((r) => r[0] === label)?.[1] as number;
    const bg = call("BACKTEST", customers, dates, amounts, "1997-09-30");
    expect(bg.map((r: unknown[]) => r[0])).toEqual(["calibration end", "hold-out end", "customers", "actual", "predicted", "error", "MAE", "converged"]);
    expect([value(bg, "calibration end"), value(bg, "hold-out end")]).toEqual(["1997-09-30", "1998-06-30"]);
    expect([value(bg, "customers"), value(bg, "actual")]).toEqual([bought, actual]);
    expect(Math.abs(value(bg, "error") - (value(bg, "predicted") / actual - 1))).toBeLessThan(1e-12);
    expect(Math.abs(value(bg, "error"))).toBeLessThan(0.15);
    expect(value(bg, "converged")).toBe(true);
    const pn = call("BACKTEST", customers, dates, amounts, 35703, "paretonbd"); // the serial of 1997-09-30
    expect(value(pn, "actual")).toBe(actual);
    expect(value(pn, "predicted")).not.toBe(value(bg, "predicted"));
    expect(Math.abs(value(pn, "error"))).toBeLessThan(0.15);
  });

  test("errors: no calibration end, one after every purchase, an unknown model", () => {
    expectSpillError(call("BACKTEST", customers, dates, amounts, null), "#VALUE!", /calibrationEnd/);
    expectSpillError(call("BACKTEST", customers, dates, amounts, "1999-01-01"), "#VALUE!", /must be before the hold-out end/);
    expectSpillError(call("BACKTEST", customers, dates, amounts, "1997-09-30", "nbd"), "#VALUE!", /model must be/);
  });
});

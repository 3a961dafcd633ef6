/**
 * The probabilistic-CLV functions (KA.BGNBD, KA.PALIVE, KA.PURCHASES, KA.GAMMAGAMMA, KA.CLVPREDICT) called as
 * Excel calls them — through the registered associations, with 2-D ranges — checked against published fits
 * (CDNOW), the engine's own functions, and closed forms written out here; and every error path.
 */
import * as fs from "fs";
import * as path from "path";
import stdlibHyp2f1 from "@stdlib/math-base-special-hyp2f1";
import { registerFunctions, call, col, expectSpillError } from "./harness";
import { conditionalExpectedPurchases, expectedAverageSpend, pAlive, predictedClv } from "../../src/engine/models";
import { dayFromYmd } from "../../src/engine/day";

const CDNOW = path.resolve(__dirname, "../../../shared/data/cdnow");

beforeAll(async () => {
  await registerFunctions();
});



const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The published CDNOW summary (weeks; recency and T rounded to 2 decimals), read from ../shared/data. */
function cdnowSummary(): { id: number[]; x: number[]; tx: number[]; T: number[] } {
  const lines = fs.readFileSync(path.join(CDNOW, "cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/);
  expect(lines[0]).toBe("ID,frequency,recency,T");
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  return { id: rows.map((r) => r[0]), x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

/**
 * Mean value of each customer's repeat purchase days up to 1997-09-30 from CDNOW_sample.txt (same-day rows summed,
 * the first day left out, as lifetimes' `summary_data_from_transaction_data` and Fader & Hardie's spend data do),
 * and the number of purchase days − 1, by sample index 1..2357. Written out here, independently of the engine.
 */
function cdnowRepeatSpend(): { x: Map<number, number>; m: Map<number, number> } {
  const cut = dayFromYmd(1997, 9, 30);
  const days = new Map<number, Map<number, number>>();
  for (const line of fs.readFileSync(path.join(CDNOW, "CDNOW_sample.txt"), "utf8").split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const id = Number(f[1]);
    const d = dayFromYmd(Number(f[2].slice(0, 4)), Number(f[2].slice(4, 6)), Number(f[2].slice(6, 8)));
    if (d > cut) continue;
    const byDay = days.get(id) ?? new Map<number, number>();
    byDay.set(d, (byDay.get(d) ?? 0) + Number(f[4]));
    days.set(id, byDay);
  }
  const x = new Map<number, number>();
  const m = new Map<number, number>();
  for (const [id, byDay] of days) {
    const sorted = [...byDay.entries()].sort((p, q) => p[0] - q[0]);
    x.set(id, sorted.length - 1);
    const repeat = sorted.slice(1).map(([, v]) => v);
    m.set(id, repeat.length ? repeat.reduce((s, v) => s + v, 0) / repeat.length : 0);
  }
  return { x, m };
}

/** Published BG/NBD fit of the CDNOW sample (Fader, Hardie & Lee 2005; SPEC §4), weeks. */
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_CELLS = [[PUBLISHED.r, PUBLISHED.alpha, PUBLISHED.a, PUBLISHED.b]];

/** SPEC §4: P(alive | x, t_x, T) = 1 / (1 + [x > 0] · a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)). */
function pAliveByHand(p: typeof PUBLISHED, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (p.a / (p.b + x - 1)) * Math.pow((p.alpha + T) / (p.alpha + tx), p.r + x));
}

/**
 * Fader, Hardie & Lee (2005) eq. (10), written out with stdlib's 2F1 (accurate to ~1e-12 for these moderate
 * parameters; the engine evaluates a transformed series instead):
 * E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + [x>0]·a/(b+x−1)·((α+T)/(α+t_x))^(r+x)).
 */
function purchasesByHand(p: typeof PUBLISHED, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const head = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * stdlibHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
  return head * pAliveByHand(p, x, tx, T);
}

const cdnow = cdnowSummary();

describe("KA.BGNBD on the published CDNOW summary (2357 customers, 39 weeks)", () => {
  let table: any[][];
  beforeAll(() => {
    table = call("BGNBD", cdnow.x.map((v) => [v]), cdnow.tx.map((v) => [v]), cdnow.T.map((v) => [v]));
  });

  test("spills label/value rows r, alpha, a, b, log-likelihood, converged", () => {
    expect(table.map((row) => row[0])).toEqual(["r", "alpha", "a", "b", "log-likelihood", "converged"]);
    expect(table.every((row) => row.length === 2)).toBe(true);
    expect(table[5][1]).toBe(true);
  });

  test("reproduces r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4 (Fader, Hardie & Lee 2005), each within 0.5 %", () => {
    const v = Object.fromEntries(table.map(([k, x]) => [k, x]));
    expect(rel(v.r, 0.243)).toBeLessThan(0.005);
    expect(rel(v.alpha, 4.414)).toBeLessThan(0.005);
    expect(rel(v.a, 0.793)).toBeLessThan(0.005);
    expect(rel(v.b, 2.426)).toBeLessThan(0.005);
    expect(rel(v["log-likelihood"], -9582.4)).toBeLessThan(0.005);
  });

  test("blank rows (null on the web, '' on the desktop) are ignored: the same fit (rel 1e-12)", () => {
    const withBlanks = (v: number[], blank: unknown) => [[blank], ...v.map((u) => [u]), [blank]];
    const again = call("BGNBD", withBlanks(cdnow.x, null), withBlanks(cdnow.tx, ""), withBlanks(cdnow.T, null));
    for (let k = 0; k < 5; k++) expect(rel(again[k][1], table[k][1])).toBeLessThan(1e-12);
    expect(again[5][1]).toBe(true);
  });

  test("a penalizer (lifetimes' L2 penalty) 0.01 lowers the likelihood, still converged; '1%' reads as 0.01", () => {
    const pen = call("BGNBD", cdnow.x.map((v) => [v]), cdnow.tx.map((v) => [v]), cdnow.T.map((v) => [v]), 0.01);
    expect(pen[5][1]).toBe(true);
    expect(pen[4][1]).toBeLessThan(table[4][1]);
    const penText = call("BGNBD", cdnow.x.map((v) => [v]), cdnow.tx.map((v) => [v]), cdnow.T.map((v) => [v]), "1%");
    for (let k = 0; k < 5; k++) expect(rel(penText[k][1], pen[k][1])).toBeLessThan(1e-12);
  });

  test("a fit that does not converge is returned with converged FALSE, and the per-customer functions refuse it", () => {
    // 40 identical customers buying every week with no dropout: the parameters run to 0 or ∞ (no heterogeneity
    // to identify), so the result is a boundary point, not an estimate.
    const same = (v: number) => Array.from({ length: 40 }, () => [v]);
    const bad = call("BGNBD", same(10), same(10), same(10));
    expect(bad.map((r: unknown[]) => r[0])).toEqual(["r", "alpha", "a", "b", "log-likelihood", "converged"]);
    expect(bad[5][1]).toBe(false);
    expectSpillError(call("PALIVE", col(1), col(1), col(2), bad), "#VALUE!", /^params: the KA\.BGNBD fit did not converge \(converged is FALSE\)/);
    expectSpillError(call("PURCHASES", 1, col(1), col(1), col(2), bad), "#VALUE!", /did not converge/);
  });
});

describe("KA.PALIVE", () => {
  // (x, t_x, T) in weeks: CDNOW customers 1, 2, 6, 509 and a one-purchase customer.
  const rows: [number, number, number][] = [
    [2, 30.43, 38.86],
    [1, 1.71, 38.86],
    [7, 29.43, 38.86],
    [18, 35.14, 35.86],
    [0, 0, 38.86],
  ];
  const freq = rows.map((r) => [r[0]]);
  const rec = rows.map((r) => [r[1]]);
  const age = rows.map((r) => [r[2]]);

  test("equals SPEC §4's closed form written out here (rel 1e-13) and the engine's pAlive (rel 1e-15)", () => {
    const out = call("PALIVE", freq, rec, age, PUBLISHED_CELLS);
    expect(out.map((r: unknown[]) => r.length)).toEqual([1, 1, 1, 1, 1]);
    rows.forEach(([x, tx, T], i) => {
      expect(rel(out[i][0], pAliveByHand(PUBLISHED, x, tx, T))).toBeLessThan(1e-13);
      expect(rel(out[i][0], pAlive(PUBLISHED, x, tx, T))).toBeLessThan(1e-15);
    });
    expect(out[4][0]).toBe(1); // x = 0: alive for sure
    // customer 1 by hand: 0.793/3.426 · (43.274/34.844)^2.243 = 0.23147 · 1.6260 = 0.37636 → 1/1.37636 = 0.72655
    expect(out[0][0]).toBeCloseTo(0.72655, 4);
  });

  test("params as KA.BGNBD's spilled table, as a column of 4 and as a row of 4 give the same answer", () => {
    const table = [["r", PUBLISHED.r], ["alpha", PUBLISHED.alpha], ["a", PUBLISHED.a], ["b", PUBLISHED.b], ["log-likelihood", -9582.4], ["converged", true]];
    const a = call("PALIVE", freq, rec, age, table);
    const b = call("PALIVE", freq, rec, age, PUBLISHED_CELLS[0].map((v) => [v]));
    const c = call("PALIVE", freq, rec, age, PUBLISHED_CELLS);
    expect(a).toEqual(c);
    expect(b).toEqual(c);
    // labels in any order and case, with the Greek α, values as text numbers
    const shuffled = [["B", "2.426"], [" Alpha ", 4.414], ["converged", "TRUE"], ["a", 0.793], ["r", 0.243]];
    expect(call("PALIVE", freq, rec, age, shuffled)).toEqual(c);
    expect(call("PALIVE", freq, rec, age, [["r", 0.243], ["α", 4.414], ["a", 0.793], ["b", 2.426]])).toEqual(c);
  });

  test("on the fitted CDNOW table: every customer in [0, 1], equal to the engine's pAlive with the fitted parameters", () => {
    const fit = call("BGNBD", cdnow.x.map((v) => [v]), cdnow.tx.map((v) => [v]), cdnow.T.map((v) => [v]));
    const params = { r: fit[0][1], alpha: fit[1][1], a: fit[2][1], b: fit[3][1] };
    const out = call("PALIVE", cdnow.x.map((v) => [v]), cdnow.tx.map((v) => [v]), cdnow.T.map((v) => [v]), fit);
    expect(out).toHaveLength(2357);
    for (let i = 0; i < 2357; i += 97) expect(out[i][0]).toBe(pAlive(params, cdnow.x[i], cdnow.tx[i], cdnow.T[i]));
    expect(out.every((r: number[]) => r[0] >= 0 && r[0] <= 1)).toBe(true);
  });

  test("blank rows spill '' at that row; a row range spills a row", () => {
    const out = call("PALIVE", col(2, null, 0), col(30.43, null, 0), col(38.86, "", 38.86), PUBLISHED_CELLS);
    expect(out[1]).toEqual([""]);
    expect(out[2]).toEqual([1]);
    const across = call("PALIVE", [[2, null, 7]], [[30.43, null, 29.43]], [[38.86, null, 38.86]], PUBLISHED_CELLS);
    expect(across).toHaveLength(1);
    expect(across[0][1]).toBe("");
    expect(rel(across[0][2], pAliveByHand(PUBLISHED, 7, 29.43, 38.86))).toBeLessThan(1e-13);
  });
});

describe("KA.PURCHASES", () => {
  const rows: [number, number, number][] = [
    [2, 30.43, 38.86],
    [1, 1.71, 38.86],
    [7, 29.43, 38.86],
    [0, 0, 38.86],
    [0, 0, 1],
  ];
  const freq = rows.map((r) => [r[0]]);
  const rec = rows.map((r) => [r[1]]);
  const age = rows.map((r) => [r[2]]);

  test.each([1, 10, 52.18])("t = %p weeks: eq. (10) with stdlib's 2F1 (rel 1e-9) and the engine (rel 1e-13)", (t) => {
    const out = call("PURCHASES", t, freq, rec, age, PUBLISHED_CELLS);
    rows.forEach(([x, tx, T], i) => {
      expect(rel(out[i][0], purchasesByHand(PUBLISHED, t, x, tx, T))).toBeLessThan(1e-9);
      expect(rel(out[i][0], conditionalExpectedPurchases(PUBLISHED, t, x, tx, T))).toBeLessThan(1e-13);
    });
  });

  test("t = 0 gives 0 for everyone; t as text '52' reads as 52", () => {
    expect(call("PURCHASES", 0, freq, rec, age, PUBLISHED_CELLS)).toEqual(rows.map(() => [0]));
    expect(call("PURCHASES", "52", freq, rec, age, PUBLISHED_CELLS)).toEqual(call("PURCHASES", 52, freq, rec, age, PUBLISHED_CELLS));
  });

  test("lifetimes' published next-week predictions (docs/Quickstart.md, 'Ranking customers', t = 1) to 2e-6", () => {
    // lifetimes' 6-digit fit r 0.242593, α 4.413532, a 0.792886, b 2.425752; predictions printed to 6 decimals.
    const params = [[0.242593], [4.413532], [0.792886], [2.425752]];
    const published = [
      [18, 35.14, 35.86, 0.424877],
      [19, 34.0, 34.14, 0.474738],
      [17, 28.43, 28.86, 0.486526],
      [29, 37.71, 38.0, 0.662396],
      [26, 30.86, 31.0, 0.710623],
    ];
    const out = call("PURCHASES", 1, published.map((r) => [r[0]]), published.map((r) => [r[1]]), published.map((r) => [r[2]]), params);
    published.forEach((r, i) => expect(Math.abs(out[i][0] - r[3])).toBeLessThan(2e-6));
  });

  test("blank rows spill ''", () => {
    const out = call("PURCHASES", 52, col(null, 2), col(null, 30.43), col(null, 38.86), PUBLISHED_CELLS);
    expect(out[0]).toEqual([""]);
    expect(rel(out[1][0], purchasesByHand(PUBLISHED, 52, 2, 30.43, 38.86))).toBeLessThan(1e-9);
  });
});

describe("KA.GAMMAGAMMA on the CDNOW repeat customers", () => {
  const spend = cdnowRepeatSpend();
  // Frequencies from the published summary; our day count must agree (its 8 $0.00 orders count as purchases).
  const x = cdnow.id.map((id) => spend.x.get(id) as number);
  const m = cdnow.id.map((id) => spend.m.get(id) as number);
  let table: any[][];
  beforeAll(() => {
    table = call("GAMMAGAMMA", x.map((v) => [v]), m.map((v) => [v]));
  });

  test("the spend data built here has the published frequencies and 946 repeat customers (lifetimes: 'fitted with 946 subjects')", () => {
    expect(x).toEqual(cdnow.x);
    expect(x.filter((v) => v > 0)).toHaveLength(946);
  });

  test("spills p, q, v, log-likelihood, converged, correlation", () => {
    expect(table.map((r) => r[0])).toEqual(["p", "q", "v", "log-likelihood", "converged", "correlation"]);
    expect(table[4][1]).toBe(true);
  });

  test("p 6.25, q 3.74, v 15.45 as lifetimes documents them (docs/Quickstart.md, 'Estimating customer lifetime value using the Gamma-Gamma model'), within 0.01 each", () => {
    // The documented values are printed to 2 decimals (±0.005) and come from lifetimes' own optimizer; 0.01
    // absolute (≤ 0.27 % relative) covers both. Our v is 15.4436: 15.44 in Fader & Hardie (2013) as quoted below.
    const v = Object.fromEntries(table.map(([k, y]) => [k, y]));
    expect(Math.abs(v.p - 6.25)).toBeLessThan(0.01);
    expect(Math.abs(v.q - 3.74)).toBeLessThan(0.01);
    expect(Math.abs(v.v - 15.45)).toBeLessThan(0.01);
    // Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value": p 6.25, q 3.74, γ 15.44, LL −4055.9177
    // (as quoted by R CLVTools, tests/testthat/test_correctness_gg.R); the LL is printed to 4 decimals.
    expect(Math.abs(v["log-likelihood"] - -4055.9177)).toBeLessThan(1e-3);
    // lifetimes docs: returning_customers_summary[['monetary_value', 'frequency']].corr() = 0.113884.
    expect(Math.abs(v.correlation - 0.113884)).toBeLessThan(1e-5);
  });

  test("the same fit from the repeat customers only, or with monetary blank for the one-time buyers", () => {
    const rx: number[][] = [];
    const rm: number[][] = [];
    x.forEach((v, i) => {
      if (v > 0) {
        rx.push([v]);
        rm.push([m[i]]);
      }
    });
    const only = call("GAMMAGAMMA", rx, rm);
    const blanks = call("GAMMAGAMMA", x.map((v) => [v]), x.map((v, i) => [v > 0 ? m[i] : null]));
    for (let k = 0; k < 4; k++) {
      expect(rel(only[k][1], table[k][1])).toBeLessThan(1e-12);
      expect(rel(blanks[k][1], table[k][1])).toBeLessThan(1e-12);
    }
  });

  test("a fit that does not converge says FALSE, and KA.CLVPREDICT refuses it", () => {
    // 40 customers all spending exactly 10 twice: no spread in spend, so p and q run to ∞.
    const bad = call("GAMMAGAMMA", Array.from({ length: 40 }, () => [2]), Array.from({ length: 40 }, () => [10]));
    expect(bad[4]).toEqual(["converged", false]);
    expectSpillError(call("CLVPREDICT", col(2), col(30), col(38), col(10), PUBLISHED_CELLS, bad), "#VALUE!", /^ggParams: the KA\.GAMMAGAMMA fit did not converge/);
  });
});

describe("KA.CLVPREDICT", () => {
  const GG = { p: 6.25, q: 3.74, v: 15.44 };
  const GG_CELLS = [[GG.p], [GG.q], [GG.v]];
  const rows: [number, number, number, number][] = [
    [2, 30.43, 38.86, 22.35],
    [1, 1.71, 38.86, 11.77],
    [7, 29.43, 38.86, 73.74],
    [0, 0, 38.86, 0],
  ];
  const args = (r: [number, number, number, number][]) => [0, 1, 2, 3].map((k) => r.map((row) => [row[k]]));

  test("equals the engine's predictedClv for each customer (12 months, 1 %/month, weeks; rel 1e-13)", () => {
    const out = call("CLVPREDICT", ...args(rows), PUBLISHED_CELLS, GG_CELLS);
    rows.forEach(([x, tx, T, monetary], i) => {
      expect(rel(out[i][0], predictedClv(PUBLISHED, GG, { x, tx, T, monetary }, { unit: "week" }))).toBeLessThan(1e-13);
    });
    expect(out[0][0]).toBeCloseTo(36.31, 2); // the example in the function's description
  });

  test("with the CDNOW tables from KA.BGNBD and KA.GAMMAGAMMA: equals predictedClv with those parameters", () => {
    const spend = cdnowRepeatSpend();
    const m = cdnow.id.map((id) => spend.m.get(id) as number);
    const bg = call("BGNBD", cdnow.x.map((v) => [v]), cdnow.tx.map((v) => [v]), cdnow.T.map((v) => [v]));
    const gg = call("GAMMAGAMMA", cdnow.x.map((v) => [v]), m.map((v) => [v]));
    const some = [0, 1, 5, 508, 840, 2356];
    const out = call("CLVPREDICT", some.map((i) => [cdnow.x[i]]), some.map((i) => [cdnow.tx[i]]), some.map((i) => [cdnow.T[i]]), some.map((i) => [m[i]]), bg, gg, 24, "0.5%");
    const bgP = { r: bg[0][1], alpha: bg[1][1], a: bg[2][1], b: bg[3][1] };
    const ggP = { p: gg[0][1], q: gg[1][1], v: gg[2][1] };
    some.forEach((i, k) => {
      expect(rel(out[k][0], predictedClv(bgP, ggP, { x: cdnow.x[i], tx: cdnow.tx[i], T: cdnow.T[i], monetary: m[i] }, { unit: "week", months: 24, monthlyDiscount: 0.005 }))).toBeLessThan(1e-13);
    });
  });

  test("no discount: CLV = expected spend p(v + x·m)/(px + q − 1) × KA.PURCHASES over 12 months of 30.4375 days (rel 1e-12)", () => {
    const out = call("CLVPREDICT", ...args(rows), PUBLISHED_CELLS, GG_CELLS, 12, 0);
    const weeks = (12 * 30.4375) / 7;
    const e = call("PURCHASES", weeks, ...args(rows).slice(0, 3), PUBLISHED_CELLS);
    rows.forEach(([x, , , mx], i) => {
      const spend = (GG.p * (GG.v + x * mx)) / (GG.p * x + GG.q - 1);
      expect(rel(spend, expectedAverageSpend(GG, x, mx))).toBeLessThan(1e-15);
      expect(rel(out[i][0], spend * e[i][0])).toBeLessThan(1e-12);
    });
  });

  test("12 months discounted by hand: Σ_i (E_i − E_{i−1})·spend/1.01^i with E_i from eq. (10) (rel 1e-9)", () => {
    const [x, tx, T, mx] = rows[0];
    const spend = (GG.p * (GG.v + x * mx)) / (GG.p * x + GG.q - 1);
    let clv = 0;
    for (let i = 1; i <= 12; i++) {
      const di = purchasesByHand(PUBLISHED, (i * 30.4375) / 7, x, tx, T) - purchasesByHand(PUBLISHED, ((i - 1) * 30.4375) / 7, x, tx, T);
      clv += (di * spend) / Math.pow(1.01, i);
    }
    expect(rel(call("CLVPREDICT", ...args(rows.slice(0, 1)), PUBLISHED_CELLS, GG_CELLS)[0][0], clv)).toBeLessThan(1e-9);
  });

  test("unit: the same model in days (α × 7, recency and T × 7) gives the same CLV (rel 1e-12); months 0 gives 0", () => {
    const week = call("CLVPREDICT", ...args(rows), PUBLISHED_CELLS, GG_CELLS);
    const inDays = rows.map(([x, tx, T, mx]) => [x, tx * 7, T * 7, mx] as [number, number, number, number]);
    const day = call("CLVPREDICT", ...args(inDays), [[PUBLISHED.r, PUBLISHED.alpha * 7, PUBLISHED.a, PUBLISHED.b]], GG_CELLS, null, null, "Day");
    rows.forEach((_, i) => expect(rel(day[i][0], week[i][0])).toBeLessThan(1e-12));
    const inMonths = rows.map(([x, tx, T, mx]) => [x, (tx * 7) / 30.4375, (T * 7) / 30.4375, mx] as [number, number, number, number]);
    const month = call("CLVPREDICT", ...args(inMonths), [[PUBLISHED.r, (PUBLISHED.alpha * 7) / 30.4375, PUBLISHED.a, PUBLISHED.b]], GG_CELLS, 12, "1%", "month");
    rows.forEach((_, i) => expect(rel(month[i][0], week[i][0])).toBeLessThan(1e-12));
    expect(call("CLVPREDICT", ...args(rows), PUBLISHED_CELLS, GG_CELLS, 0)).toEqual(rows.map(() => [0]));
  });

  test("blank rows spill ''; monetary may be blank where frequency is 0", () => {
    const out = call("CLVPREDICT", col(2, null, 0), col(30.43, null, 0), col(38.86, null, 10), col(22.35, null, null), PUBLISHED_CELLS, GG_CELLS);
    expect(out[1]).toEqual([""]);
    expect(rel(out[0][0], predictedClv(PUBLISHED, GG, { x: 2, tx: 30.43, T: 38.86, monetary: 22.35 }, { unit: "week" }))).toBeLessThan(1e-13);
    expect(rel(out[2][0], predictedClv(PUBLISHED, GG, { x: 0, tx: 0, T: 10, monetary: 0 }, { unit: "week" }))).toBeLessThan(1e-13);
  });
});

describe("error paths", () => {
  const P = PUBLISHED_CELLS;

  test("#VALUE! when the customer ranges differ in size, naming both", () => {
    expectSpillError(call("BGNBD", col(1, 2, 3), col(1, 2), col(3, 3, 3)), "#VALUE!", "recency: 2 rows × 1 column, but frequency has 3 rows × 1 column; they must match cell for cell");
    expectSpillError(call("PALIVE", col(1, 2), col(1, 2), col(3, 3, 3), P), "#VALUE!", "T: 3 rows × 1 column, but frequency has 2 rows × 1 column; they must match cell for cell");
    expectSpillError(call("PURCHASES", 1, col(1, 2), [[1, 2]], col(3, 3), P), "#VALUE!", "recency: 1 row × 2 columns, but frequency has 2 rows × 1 column; they must match cell for cell");
    expectSpillError(call("GAMMAGAMMA", col(1, 2), col(5)), "#VALUE!", "monetary: 1 row × 1 column, but frequency has 2 rows × 1 column; they must match cell for cell");
    expectSpillError(call("CLVPREDICT", col(1), col(1), col(2), col(5, 6), P, [[6, 4, 15]]), "#VALUE!", "monetary: 2 rows × 1 column, but frequency has 1 row × 1 column; they must match cell for cell");
  });

  test("#VALUE! naming the row for impossible customers: recency > T, negative or fractional frequency, negative T, recency without repeats", () => {
    expectSpillError(call("PALIVE", col(1, 2), col(1, 40), col(38.86, 38.86), P), "#VALUE!", "recency: row 2 is 40, more than T there (38.86): the last purchase cannot come after the as-of date");
    expectSpillError(call("PALIVE", col(1, -1), col(1, 1), col(2, 2), P), "#VALUE!", "frequency: row 2 is -1, not a whole number of repeat purchases ≥ 0");
    expectSpillError(call("BGNBD", col(1.5), col(1), col(2)), "#VALUE!", "frequency: row 1 is 1.5, not a whole number of repeat purchases ≥ 0");
    expectSpillError(call("PURCHASES", 1, col(0, 1), col(0, 0), col(2, -2), P), "#VALUE!", "T: row 2 is -2, below 0 (T is the time since the first purchase)");
    expectSpillError(call("PURCHASES", 1, col(1), col(-1), col(2), P), "#VALUE!", "recency: row 1 is -1, below 0 (recency is the time from the first to the last purchase)");
    expectSpillError(call("BGNBD", col(2, 0), col(1, 3), col(5, 5)), "#VALUE!", "recency: row 2 is 3 but frequency there is 0: with no repeat purchase recency must be 0");
    expectSpillError(call("PALIVE", [[1, 2]], [[1, 9]], [[5, 5]], P), "#VALUE!", "recency: column 2 is 9, more than T there (5): the last purchase cannot come after the as-of date");
    expectSpillError(call("CLVPREDICT", col(2), col(1), col(5), col(-3), P, [[6, 4, 15]]), "#VALUE!", "monetary: row 1 is -3, below 0 (the mean spend of the repeat purchases)");
    expectSpillError(call("GAMMAGAMMA", col(2, 1.5), col(3, 4)), "#VALUE!", "frequency: row 2 is 1.5, not a whole number of repeat purchases ≥ 0");
  });

  test("#VALUE! for a half-blank customer, naming the blank cell", () => {
    expectSpillError(call("BGNBD", col(2, 3), col(1, null), col(5, 5)), "#VALUE!", "recency: row 2 is blank but frequency there is 3");
    expectSpillError(call("PALIVE", col(null), col(1), col(5), P), "#VALUE!", "frequency: row 1 is blank but recency there is 1");
    expectSpillError(call("CLVPREDICT", col(2), col(1), col(5), col(null), P, [[6, 4, 15]]), "#VALUE!", "monetary: row 1 is blank but frequency there is 2: a repeat customer needs a mean repeat spend");
    expectSpillError(call("CLVPREDICT", col(null), col(null), col(null), col(4), P, [[6, 4, 15]]), "#VALUE!", "frequency: row 1 is blank but monetary there is 4");
    expectSpillError(call("GAMMAGAMMA", col(2, null), col(3, 4)), "#VALUE!", "frequency: row 2 is blank but monetary there is 4");
    expectSpillError(call("GAMMAGAMMA", col(2, 3), col(3, null)), "#VALUE!", "monetary: row 2 is blank but frequency there is 3: a repeat customer needs a mean repeat spend");
  });

  test("#VALUE! for bad cells, with the ledger's messages", () => {
    expectSpillError(call("BGNBD", col(1, "abc"), col(1, 1), col(2, 2)), "#VALUE!", "frequency: row 2 is text 'abc'");
    expectSpillError(call("PALIVE", col(1), col("#N/A"), col(2), P), "#VALUE!", "recency: row 1 is the error #N/A");
    expectSpillError(call("PALIVE", col(1), col(1), col(true), P), "#VALUE!", "T: row 1 is TRUE, not a number");
  });

  test("#N/A with a message when there is not enough data to fit", () => {
    expectSpillError(call("BGNBD", col(2), col(1), col(5)), "#N/A", "BG/NBD needs at least 2 customers with a purchase; there is 1");
    expectSpillError(call("BGNBD", col(null, ""), col(null, ""), col(null, "")), "#N/A", "BG/NBD needs at least 2 customers with a purchase; there are 0");
    expectSpillError(call("BGNBD", col(0, 0, 0), col(0, 0, 0), col(5, 6, 7)), "#N/A", "BG/NBD needs at least one customer with a repeat purchase (every frequency is 0), so dropout cannot be estimated");
    expectSpillError(call("GAMMAGAMMA", col(0, 3, 0), col(0, 5, 0)), "#N/A", "Gamma-Gamma needs at least 2 customers with a repeat purchase and positive spend; there is 1");
  });

  test("#NUM! (no message) for impossible parameter values", () => {
    expectSpillError(call("BGNBD", col(1, 0), col(1, 0), col(2, 2), -0.1), "#NUM!");
    expectSpillError(call("GAMMAGAMMA", col(1, 2), col(3, 4), -1), "#NUM!");
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [[0.243, 0, 0.793, 2.426]]), "#NUM!"); // alpha 0
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [["r", -1], ["alpha", 1], ["a", 1], ["b", 1]]), "#NUM!");
    expectSpillError(call("PURCHASES", -1, col(1), col(1), col(2), P), "#NUM!");
    expectSpillError(call("CLVPREDICT", col(1), col(1), col(2), col(5), P, [[6, 0.9, 15]]), "#NUM!"); // q ≤ 1: mean spend infinite
    expectSpillError(call("CLVPREDICT", col(1), col(1), col(2), col(5), P, [[6, 4, 15]], 1.5), "#NUM!");
    expectSpillError(call("CLVPREDICT", col(1), col(1), col(2), col(5), P, [[6, 4, 15]], -1), "#NUM!");
    expectSpillError(call("CLVPREDICT", col(1), col(1), col(2), col(5), P, [[6, 4, 15]], 12, -1), "#NUM!");
  });

  test("#VALUE! for a params range of the wrong shape, a missing or repeated label, a blank or text value", () => {
    const expects = "expects the 2-column table of KA.BGNBD (labels r, alpha, a, b) or 4 cells r, alpha, a, b in one row or column";
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [[0.2, 4, 0.8]]), "#VALUE!", `params: ${expects}; got 1 row × 3 columns`);
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [[0.2, 4], [0.8, 2.4]]), "#VALUE!", `params: ${expects}; got 2 rows × 2 columns`);
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [["r", 0.2], ["alpha", 4], ["a", 0.8], ["log-likelihood", -1]]), "#VALUE!", `params: no row labelled b; ${expects}`);
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [["p", 6], ["q", 4], ["v", 15], ["converged", true]]), "#VALUE!", `params: no row labelled r, alpha, a, b; ${expects}`);
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [["r", 0.2], ["alpha", 4], ["a", 0.8], ["b", 2], ["b", 3]]), "#VALUE!", "params: rows 4 and 5 are both labelled b");
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [["r", 0.2], ["alpha", null], ["a", 0.8], ["b", 2]]), "#VALUE!", "params: row 2, column 2 is blank (alpha)");
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [["r", 0.2], ["alpha", "four"], ["a", 0.8], ["b", 2]]), "#VALUE!", "params: row 2, column 2 is text 'four'");
    expectSpillError(call("PALIVE", col(1), col(1), col(2), [[0.2, null, 0.8, 2]]), "#VALUE!", "params: column 2 is blank (alpha)");
    expectSpillError(call("PALIVE", col(1), col(1), col(2), null), "#VALUE!", "params: is missing");
    expectSpillError(call("CLVPREDICT", col(1), col(1), col(2), col(5), P, [[6, 4]]), "#VALUE!", "ggParams: expects the 2-column table of KA.GAMMAGAMMA (labels p, q, v) or 3 cells p, q, v in one row or column; got 1 row × 2 columns");
  });

  test("#VALUE! for an unknown unit, a blank or text horizon", () => {
    expectSpillError(call("CLVPREDICT", col(1), col(1), col(2), col(5), P, [[6, 4, 15]], 12, 0.01, "year"), "#VALUE!", `unit must be "day", "week" or "month" (the unit of recency and T), not 'year'`);
    expectSpillError(call("CLVPREDICT", col(1), col(1), col(2), col(5), P, [[6, 4, 15]], 12, 0.01, 7), "#VALUE!", `unit must be "day", "week" or "month" (the unit of recency and T), not 7`);
    expectSpillError(call("PURCHASES", null, col(1), col(1), col(2), P), "#VALUE!", "t is required but blank");
    expectSpillError(call("PURCHASES", "soon", col(1), col(1), col(2), P), "#VALUE!", "t is text 'soon'");
    expectSpillError(call("PURCHASES", [[1], [2]], col(1), col(1), col(2), P), "#VALUE!", "t: expects one value, not a range");
  });

  test("10 000 rows with every tenth blank: a finite number or '' in every cell, never NaN", () => {
    const n = 10_000;
    const x = Array.from({ length: n }, (_, i) => [i % 10 === 9 ? null : cdnow.x[i % 2357]]);
    const tx = Array.from({ length: n }, (_, i) => [i % 10 === 9 ? null : cdnow.tx[i % 2357]]);
    const T = Array.from({ length: n }, (_, i) => [i % 10 === 9 ? null : cdnow.T[i % 2357]]);
    for (const out of [call("PALIVE", x, tx, T, P), call("PURCHASES", 52, x, tx, T, P)]) {
      expect(out).toHaveLength(n);
      out.forEach((r: unknown[], i: number) => (i % 10 === 9 ? expect(r[0]).toBe("") : expect(Number.isFinite(r[0])).toBe(true)));
    }
  });
});

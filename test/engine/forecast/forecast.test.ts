import { backtest } from "../../../src/engine/forecast/backtest";
import { bic, chooseModel, type FitSummary, type ModelChoice } from "../../../src/engine/forecast/choice";
import { messages } from "../../../src/engine/i18n";
import { drawClaimedBlocks, drawIntervals, drawIntervalsSplit, fitRepeatModels, forecastCustomers, frequencyBlocks, interval, intervalDrawer, INTERVAL_KEYS, type IntervalColumns, type IntervalRunner } from "../../../src/engine/forecast/customers";
import { recencyChurn } from "../../../src/engine/forecast/churn";
import { conditionalExpectedPurchases, conditionalExpectedPurchasesColumns, pAliveColumns } from "../../../src/engine/models/bgnbd";
import { predictedClvColumns } from "../../../src/engine/models/clv";
import { expectedAverageSpendColumns } from "../../../src/engine/models/gamma-gamma";
import { customerSummary, unitsPerMonth } from "../../../src/engine/models/summary";
import { drawParameters } from "../../../src/engine/models/uncertainty";
import { paretoNbdConditionalExpectedPurchases } from "../../../src/engine/models/paretonbd";
import { dayFromYmd } from "../../../src/engine/day";
import { loadCdnowSample } from "../models/helpers";

const fit = (over: Partial<FitSummary> = {}): FitSummary => ({ state: "ok", logLikelihood: -1000, customers: 500, ...over });
const reason = (c: ModelChoice) => messages("en").forecast.choice(c);

describe("model choice", () => {
  it("BIC = k·ln n − 2·ln L by hand; the lower wins when no backtest ran", () => {
    expect(bic(fit({ logLikelihood: -1000, customers: 500 }))).toBeCloseTo(4 * Math.log(500) + 2000, 10);
    const c = chooseModel({ bgnbd: fit({ logLikelihood: -1000 }), paretonbd: fit({ logLikelihood: -998 }) });
    expect(c).toMatchObject({ name: "paretonbd", criterion: "bic" });
    expect(reason(c)).toMatch(/lower BIC on the full ledger \(2,020\.9 vs 2,024\.9 for BG\/NBD/);
  });

  it("the user's choice wins when its fit converged; otherwise it is said and the usable model is used", () => {
    expect(chooseModel({ bgnbd: fit(), paretonbd: fit({ logLikelihood: -900 }) }, { forced: "bgnbd" })).toMatchObject({ name: "bgnbd", criterion: "forced" });
    const c = chooseModel({ bgnbd: fit({ state: "noDropout" }), paretonbd: fit() }, { forced: "bgnbd" });
    expect(c).toMatchObject({ name: "paretonbd", criterion: "only", requested: "bgnbd" });
    expect(reason(c)).toMatch(/^BG\/NBD was chosen, but it finds no dropout \(a → 0\)\. Pareto\/NBD:/);
  });

  it("neither model identifies dropout → the NBD limit, with P(alive) = 1 said to be an assumption (in both languages)", () => {
    const c = chooseModel({ bgnbd: fit({ state: "noDropout" }), paretonbd: fit({ state: "noDropout" }) });
    expect(c.name).toBe("nbd");
    expect(c.criterion).toBe("noDropout");
    expect(reason(c)).toMatch(/BG\/NBD finds no dropout \(a → 0\) and Pareto\/NBD finds no dropout \(s → 0 or β → ∞\)/);
    expect(reason(c)).toMatch(/P\(alive\) = 1 is an assumption/);
    expect(messages("zh-CN").forecast.choice(c)).toMatch(/P\(alive\) = 1 是该极限的假设而非估计/);
  });
});

describe("forecasts per customer on the CDNOW sample ledger (as of 1998-06-30, weeks)", () => {
  const rows = loadCdnowSample();
  const asOf = dayFromYmd(1998, 6, 30);
  const s = customerSummary(rows, { asOf, unit: "week" });
  const bt = backtest(rows, { calibrationEnd: dayFromYmd(1997, 9, 30), holdoutEnd: asOf, unit: "week" });
  const f = forecastCustomers(s, { unit: "week", backtest: bt, draws: 100 });
  const forcedBg = forecastCustomers(s, { unit: "week", forced: "bgnbd", draws: 0 });

  it("fits made beforehand (fitRepeatModels, Gamma-Gamma included, as the CLI makes them while the backtest runs) give the same forecast", () => {
    const fits = fitRepeatModels(s);
    expect(fits.gammaGamma?.converged).toBe(true);
    expect(fits.gammaGammaUncertainty).toBeDefined();
    const g = forecastCustomers(s, { unit: "week", backtest: bt, draws: 100, fits });
    expect(g.gammaGamma).toEqual(f.gammaGamma);
    expect(g.gammaGammaUncertainty).toEqual(f.gammaGammaUncertainty);
    for (const key of ["expectedSpend", "clv", "clvLow", "clvHigh", "pAliveLow", "expectedPurchases12mHigh"] as const) expect(Array.from(g[key])).toEqual(Array.from(f[key]));
    expect(g.warnings).toEqual(f.warnings);
  });

  it("chooses the model with the lower hold-out error and says so", () => {
    const mae = Object.fromEntries(bt.models.map((m) => [m.name, m.mae]));
    const better = mae.paretonbd < mae.bgnbd ? "paretonbd" : "bgnbd";
    expect(f.choice).toMatchObject({ name: better, criterion: "holdout" });
    expect(f.choice.mae?.[better as "bgnbd"]).toBe(mae[better]);
    expect(reason(f.choice)).toContain(`mean absolute error ${mae[better].toFixed(3)} vs`);
  });

  it("under BG/NBD the columns equal the BG/NBD functions (P(alive), eq. 10 at 12 months and 90 days, Gamma-Gamma spend, CLV) to 1e-9", () => {
    const bg = forcedBg.bgnbd?.params;
    const gg = forcedBg.gammaGamma?.params;
    if (!bg || !gg) throw new Error("fits missing");
    const data = { x: s.x, tx: s.tx, T: s.T };
    const pa = pAliveColumns(bg, data);
    const e12 = conditionalExpectedPurchasesColumns(bg, 12 * unitsPerMonth("week"), data);
    const e90 = conditionalExpectedPurchasesColumns(bg, 90 / 7, data);
    const spend = expectedAverageSpendColumns(gg, { x: s.x, m: s.monetary });
    const clv = predictedClvColumns(bg, gg, { ...data, monetary: s.monetary }, { unit: "week" });
    let worst = 0;
    for (let c = 0; c < s.x.length; c++) {
      if (Number.isNaN(s.x[c])) continue;
      worst = Math.max(
        worst,
        Math.abs(forcedBg.pAlive[c] - pa[c]),
        Math.abs(forcedBg.expectedPurchases12m[c] - e12[c]),
        Math.abs(forcedBg.expectedPurchases90d[c] - e90[c]),
        Math.abs(forcedBg.expectedSpend[c] - spend[c]),
        Math.abs(forcedBg.clv[c] - clv[c]) / Math.max(1, clv[c]),
      );
    }
    expect(worst).toBeLessThan(1e-9);
    expect(Number.isNaN(forcedBg.pAliveLow[0])).toBe(true); // draws: 0 → no intervals
  });

  it("no customer with a purchase has a blank column; the point forecast lies inside its 90 % interval", () => {
    const keys = ["pAlive", "pAliveLow", "pAliveHigh", "expectedPurchases12m", "expectedPurchases12mLow", "expectedPurchases12mHigh", "clv", "clvLow", "clvHigh"] as const;
    let inside = 0;
    let count = 0;
    const blank: string[] = [];
    for (let c = 0; c < s.x.length; c++) {
      if (Number.isNaN(s.x[c])) continue;
      count++;
      for (const k of keys) if (!Number.isFinite(f[k][c])) blank.push(`${k}[${c}]`);
      if (f.pAliveLow[c] <= f.pAlive[c] && f.pAlive[c] <= f.pAliveHigh[c] && f.clvLow[c] <= f.clv[c] && f.clv[c] <= f.clvHigh[c]) inside++;
    }
    expect(blank).toEqual([]);
    expect(inside / count).toBeGreaterThan(0.95);
  });

  it("an interval is the 5th–95th percentile of the quantity over the seeded parameter draws (recomputed here for two customers)", () => {
    expect(f.choice.name).toBe("paretonbd"); // the CDNOW backtest picks Pareto/NBD (lower hold-out MAE)
    if (!f.paretoNbdUncertainty) throw new Error("no Pareto/NBD uncertainty");
    const draws = drawParameters(f.paretoNbdUncertainty, 100, f.seed);
    for (const c of [0, 10]) {
      const t = 12 * unitsPerMonth("week");
      const values = draws.map((p) => paretoNbdConditionalExpectedPurchases(p, t, s.x[c], s.tx[c], s.T[c])).sort((a, b) => a - b);
      const at = (p: number) => {
        const pos = p * (values.length - 1);
        const lo = Math.floor(pos);
        return values[lo] + (pos - lo) * (values[lo + 1] - values[lo]);
      };
      expect(Math.abs(f.expectedPurchases12mLow[c] - at(0.05))).toBeLessThan(1e-12);
      expect(Math.abs(f.expectedPurchases12mHigh[c] - at(0.95))).toBeLessThan(1e-12);
    }
  });

  it("BG/NBD's intervals, whose while-alive purchases are tabulated per frequency, are the percentiles of the directly computed draws (1e-10 relative)", () => {
    const bg = forecastCustomers(s, { unit: "week", forced: "bgnbd", draws: 200 });
    if (!bg.bgnbdUncertainty) throw new Error("no BG/NBD uncertainty");
    const draws = drawParameters(bg.bgnbdUncertainty, 200, bg.seed);
    const t = 12 * unitsPerMonth("week");
    // Customers of the most common frequencies (their histories are the ones tabulated), one per frequency 0…3.
    const picked = [0, 1, 2, 3].map((x) => s.x.findIndex((v) => v === x));
    for (const c of picked) {
      const values = draws.map((p) => conditionalExpectedPurchases(p, t, s.x[c], s.tx[c], s.T[c])).sort((a, b) => a - b);
      const at = (q: number) => {
        const pos = q * (values.length - 1);
        const lo = Math.floor(pos);
        return values[lo] + (pos - lo) * (values[lo + 1] - values[lo]);
      };
      expect(Math.abs(bg.expectedPurchases12mLow[c] - at(0.05))).toBeLessThan(1e-10 * at(0.05));
      expect(Math.abs(bg.expectedPurchases12mHigh[c] - at(0.95))).toBeLessThan(1e-10 * at(0.95));
    }
  });

  it("deferred interval draws, whole or shared between two takers of frequency blocks (as the CLI shares them between threads), give the same columns exactly", async () => {
    for (const forced of ["bgnbd", "paretonbd"] as const) {
      const inLine = forecastCustomers(s, { unit: "week", forced, draws: 100 });
      const deferred = forecastCustomers(s, { unit: "week", forced, draws: 100, deferIntervals: true });
      const work = deferred.intervalWork;
      if (!work) throw new Error("no interval work");
      expect(Number.isNaN(deferred.pAliveLow[0])).toBe(true); // nothing drawn yet
      // Blocks cover the histories once, in order, each starting at a change of frequency or of T; common
      // frequencies are cut into several.
      const blocks = frequencyBlocks(work, 50);
      const ranges = Array.from({ length: blocks.length / 2 }, (_, b) => [blocks[2 * b], blocks[2 * b + 1]]);
      expect(ranges.length).toBeGreaterThan(4);
      expect(ranges.map(([a]) => a)).toEqual([0, ...ranges.slice(0, -1).map(([, b]) => b)]); // each starts where the last ended
      expect(ranges[ranges.length - 1][1]).toBe(work.order.length);
      const changes = (a: number) => work.x[work.order[a]] !== work.x[work.order[a - 1]] || work.T[work.order[a]] !== work.T[work.order[a - 1]];
      for (const [a] of ranges) if (a > 0) expect(changes(a)).toBe(true);
      const insideFrequency = ranges.filter(([a]) => a > 0 && work.x[work.order[a]] === work.x[work.order[a - 1]]);
      expect(insideFrequency.length).toBeGreaterThan(2);
      // Every block drawn on its own, last first, into fresh columns: the same as in line (a block that starts inside a
      // frequency prepares it from all its histories, as the whole run does).
      const alone = Object.fromEntries(INTERVAL_KEYS.map((k) => [k, new Float64Array(s.x.length).fill(NaN)])) as unknown as IntervalColumns;
      for (let b = ranges.length - 1; b >= 0; b--) drawClaimedBlocks(work, blocks.subarray(2 * b, 2 * b + 2), new Int32Array(new SharedArrayBuffer(4)), alone);
      for (const key of INTERVAL_KEYS) expect([forced, key, Array.from(alone[key])]).toEqual([forced, key, Array.from(inLine[key])]);
      // Two drawers taking turns (even blocks, odd blocks): each keeps its preparation of a frequency for its next block.
      const turns = Object.fromEntries(INTERVAL_KEYS.map((k) => [k, new Float64Array(s.x.length).fill(NaN)])) as unknown as IntervalColumns;
      const drawers = [intervalDrawer(work), intervalDrawer(work)];
      ranges.forEach(([a, b], i) => drawIntervals(work, a, b, turns, drawers[i % 2]));
      for (const key of INTERVAL_KEYS) expect([forced, key, Array.from(turns[key])]).toEqual([forced, key, Array.from(inLine[key])]);
      // The other "thread" (here in line, into fresh columns) takes the first three blocks before this one starts.
      const theirs: number[] = [];
      const runner: IntervalRunner = (w, shared, next) => {
        const cols = Object.fromEntries(INTERVAL_KEYS.map((k) => [k, new Float64Array(s.x.length).fill(NaN)])) as unknown as IntervalColumns;
        for (let k = 0; k < 3; k++) {
          const b = Atomics.add(next, 0, 1);
          drawClaimedBlocks(w, shared.subarray(2 * b, 2 * b + 2), new Int32Array(new SharedArrayBuffer(4)), cols);
          theirs.push(b);
        }
        return Promise.resolve({ columns: cols, drawn: theirs });
      };
      await drawIntervalsSplit(work, deferred, runner);
      expect(theirs).toEqual([0, 1, 2]);
      for (const key of INTERVAL_KEYS) expect([forced, key, Array.from(deferred[key])]).toEqual([forced, key, Array.from(inLine[key])]);
    }
  });

  it("the same seed gives the same intervals; another seed different ones", () => {
    // The first 400 customers (a smaller fit, same code path).
    const part = { ...s, x: s.x.subarray(0, 400), tx: s.tx.subarray(0, 400), T: s.T.subarray(0, 400), monetary: s.monetary.subarray(0, 400) };
    const one = forecastCustomers(part, { unit: "week", forced: "paretonbd", draws: 40 });
    const again = forecastCustomers(part, { unit: "week", forced: "paretonbd", draws: 40 });
    const other = forecastCustomers(part, { unit: "week", forced: "paretonbd", draws: 40, seed: 2 });
    expect(Array.from(again.clvHigh)).toEqual(Array.from(one.clvHigh));
    expect(Array.from(other.clvHigh)).not.toEqual(Array.from(one.clvHigh));
  });
});

describe("the NBD limit when the ledger shows no dropout", () => {
  // 300 steady customers: one purchase every g days (g = 5, 10 or 15) since their start, up to the as-of day.
  const customer: number[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  const asOf = 400;
  for (let c = 0; c < 300; c++) {
    const g = 5 * (1 + (c % 3));
    for (let d = c % 50; d <= asOf; d += g) {
      customer.push(c);
      day.push(d);
      amount.push(10 + (c % 7) + (d % 3));
    }
  }
  const s = customerSummary({ customer, day, amount, nCustomers: 300 }, { asOf, unit: "day" });
  const f = forecastCustomers(s, { unit: "day", draws: 50 });

  it("uses the NBD, says P(alive) = 1 is an assumption, and leaves no column blank", () => {
    expect(f.choice.name).toBe("nbd");
    expect(f.pAliveAssumed).toBe(true);
    const nbd = f.nbd?.params;
    if (!nbd) throw new Error("no NBD fit");
    const t = 12 * unitsPerMonth("day");
    let worst = 0;
    for (let c = 0; c < 300; c++) {
      expect([f.pAlive[c], f.pAliveLow[c], f.pAliveHigh[c]]).toEqual([1, 1, 1]);
      // The NBD's conditional expectation (r + x)/(α + T) · t, by hand.
      worst = Math.max(worst, Math.abs(f.expectedPurchases12m[c] - ((nbd.r + s.x[c]) / (nbd.alpha + s.T[c])) * t));
      expect(Number.isFinite(f.clv[c]) && f.expectedPurchases12mLow[c] < f.expectedPurchases12mHigh[c]).toBe(true);
    }
    expect(worst).toBeLessThan(1e-9);
    expect(reason(f.choice)).toMatch(/NBD limit \(no dropout\); P\(alive\) = 1 is an assumption/);
  });
});

describe("churn by recency", () => {
  it("days since the last purchase against a multiple of the customer's own mean gap, or the ledger's median gap", () => {
    // Day 0 = first purchase; as of day 100. A: every 10 days to day 60 (gap 10, silent 40 → 4 gaps: lapsed);
    // B: every 20 days to day 80 (gap 20, silent 20: not); C: days 0 and 30 (gap 30, silent 70 → 2.33: not);
    // D: one purchase on day 20 (median gap of A, B, C = 20; silent 80 → 4: lapsed); E: one purchase on day 50 (2.5: not).
    const rows = { customer: [] as number[], day: [] as number[], amount: [] as number[], nCustomers: 5 };
    const buy = (c: number, d: number) => {
      rows.customer.push(c);
      rows.day.push(d);
      rows.amount.push(5);
    };
    for (let d = 0; d <= 60; d += 10) buy(0, d);
    for (let d = 0; d <= 80; d += 20) buy(1, d);
    buy(2, 0);
    buy(2, 30);
    buy(3, 20);
    buy(4, 50);
    for (const unit of ["day", "week"] as const) {
      const churn = recencyChurn(customerSummary(rows, { asOf: 100, unit }));
      expect(churn.medianGap).toBeCloseTo(20, 9);
      expect(Array.from(churn.daysSinceLast)).toEqual([40, 20, 70, 80, 50]);
      expect(Array.from(churn.typicalGap).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([10, 20, 30, 20, 20]);
      expect(Array.from(churn.lapsed)).toEqual([1, 0, 0, 1, 0]);
    }
    expect(Array.from(recencyChurn(customerSummary(rows, { asOf: 100, unit: "day" }), 2).lapsed)).toEqual([1, 0, 1, 1, 1]);
  });
});

describe("interval: the 5th and 95th percentiles by selection", () => {
  /** Hyndman & Fan type 7 on a sorted copy (NaN last, as Float64Array sorts). */
  function bySorting(v: Float64Array): [number, number] {
    const s = Float64Array.from(v).sort();
    const q = (p: number) => {
      const pos = p * (s.length - 1);
      const lo = Math.floor(pos);
      const hi = Math.min(lo + 1, s.length - 1);
      return s[lo] === s[hi] ? s[lo] : s[lo] + (pos - lo) * (s[hi] - s[lo]);
    };
    return [q((1 - 0.9) / 2), q((1 + 0.9) / 2)];
  }

  it("equals the sorted definition on 5,000 random arrays (1–250 values; ties, ±Infinity, NaN, constants)", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 5000; t++) {
      const n = 1 + Math.floor(rnd() * 250);
      const kind = t % 5;
      const v = Float64Array.from({ length: n }, () =>
        kind === 0 ? Math.floor(rnd() * 4) : kind === 1 ? (rnd() < 0.1 ? (rnd() < 0.5 ? Infinity : -Infinity) : rnd()) : kind === 2 ? (rnd() < 0.2 ? NaN : rnd() * 100 - 50) : kind === 3 ? 1 : rnd(),
      );
      expect(interval(Float64Array.from(v))).toEqual(bySorting(v));
    }
  });
});

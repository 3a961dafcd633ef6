import { dayFromYmd, dayOfMonthStart, monthOfDay } from "../../../../src/engine/day";
import { NO_DAY } from "../../../../src/engine/ledger/types";
import { agingBucket, analyzeReceivables, rollRateLossRates } from "../../../../src/engine/metrics/credit";

const d = (y: number, m: number, dd: number): number => dayFromYmd(y, m, dd);

/** mulberry32: a small seeded PRNG, so the generated history is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("roll-rate method by hand", () => {
  // Bounds 0, 30, 60 → buckets Current, 1–30, 31–60, > 60. As-of 2024-04-30; month ends Jan 31, Feb 29, Mar 31, Apr 30.
  //   A 1000 issued 01-01 due 01-31, never paid: Jan 31 dpd 0 (Current) → Feb 29 dpd 29 (1–30) → Mar 31 dpd 60 (31–60) → Apr 30 dpd 90 (> 60)
  //   B 3000 issued 01-15 due 02-14, paid 02-20: Jan 31 Current → paid by Feb 29 (cured)
  //   C 2000 issued 02-01 due 03-02, paid 04-05: Feb 29 dpd −2 (Current) → Mar 31 dpd 29 (1–30) → paid by Apr 30 (cured)
  // Monthly rates (rolled / (rolled + cured)):
  //   Current: Jan→Feb (A rolled 1000, B cured 3000) = 0.25; Feb→Mar (C rolled) = 1           → mean 0.625
  //   1–30:    Feb→Mar (A rolled) = 1; Mar→Apr (C cured) = 0                                    → mean 0.5
  //   31–60:   Mar→Apr (A rolled) = 1                                                           → mean 1
  // Loss rates with LGD 1: > 60 → 1; 31–60 → 1; 1–30 → 0.5; Current → 0.625 × 0.5 = 0.3125.
  const rows = {
    used: 3,
    day: Int32Array.from([d(2024, 1, 1), d(2024, 1, 15), d(2024, 2, 1)]),
    amount: Float64Array.from([1000, 3000, 2000]),
    paidDay: Int32Array.from([NO_DAY, d(2024, 2, 20), d(2024, 4, 5)]),
  };
  const due = Int32Array.from([d(2024, 1, 31), d(2024, 2, 14), d(2024, 3, 2)]);
  const asOf = d(2024, 4, 30);

  test("roll rates 0.625, 0.5, 1 and loss rates 0.3125, 0.5, 1, 1", () => {
    const est = rollRateLossRates(rows, due, asOf, [0, 30, 60], { minMonths: 3, minInvoicesPerBucket: 1 });
    if (!est.available) throw new Error(est.reason);
    expect(est.months).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(est.monthly[0]).toEqual([0.25, NaN, NaN]);
    expect(est.monthly[1]).toEqual([1, 1, NaN]);
    expect(est.monthly[2]).toEqual([NaN, 0, 1]);
    expect(est.rollRates).toEqual([0.625, 0.5, 1]);
    expect(est.lossRates).toEqual([0.3125, 0.5, 1, 1]);
  });
  test("loss given default 0.4 scales every loss rate: 0.125, 0.2, 0.4, 0.4", () => {
    const est = rollRateLossRates(rows, due, asOf, [0, 30, 60], { minMonths: 3, minInvoicesPerBucket: 1, lossGivenDefault: 0.4 });
    if (!est.available) throw new Error(est.reason);
    est.lossRates.forEach((v, b) => expect(v).toBeCloseTo([0.125, 0.2, 0.4, 0.4][b], 12));
  });
  test("a partial payment leaves its remainder rolling: A pays 400 of 1000 on 02-10, so 600 of it rolls into 1–30", () => {
    const partial = { ...rows, paidDay: Int32Array.from([d(2024, 2, 10), d(2024, 2, 20), d(2024, 4, 5)]), paidAmount: Float64Array.from([400, NaN, NaN]) };
    const est = rollRateLossRates(partial, due, asOf, [0, 30, 60], { minMonths: 3, minInvoicesPerBucket: 1 });
    if (!est.available) throw new Error(est.reason);
    // Current Jan→Feb: rolled 600 (A's remainder), base 1000 + 3000 → 0.15
    expect(est.monthly[0][0]).toBeCloseTo(600 / 4000, 12);
  });
  test("too little history: 3 months < 6 → not available, with the reason; no paid dates → not available", () => {
    const est = rollRateLossRates(rows, due, asOf, [0, 30, 60], { minInvoicesPerBucket: 1 });
    expect(est.available).toBe(false);
    if (!est.available) expect(est.reason).toMatch(/only 3 months of payment history \(at least 6 needed\)/);
    const noPaid = rollRateLossRates({ used: 3, day: rows.day, amount: rows.amount }, due, asOf, [0, 30, 60]);
    expect(noPaid.available).toBe(false);
  });
  test("too few invoices leaving a bucket (A, B, C leave Current: 3) → not available (default 30 needed)", () => {
    const est = rollRateLossRates(rows, due, asOf, [0, 30, 60], { minMonths: 3 });
    expect(est.available).toBe(false);
    if (!est.available) expect(est.reason).toMatch(/only 3 invoices left aging bucket 1/);
  });
});

describe("roll-rate method on a generated history with known roll rates", () => {
  // Generator: 200 invoices a day for 2022-01-01 .. 2023-12-31, amounts uniform 100..1000, 30-day terms.
  // At each month end an unpaid invoice in bucket b that would move to a later bucket by the next month end is
  // paid before then with probability 1 − ρ_b (else it rolls); one that would stay in its bucket is not paid;
  // in the last bucket (> 90) it is paid with probability 0.1 a month. This is exactly the process the estimator
  // measures, so the estimate should recover ρ = 0.25, 0.4, 0.5, 0.6.
  const RHO = [0.25, 0.4, 0.5, 0.6];
  const bounds = [0, 30, 60, 90];
  const asOf = d(2023, 12, 31);
  const rand = mulberry32(20240607);
  const day: number[] = [];
  const amount: number[] = [];
  const due: number[] = [];
  const paid: number[] = [];
  const monthEnd = (m: number): number => dayOfMonthStart(m + 1) - 1;
  for (let t = d(2022, 1, 1); t <= asOf; t++) {
    for (let j = 0; j < 200; j++) {
      const dueDay = t + 30;
      let paidDay = NO_DAY;
      for (let m = monthOfDay(t); monthEnd(m + 1) <= asOf; m++) {
        const s0 = monthEnd(m);
        const s1 = monthEnd(m + 1);
        const b0 = agingBucket(s0 - dueDay, bounds);
        const b1 = agingBucket(s1 - dueDay, bounds);
        const payNow = b0 === 4 ? rand() < 0.1 : b1 > b0 ? rand() >= RHO[b0] : false;
        if (payNow) {
          paidDay = s0 + 1 + Math.floor(rand() * (s1 - s0));
          break;
        }
      }
      day.push(t);
      amount.push(100 + 900 * rand());
      due.push(dueDay);
      paid.push(paidDay);
    }
  }
  const rows = { used: day.length, day: Int32Array.from(day), amount: Float64Array.from(amount), paidDay: Int32Array.from(paid) };
  const est = rollRateLossRates(rows, Int32Array.from(due), asOf, bounds);

  test("ρ recovered within 0.03 of the truth for every bucket", () => {
    // Tolerance: over the 12-month window the sparsest bucket (61–90) sees ~6000 × 0.25 × 0.4 × 0.5 ≈ 300 invoices a
    // month, 3600 in all: a binomial SE of √(0.6 · 0.4 / 3600) ≈ 0.008, × 1.11 for amount weights uniform on
    // 100..1000 (√(E[w²]) / E[w]) ≈ 0.009. 0.03 is over 3 SE for that bucket and ~10 SE for Current.
    if (!est.available) throw new Error(est.reason);
    expect(est.months.length).toBe(12);
    est.rollRates.forEach((r, b) => expect(Math.abs(r - RHO[b])).toBeLessThan(0.03));
    if (process.env.KA_PRINT) console.log("roll rates", est.rollRates, "loss rates", est.lossRates);
  });
  test("loss rates = Π ρ to the last bucket within 0.02: 0.03, 0.12, 0.3, 0.6, 1", () => {
    // Products of estimates within 0.03 each; the deepest product's error is dominated by its last factor.
    if (!est.available) throw new Error(est.reason);
    const truth = [0.25 * 0.4 * 0.5 * 0.6, 0.4 * 0.5 * 0.6, 0.5 * 0.6, 0.6, 1];
    est.lossRates.forEach((v, b) => expect(Math.abs(v - truth[b])).toBeLessThan(0.03));
  });
  test("analyzeReceivables (auto) uses the estimate and says so", () => {
    const dueCol = Int32Array.from(due);
    const groups = { n: 1, order: Int32Array.from(day, (_, i) => i), start: Int32Array.from([0, day.length]) };
    const res = analyzeReceivables({ ...rows, dueDay: dueCol }, groups, { asOf, bounds, lossRates: [0.003, 0.016, 0.036, 0.066, 0.106], lossRateMethod: "auto" });
    expect(res.lossRateMethod).toBe("rollRate");
    if (!est.available) throw new Error(est.reason);
    expect(res.lossRates).toEqual(est.lossRates);
    expect(res.notes.join(" ")).toMatch(/roll-rate method from 12 months/);
    // The ECL is the provision matrix with those rates.
    const manual = res.agingTotals.reduce((s, t, b) => s + Math.max(0, t) * est.lossRates[b], 0);
    expect(res.ecl).toBeCloseTo(manual, 6);
  });
  test("the roll rates follow the user's buckets (30,60,90,180,365): 6 roll rates, 7 loss rates rising to the LGD", () => {
    const custom = rollRateLossRates(rows, Int32Array.from(due), asOf, [0, 30, 60, 90, 180, 365]);
    if (!custom.available) throw new Error(custom.reason);
    expect(custom.rollRates).toHaveLength(6);
    expect(custom.lossRates).toHaveLength(7);
    expect(custom.lossRates[6]).toBe(1);
    for (let b = 1; b < 7; b++) expect(custom.lossRates[b]).toBeGreaterThanOrEqual(custom.lossRates[b - 1]);
    // The first three buckets roll exactly as before (the bounds there did not change).
    if (!est.available) throw new Error(est.reason);
    expect(custom.rollRates.slice(0, 3)).toEqual(est.rollRates.slice(0, 3));
  });
});

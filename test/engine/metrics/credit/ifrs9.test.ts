/**
 * The IFRS 9 pack: IFRS 9 Illustrative Example 12 (provision matrix, 30 M of receivables → 580,000), the
 * forward-looking overlay and probability-weighted scenarios by hand, the disclosure table, the open items and the
 * loss-allowance movement between two dates on a hand-made ledger (every line by hand).
 */
import { dayFromYmd } from "../../../../src/engine/day";
import { NO_DAY } from "../../../../src/engine/ledger/types";
import { adjustedLossRates, analyzeReceivables, disclosureTable, scenarioEcl } from "../../../../src/engine/metrics/credit";
import { KaProblem } from "../../../../src/engine/problems";
import { makeRows } from "./helpers";
import type { Row } from "./helpers";

const d = (y: number, m: number, dd: number): number => dayFromYmd(y, m, dd);
const RATES = [0.003, 0.016, 0.036, 0.066, 0.106];
const BOUNDS = [0, 30, 60, 90];
const LABELS = ["Current", "1–30", "31–60", "61–90", "> 90"];

/** IFRS 9 IE Example 12: Company M's trade receivables of 30 M by days past due. */
const EXAMPLE_12 = [15_000_000, 7_500_000, 4_000_000, 2_500_000, 1_000_000];

describe("IFRS 9 Illustrative Example 12", () => {
  test("disclosure: 45,000 + 120,000 + 144,000 + 165,000 + 106,000 = 580,000 on 30 M (1.93 %)", () => {
    const t = disclosureTable(LABELS, EXAMPLE_12, RATES);
    expect(t.rows.map((r) => r.allowance)).toEqual([45_000, 120_000, 144_000, 165_000, 106_000].map((v) => expect.closeTo(v, 6)));
    expect(t.gross).toBe(30_000_000);
    expect(t.allowance).toBeCloseTo(580_000, 6);
    expect(t.rate).toBeCloseTo(580_000 / 30_000_000, 12);
  });
  test("the same from a ledger: one unpaid invoice per bucket, aged by due date", () => {
    // As-of 2024-12-31; due 2025-01-10 (not due), 12-16 (15 days), 11-16 (45), 10-17 (75), 2024-09-02 (120).
    const asOf = d(2024, 12, 31);
    const dues = [d(2025, 1, 10), d(2024, 12, 16), d(2024, 11, 16), d(2024, 10, 17), d(2024, 9, 2)];
    const rows: Row[] = EXAMPLE_12.map((amount, k) => ({ c: k, day: dues[k] - 30, due: dues[k], amount }));
    const { r, g } = makeRows(rows, { due: true, paid: true });
    const rec = analyzeReceivables(r, g, { asOf, bounds: BOUNDS, lossRates: RATES, lossRateMethod: "given" });
    expect(Array.from(rec.rowDaysPastDue)).toEqual([-10, 15, 45, 75, 120]);
    expect(rec.gross).toEqual(EXAMPLE_12);
    expect(rec.ecl).toBeCloseTo(580_000, 6);
    expect(rec.ifrs9.disclosure.allowance).toBeCloseTo(580_000, 6);
  });
});

describe("forward-looking overlay and probability-weighted scenarios, by hand", () => {
  test("overlay 1.1 and a 1.5 multiplier on > 90 on Example 12: 49,500 + 132,000 + 158,400 + 181,500 + 174,900 = 696,300", () => {
    // Rates 0.3 %, 1.6 %, 3.6 %, 6.6 % × 1.1 = 0.33 %, 1.76 %, 3.96 %, 7.26 %; 10.6 % × 1.1 × 1.5 = 17.49 %.
    const t = disclosureTable(LABELS, EXAMPLE_12, RATES, { overlay: 1.1, bucketMultipliers: [1, 1, 1, 1, 1.5] });
    t.rows.forEach((r, b) => expect(r.rate).toBeCloseTo([0.0033, 0.0176, 0.0396, 0.0726, 0.1749][b], 12));
    expect(t.allowance).toBeCloseTo(696_300, 6);
  });
  test("base 50 % × 1, upside 20 % × 0.8, downside 30 % × 1.5 on Example 12: 580,000 × (0.5 + 0.16 + 0.45) = 643,800", () => {
    const scenarios = [
      { name: "Base", weight: 0.5, multiplier: 1 },
      { name: "Upside", weight: 0.2, multiplier: 0.8 },
      { name: "Downside", weight: 0.3, multiplier: 1.5 },
    ];
    const t = disclosureTable(LABELS, EXAMPLE_12, RATES, { scenarios });
    expect(t.scenarios.map((s) => s.ecl)).toEqual([580_000, 464_000, 870_000].map((v) => expect.closeTo(v, 6)));
    expect(t.allowance).toBeCloseTo(643_800, 6);
    expect(t.rows[4].rate).toBeCloseTo(0.106 * 1.11, 12);
    expect(scenarioEcl(EXAMPLE_12, RATES, scenarios)).toBeCloseTo(643_800, 6);
  });
  test("a rate cannot exceed 100 % in any scenario: balances 100, 200 at 10 %, 80 %; base 60 % × 1, downside 40 % × 1.5", () => {
    // Base: 10 + 160 = 170. Downside: 100 × 15 % + 200 × min(1, 120 %) = 15 + 200 = 215. 0.6 × 170 + 0.4 × 215 = 188.
    const scenarios = [
      { name: "Base", weight: 0.6, multiplier: 1 },
      { name: "Downside", weight: 0.4, multiplier: 1.5 },
    ];
    expect(scenarioEcl([100, 200], [0.1, 0.8], scenarios)).toBeCloseTo(188, 12);
    expect(adjustedLossRates([0.1, 0.8], { scenarios }).effective[1]).toBeCloseTo(0.6 * 0.8 + 0.4 * 1, 12);
  });
  test("weights must sum to 1: 50 % + 20 % + 20 % is refused with the sum named; 0.1 + 0.2 + 0.7 is accepted", () => {
    const bad = [
      { name: "Base", weight: 0.5, multiplier: 1 },
      { name: "Upside", weight: 0.2, multiplier: 0.8 },
      { name: "Downside", weight: 0.2, multiplier: 1.5 },
    ];
    let message = "";
    try {
      disclosureTable(LABELS, EXAMPLE_12, RATES, { scenarios: bad });
    } catch (e) {
      message = (e as KaProblem).problem.message;
      expect((e as KaProblem).problem.code).toBe("outOfRange");
    }
    expect(message).toBe("scenarios: the weights must sum to 1 (100 %), but Base 50 % + Upside 20 % + Downside 20 % = 90 %");
    const ok = [0.1, 0.2, 0.7].map((weight, k) => ({ name: `S${k}`, weight, multiplier: 1 }));
    expect(disclosureTable(LABELS, EXAMPLE_12, RATES, { scenarios: ok }).allowance).toBeCloseTo(580_000, 6);
  });
  test("bad parameters: a negative weight, multiplier or overlay, multipliers not matching the buckets, a rate above 1", () => {
    expect(() => adjustedLossRates(RATES, { scenarios: [{ name: "A", weight: 1.5, multiplier: 1 }, { name: "B", weight: -0.5, multiplier: 1 }] })).toThrowProblem("outOfRange");
    expect(() => adjustedLossRates(RATES, { scenarios: [{ name: "A", weight: 1, multiplier: -1 }] })).toThrowProblem("outOfRange");
    expect(() => adjustedLossRates(RATES, { overlay: -0.1 })).toThrowProblem("outOfRange");
    expect(() => adjustedLossRates(RATES, { bucketMultipliers: [1, 1] })).toThrowProblem("sizeMismatch");
    expect(() => adjustedLossRates([0.1, 1.2])).toThrowProblem("outOfRange");
    expect(() => adjustedLossRates(RATES, { scenarios: [] })).toThrowProblem("outOfRange");
  });
});

describe("loss-allowance movement between 2024-03-31 and 2024-06-30 (write off beyond 180 days past due)", () => {
  // Customer X: I1 10 000 dated 02-01 due 03-02, paid in full 04-15.
  //             I2  5 000 dated 01-10 due 02-09, 2 000 paid 05-10 (3 000 left).
  //             I4  2 000 dated 2023-10-01 due 10-31, unpaid: 152 days past due at the opening (> 90), 243 at the close.
  //             I7  3 000 dated 2023-06-01 due 07-01, unpaid: 274 days past due at the opening — written off before.
  // Customer Y: I3  8 000 dated 03-20 due 04-19, unpaid.
  // Customer Z: I5  6 000 dated 05-15 due 06-14, unpaid; I6 1 500 dated 04-10 due 05-10 paid 05-08;
  //             CN −1 000 credit note 06-20, unapplied → applied to I5 (5 000 left).
  // Customer W: a −300 credit note 06-25, unapplied, nothing to apply it to: a credit balance (not a receivable).
  const t0 = d(2024, 3, 31);
  const asOf = d(2024, 6, 30);
  const rows: Row[] = [
    { c: 0, day: d(2024, 2, 1), due: d(2024, 3, 2), amount: 10_000, paid: d(2024, 4, 15), paidAmount: 10_000 },
    { c: 0, day: d(2024, 1, 10), due: d(2024, 2, 9), amount: 5_000, paid: d(2024, 5, 10), paidAmount: 2_000 },
    { c: 0, day: d(2023, 10, 1), due: d(2023, 10, 31), amount: 2_000 },
    { c: 0, day: d(2023, 6, 1), due: d(2023, 7, 1), amount: 3_000 },
    { c: 1, day: d(2024, 3, 20), due: d(2024, 4, 19), amount: 8_000 },
    { c: 2, day: d(2024, 5, 15), due: d(2024, 6, 14), amount: 6_000 },
    { c: 2, day: d(2024, 4, 10), due: d(2024, 5, 10), amount: 1_500, paid: d(2024, 5, 8), paidAmount: 1_500 },
    { c: 2, day: d(2024, 6, 20), amount: -1_000 },
    { c: 3, day: d(2024, 6, 25), amount: -300 },
  ];
  const { r, g } = makeRows(rows, { due: true, paid: true, paidAmount: true });
  const rec = analyzeReceivables(r, g, { asOf, bounds: BOUNDS, lossRates: RATES, lossRateMethod: "given", writeOffDays: 180, compareAsOf: t0 });
  const mv = rec.ifrs9.movement!;

  test("opening: I3 8 000 × 0.3 % + I1 10 000 × 1.6 % + I2 5 000 × 3.6 % + I4 2 000 × 10.6 % = 24 + 160 + 180 + 212 = 576", () => {
    expect(mv.from).toBe("2024-03-31");
    expect(mv.to).toBe("2024-06-30");
    expect(mv.openingGross).toBe(25_000);
    expect(mv.opening).toBeCloseTo(576, 9);
  });
  test("closing: I2 3 000 × 10.6 % + I3 8 000 × 6.6 % + I5 5 000 × 1.6 % = 318 + 528 + 80 = 926", () => {
    expect(rec.gross).toEqual([0, 5_000, 0, 8_000, 3_000]);
    expect(mv.closingGross).toBe(16_000);
    expect(mv.closing).toBeCloseTo(926, 9);
    expect(mv.closing).toBeCloseTo(rec.ecl, 9);
  });
  test("new receivables: I5's 5 000 (after Z's credit note) × 1.6 % = 80 (I6 came and went)", () => {
    expect(mv.newReceivables).toBeCloseTo(80, 9);
    expect(mv.counts.newItems).toBe(1);
  });
  test("collected: I1 −10 000 × 1.6 % = −160; I2 −2 000 × 3.6 % = −72 → −232", () => {
    expect(mv.collected).toBeCloseTo(-232, 9);
    expect(mv.counts.collectedItems).toBe(2);
  });
  test("write-offs: I4 crossed 180 days past due → −2 000 (I7 was written off before the opening)", () => {
    expect(mv.writeOffs).toBe(-2_000);
    expect(mv.writtenOffGross).toBe(2_000);
    expect(mv.counts.writtenOffItems).toBe(1);
  });
  test("remeasurement: I2 3 000 × (10.6 − 3.6) % = 210; I3 8 000 × (6.6 − 0.3) % = 504; I4 top-up 2 000 × (1 − 10.6 %) = 1 788 → 2 502", () => {
    expect(mv.remeasurement).toBeCloseTo(2_502, 9);
  });
  test("576 + 80 − 232 − 2 000 + 2 502 = 926: opening + movements = closing to the cent", () => {
    const sum = mv.opening + mv.newReceivables + mv.collected + mv.writeOffs + mv.remeasurement;
    expect(Math.abs(sum - mv.closing)).toBeLessThan(0.005);
  });
  test("the owed view keeps written-off items; the disclosure leaves them and W's credit balance out", () => {
    // > 90 owed: I2 3 000 + I4 2 000 + I7 3 000 = 8 000, of which 5 000 written off. Current: W's −300 credit balance.
    expect(rec.agingTotals).toEqual([-300, 5_000, 0, 8_000, 8_000]);
    expect(rec.writtenOffByBucket).toEqual([0, 0, 0, 0, 5_000]);
    expect(rec.creditBalances).toBe(-300);
    expect(Array.from(rec.writtenOff)).toEqual([5_000, 0, 0, 0]);
    for (let b = 0; b < 5; b++) expect(rec.agingTotals[b]).toBeCloseTo(rec.gross[b] + rec.writtenOffByBucket[b] + (b === 0 ? rec.creditBalances : 0), 9);
  });
  test("open items, most overdue first: I7 365, I4 243, I2 142, I3 72, I5 16, then W's credit balance; they add up to each bucket", () => {
    const it = rec.openItems;
    expect(Array.from(it.row)).toEqual([3, 2, 1, 4, 5, -1]);
    expect(Array.from(it.daysPastDue).slice(0, 5)).toEqual([365, 243, 142, 72, 16]);
    expect(Array.from(it.open)).toEqual([3_000, 2_000, 3_000, 8_000, 5_000, -300]);
    expect(Array.from(it.writtenOff)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(Array.from(it.customer)).toEqual([0, 0, 0, 1, 2, 3]);
    const byBucket = [0, 0, 0, 0, 0];
    it.open.forEach((v, k) => (byBucket[it.bucket[k]] += v));
    expect(byBucket).toEqual(rec.agingTotals);
  });
  test("the opening date must be before as-of; rebuilding it needs paid dates", () => {
    const opts = { asOf, bounds: BOUNDS, lossRates: RATES, lossRateMethod: "given" as const };
    expect(() => analyzeReceivables(r, g, { ...opts, compareAsOf: asOf })).toThrowProblem("outOfRange");
    const balanceOnly = makeRows(rows.map((x) => ({ ...x, balance: x.amount })), { due: true, balance: true });
    expect(() => analyzeReceivables(balanceOnly.r, balanceOnly.g, { ...opts, compareAsOf: t0 })).toThrowProblem("notEnoughData");
  });
  test("a flagged write-off (a date per row) leaves the gross carrying amount from that day on", () => {
    const flags = Int32Array.from(rows, (_, i) => (i === 4 ? d(2024, 6, 1) : NO_DAY)); // I3 flagged on 06-01
    const res = analyzeReceivables(r, g, { asOf, bounds: BOUNDS, lossRates: RATES, lossRateMethod: "given", writeOffDay: flags, compareAsOf: t0 });
    const m = res.ifrs9.movement!;
    // Without the 180-day rule I4 and I7 stay carried; I3 (8 000, 0.3 % at the opening) is written off in the period.
    expect(m.writeOffs).toBe(-8_000);
    expect(res.gross).toEqual([0, 5_000, 0, 0, 8_000]);
    expect(m.opening).toBeCloseTo(24 + 160 + 180 + (2_000 + 3_000) * 0.106, 9);
    expect(Math.abs(m.opening + m.newReceivables + m.collected + m.writeOffs + m.remeasurement - m.closing)).toBeLessThan(0.005);
  });
});

/**
 * Aging buckets the user chooses (`30,60,90,180,365`): parsing, labels, the illustrative rates mapped onto them,
 * and the analysis following them (aging, open items, provision matrix).
 */
import { dayFromYmd } from "../../../../src/engine/day";
import { agingLabels, analyzeReceivables, illustrativeLossRates, parseAgingBounds } from "../../../../src/engine/metrics/credit";
import { KaProblem } from "../../../../src/engine/problems";
import { makeRows } from "./helpers";
import type { Row } from "./helpers";

const d = (y: number, m: number, dd: number): number => dayFromYmd(y, m, dd);

describe("parseAgingBounds", () => {
  test("'30,60,90,180,365' → Current, 1–30, 31–60, 61–90, 91–180, 181–365, > 365", () => {
    const b = parseAgingBounds("30,60,90,180,365");
    expect(b).toEqual([0, 30, 60, 90, 180, 365]);
    expect(agingLabels(b)).toEqual(["Current", "1–30", "31–60", "61–90", "91–180", "181–365", "> 365"]);
  });
  test("the default buckets from '30,60,90'; spaces, semicolons and Chinese commas separate too; a list may start at 0", () => {
    expect(parseAgingBounds("30,60,90")).toEqual([0, 30, 60, 90]);
    expect(parseAgingBounds(" 30; 60 90 ")).toEqual([0, 30, 60, 90]);
    expect(parseAgingBounds("30，60，90")).toEqual([0, 30, 60, 90]);
    expect(parseAgingBounds("0,45")).toEqual([0, 45]);
  });
  test("bad lists are refused naming the value: text, a fraction, not ascending, empty, too many", () => {
    const messageOf = (text: string) => {
      try {
        parseAgingBounds(text);
      } catch (e) {
        return (e as KaProblem).problem.message;
      }
      return "";
    };
    expect(messageOf("30,sixty,90")).toBe("aging buckets: 'sixty' (value 2) is not a whole number of days");
    expect(messageOf("30,45.5")).toMatch(/'45.5' \(value 2\)/);
    expect(messageOf("30,90,60")).toMatch(/must be greater than/);
    expect(() => parseAgingBounds(" , ")).toThrowProblem("outOfRange");
    expect(() => parseAgingBounds(Array.from({ length: 31 }, (_, k) => (k + 1) * 10).join(","))).toThrowProblem("outOfRange");
  });
});

describe("illustrative loss rates on the user's buckets", () => {
  test("each bucket takes the Example 12 rate of the default bucket of its first day", () => {
    expect(illustrativeLossRates([0, 30, 60, 90])).toEqual([0.003, 0.016, 0.036, 0.066, 0.106]);
    expect(illustrativeLossRates([0, 30, 60, 90, 180, 365])).toEqual([0.003, 0.016, 0.036, 0.066, 0.106, 0.106, 0.106]);
    // 1–15 and 16–45 start in 1–30; 46–75 in 31–60; > 75 in 61–90.
    expect(illustrativeLossRates([0, 15, 45, 75])).toEqual([0.003, 0.016, 0.016, 0.036, 0.066]);
  });
});

describe("the analysis follows the buckets", () => {
  // As-of 2024-12-31; unpaid invoices 10, 45, 100, 200 and 400 days past due, and one not yet due.
  const asOf = d(2024, 12, 31);
  const dpds = [-5, 10, 45, 100, 200, 400];
  const rows: Row[] = dpds.map((dpd, k) => ({ c: k % 2, day: asOf - dpd - 30, due: asOf - dpd, amount: 1000 * (k + 1) }));
  const { r, g } = makeRows(rows, { due: true, paid: true });
  const bounds = parseAgingBounds("30,60,90,180,365");
  const rec = analyzeReceivables(r, g, { asOf, bounds, lossRates: illustrativeLossRates(bounds), lossRateMethod: "given" });

  test("aging totals per bucket: 1000 Current, 2000 1–30, 3000 31–60, 0 61–90, 4000 91–180, 5000 181–365, 6000 > 365", () => {
    expect(rec.labels).toEqual(["Current", "1–30", "31–60", "61–90", "91–180", "181–365", "> 365"]);
    expect(rec.agingTotals).toEqual([1000, 2000, 3000, 0, 4000, 5000, 6000]);
    expect(rec.aging).toHaveLength(7);
  });
  test("provision matrix: 3 + 32 + 108 + 0 + 424 + 530 + 636 = 1733", () => {
    // 1000 × 0.3 % + 2000 × 1.6 % + 3000 × 3.6 % + 4000 × 10.6 % + 5000 × 10.6 % + 6000 × 10.6 %
    expect(rec.eclByBucket.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([3, 32, 108, 0, 424, 530, 636]);
    expect(rec.ecl).toBeCloseTo(1733, 9);
    expect(rec.ifrs9.disclosure.rows.map((x) => x.bucket)).toEqual(rec.labels);
  });
  test("open items carry the new buckets and add up to their totals", () => {
    const byBucket = rec.labels.map(() => 0);
    rec.openItems.open.forEach((v, k) => (byBucket[rec.openItems.bucket[k]] += v));
    expect(byBucket).toEqual(rec.agingTotals);
    expect(Array.from(rec.openItems.daysPastDue)).toEqual([400, 200, 100, 45, 10, -5]);
  });
  test("loss rates that do not match the buckets are refused", () => {
    expect(() => analyzeReceivables(r, g, { asOf, bounds, lossRates: [0.003, 0.016, 0.036, 0.066, 0.106], lossRateMethod: "given" })).toThrowProblem("sizeMismatch");
  });
});

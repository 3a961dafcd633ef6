/**
 * The credit and risk stages of `analyze` on a ledger read from cells (headers detected, dates parsed), so the
 * wiring — due/paid columns, per-customer credit limits and contract ends, the stage order — is checked against
 * the same hand-made receivables as receivables.test.ts (as-of 2024-06-30, IFRS 9 loss rates as given).
 */
import { analyze } from "../../../../src/engine/analysis";
import { ingestGrid } from "../../../../src/engine/ledger/ingest";
import { dayFromYmd } from "../../../../src/engine/day";

const HEADER = ["Customer", "Invoice Date", "Amount", "Due Date", "Paid Date", "Paid Amount", "Credit Limit", "Contract End"];
const GRID = [
  HEADER,
  ["Alpha", "2024-01-10", 1000, "2024-02-09", "2024-02-19", 1000, 5000, "2024-09-28"],
  ["Alpha", "2024-03-01", 3000, "2024-04-15", "2024-04-15", 3000, 5000, null],
  ["Alpha", "2024-05-15", 2000, "2024-06-14", null, null, 5000, null],
  ["Alpha", "2024-06-20", 1500, "2024-07-20", null, null, 5000, null],
  ["Alpha", "2024-06-25", -500, null, null, null, null, null],
  ["Beta", "2024-01-05", 4000, "2024-02-04", "2024-03-05", 1000, 6000, "2024-09-29"],
  ["Beta", "2024-04-10", 2500, "2024-05-25", null, null, null, null],
  ["Beta", "2024-03-16", 1200, "2024-04-15", "2024-07-05", 1200, null, null],
  ["Gamma", "2023-09-01", 800, "2023-10-01", "2023-09-25", 800, null, null],
  ["Gamma", "2023-12-01", 600, "2023-12-31", "2024-01-30", 600, null, null],
];

describe("analyze: credit and risk stages on a hand-made receivables ledger", () => {
  const asOf = dayFromYmd(2024, 6, 30);
  let a: Awaited<ReturnType<typeof analyze>>;
  beforeAll(async () => {
    const ledger = ingestGrid(GRID);
    a = await analyze(ledger, { asOf, lossRateMethod: "given" });
  });
  const code = (name: string) => a.customers.names.indexOf(name);

  test("receivables 9700, overdue 8200, aging 1500 / 1500 / 2500 / 1200 / 3000, ECL 515.7 (as in receivables.test.ts)", () => {
    const k = a.credit!;
    expect(k.receivables).toBe(9700);
    expect(k.overdueTotal).toBe(8200);
    expect(k.agingTotals).toEqual([1500, 1500, 2500, 1200, 3000]);
    expect(k.ecl).toBeCloseTo(515.7, 9);
    expect(k.dso365).toBeCloseTo((9700 / 16100) * 365, 10);
  });
  test("per-customer credit limit from the ledger: utilisation 3000/5000 and 6700/6000; Gamma none", () => {
    const k = a.credit!;
    expect(k.utilisation[code("Alpha")]).toBeCloseTo(0.6, 12);
    expect(k.utilisation[code("Beta")]).toBeCloseTo(6700 / 6000, 12);
    expect(k.utilisation[code("Gamma")]).toBeNaN();
  });
  test("alerts: Beta seriously overdue (3000/6700 > 10 %) and over its limit; Alpha's contract ends in 90 days, Beta's in 91 (none)", () => {
    const r = a.risk!;
    const rows = r.alerts.map((x) => [a.customers.names[x.customer], x.reason]);
    expect(rows).toContainEqual(["Beta", "seriousOverdue"]);
    expect(rows).toContainEqual(["Beta", "highUtilisation"]);
    expect(rows).toContainEqual(["Alpha", "contractEnd"]); // 2024-09-28 − 2024-06-30 = 90 days
    expect(rows).not.toContainEqual(["Beta", "contractEnd"]); // 91 days
    const serious = r.alerts.find((x) => x.reason === "seriousOverdue")!;
    expect(serious.value).toBeCloseTo(3000 / 6700, 12);
    // Every customer holds ≥ 10 % of 16 100: Alpha 7000, Beta 7700, Gamma 1400 (8.7 % — no).
    expect(r.alertCounts.majorCustomer).toBe(2);
  });
  test("every account gets a tier and a risk score; its components are kept", () => {
    const r = a.risk!;
    expect(r.tier).toHaveLength(3);
    for (let c = 0; c < 3; c++) {
      expect(r.score[c]).toBeGreaterThanOrEqual(0);
      expect(r.score[c]).toBeLessThanOrEqual(100);
      expect(r.components.credit[c]).toBeCloseTo((100 - a.credit!.scores.score[c]) / 100, 12);
    }
    // Dependence: share / largest share — Beta has the largest share.
    expect(r.components.dependence[code("Beta")]).toBe(1);
  });
  test("lossRateMethod auto on this short, thin history keeps the given rates and says why", async () => {
    const auto = await analyze(ingestGrid(GRID), { asOf });
    expect(auto.credit!.lossRateMethod).toBe("given");
    expect(auto.credit!.notes.join(" ")).toMatch(/roll-rate estimate not available/);
  });
  test("the user's buckets reach the analysis, with the illustrative rates mapped onto them", async () => {
    const res = await analyze(ingestGrid(GRID), { asOf, lossRateMethod: "given", agingBounds: [0, 30, 60, 90, 180, 365] });
    const k = res.credit!;
    expect(k.labels).toEqual(["Current", "1–30", "31–60", "61–90", "91–180", "181–365", "> 365"]);
    expect(k.lossRates).toEqual([0.003, 0.016, 0.036, 0.066, 0.106, 0.106, 0.106]);
    // Beta's 3000 is 147 days past due: now in 91–180.
    expect(k.agingTotals).toEqual([1500, 1500, 2500, 1200, 3000, 0, 0]);
    await expect(analyze(ingestGrid(GRID), { asOf, lossRateMethod: "given", agingBounds: [0, 30, 60, 90, 180, 365], lossRates: [0.01, 0.02] })).rejects.toThrow(/2 rates for 7 aging buckets/);
  });
  test("scenarios, overlay and a compare date reach the IFRS 9 pack; weights not summing to 1 stop the run with the reason", async () => {
    const scenarios = [
      { name: "Base", weight: 0.5, multiplier: 1 },
      { name: "Downside", weight: 0.5, multiplier: 2 },
    ];
    const res = await analyze(ingestGrid(GRID), { asOf, lossRateMethod: "given", scenarios, lossRateOverlay: 1.2, compareAsOf: dayFromYmd(2024, 3, 31) });
    const k = res.credit!;
    // 515.7 (the plain matrix) × 1.2 × (0.5 × 1 + 0.5 × 2) = 928.26: no rate reaches 100 %.
    expect(k.ecl).toBeCloseTo(515.7 * 1.2 * 1.5, 9);
    const m = k.ifrs9.movement!;
    expect(m.closing).toBeCloseTo(k.ecl, 9);
    expect(Math.abs(m.opening + m.newReceivables + m.collected + m.writeOffs + m.remeasurement - m.closing)).toBeLessThan(0.005);
    await expect(analyze(ingestGrid(GRID), { asOf, scenarios: [{ name: "Base", weight: 0.7, multiplier: 1 }] })).rejects.toThrow(/weights must sum to 1/);
  });
});

/**
 * The churn alert's fallback (issue 13 item 5): without P(alive) a key account (share ≥ 1 % or ABC class A) silent for
 * more than `multiple` × its typical gap is flagged; with P(alive) the recency inputs are ignored. Gap ratios and the
 * typical gaps come from recencyChurn on a hand-made summary, checked by hand here.
 */
import { accountAlerts } from "../../../../src/engine/metrics/risk";
import { recencyChurn } from "../../../../src/engine/forecast/churn";

// Four customers, in days (unit day): x repeat purchases, t_x last purchase after the first, T age at as-of.
//  A: 4 repeats over 40 days (gap 10), last 40 days ago → ratio 4.0   (key: share 5 %)
//  B: 4 repeats over 40 days (gap 10), last 30 days ago → ratio 3.0   (key; exactly 3 × is not above)
//  C: 1 repeat over 10 days (gap 10), last 50 days ago  → ratio 5.0   (not key: share 0.5 %, class B)
//  D: no repeat, first and only purchase 100 days ago → gap = median of A, B, C's gaps = 10 → ratio 10 (class A)
const summary = { x: Float64Array.of(4, 4, 1, 0), tx: Float64Array.of(40, 40, 10, 0), T: Float64Array.of(80, 70, 60, 100), unit: "day" as const };

describe("churn by recency when no model estimates P(alive)", () => {
  const r = recencyChurn(summary, 3);

  test("typical gaps, the ledger's median for a single purchase, and the ratios, by hand", () => {
    expect(Array.from(r.typicalGap)).toEqual([10, 10, 10, 10]);
    expect(Array.from(r.daysSinceLast)).toEqual([40, 30, 50, 100]);
    expect(Array.from(r.gapRatio)).toEqual([4, 3, 5, 10]);
    expect(r.medianGap).toBe(10);
  });

  const inputs = {
    n: 4,
    asOf: 1000,
    share: [0.05, 0.05, 0.005, 0.004],
    recency: { ...r, keyAccount: [true, true, false, true] },
  };

  test("only key accounts above the multiple are flagged, measured in gaps", () => {
    const alerts = accountAlerts(inputs).filter((a) => a.reason === "churnRisk");
    expect(alerts.map((a) => [a.customer, a.value, a.threshold, a.unit])).toEqual([
      [0, 4, 3, "gaps"],
      [3, 10, 3, "gaps"],
    ]);
    expect(alerts[0].message).toMatch(/no purchase for 40 days, 4\.0 × its typical gap of 10\.0 days/);
  });

  test("with P(alive) the recency inputs are not read: the model decides", () => {
    const alerts = accountAlerts({ ...inputs, pAlive: [0.9, 0.4, 0.1, 0.9] }).filter((a) => a.reason === "churnRisk");
    expect(alerts.map((a) => [a.customer, a.unit])).toEqual([[1, "fraction"]]);
  });
});

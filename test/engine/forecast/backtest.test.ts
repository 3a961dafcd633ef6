import * as fs from "fs";
import * as path from "path";
import { backtest, trackingPeriodEnds } from "../../../src/engine/forecast/backtest";
import { conditionalExpectedPurchases } from "../../../src/engine/models/bgnbd";
import { paretoNbdConditionalExpectedPurchases } from "../../../src/engine/models/paretonbd";
import { dayFromYmd, isoFromDay } from "../../../src/engine/day";
import { isKaProblem } from "../../../src/engine/problems";
import { CDNOW_DIR, loadCdnowSample } from "../models/helpers";

/**
 * The CDNOW sample ledger read and summarised by hand (no engine code): per customer the dates (yyyymmdd text) of
 * days with a positive net amount, split at 1997-09-30; x, t_x, T in weeks from day counts of Date.UTC.
 */
function independentSplit(zeroIsPurchase: boolean) {
  const lines = fs.readFileSync(path.join(CDNOW_DIR, "CDNOW_sample.txt"), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const net = new Map<number, Map<string, number>>();
  for (const l of lines) {
    const f = l.trim().split(/\s+/);
    const id = Number(f[1]) - 1;
    if (!net.has(id)) net.set(id, new Map());
    const days = net.get(id) as Map<string, number>;
    days.set(f[2], (days.get(f[2]) ?? 0) + Number(f[4]));
  }
  const utcDay = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))) / 86400000;
  const calEnd = utcDay("19970930");
  const customers: { id: number; x: number; tx: number; T: number; holdout: number; holdoutDays: number[] }[] = [];
  for (const [id, days] of net) {
    const occasions = [...days.entries()].filter(([, v]) => v > 1e-9 || (zeroIsPurchase && Math.abs(v) <= 1e-9)).map(([d]) => utcDay(d)).sort((a, b) => a - b);
    const cal = occasions.filter((d) => d <= calEnd);
    if (cal.length === 0) continue;
    const hold = occasions.filter((d) => d > calEnd && d <= utcDay("19980630"));
    customers.push({ id, x: cal.length - 1, tx: (cal[cal.length - 1] - cal[0]) / 7, T: (calEnd - cal[0]) / 7, holdout: hold.length, holdoutDays: hold });
  }
  return customers;
}

describe("backtest on the CDNOW sample ledger: calibration to 1997-09-30, hold-out to 1998-06-30 (39 + 39 weeks)", () => {
  const rows = loadCdnowSample();
  const segmentOf = Int32Array.from({ length: rows.nCustomers }, (_, c) => c % 3);
  const bt = backtest(rows, {
    calibrationEnd: dayFromYmd(1997, 9, 30),
    holdoutEnd: dayFromYmd(1998, 6, 30),
    unit: "week",
    segments: { labels: ["A", "B", "C"], of: segmentOf },
  });
  const hand = independentSplit(false);
  const bg = bt.models.find((m) => m.name === "bgnbd");
  const pn = bt.models.find((m) => m.name === "paretonbd");

  it("counts the calibration customers and their actual hold-out purchases as a hand count of the raw file does", () => {
    expect(bt.customers).toBe(hand.length);
    expect(bt.actual).toBe(hand.reduce((s, c) => s + c.holdout, 0));
    for (const c of hand) expect(bt.actualPerCustomer[c.id]).toBe(c.holdout);
    expect(bt.holdoutLength).toBe(39);
  });

  it("fits both models on the calibration period and predicts the hold-out total by the closed forms (eq. 10 of FHL 2005; eq. 24 of Fader & Hardie's Pareto/NBD note)", () => {
    expect(bg?.converged).toBe(true);
    expect(pn?.converged).toBe(true);
    if (bg?.model?.name !== "bgnbd" || pn?.model?.name !== "paretonbd") throw new Error("models missing");
    const bgParams = bg.model.params;
    const pnParams = pn.model.params;
    let bgTotal = 0;
    let pnTotal = 0;
    let bgAbs = 0;
    for (const c of hand) {
      const e = conditionalExpectedPurchases(bgParams, 39, c.x, c.tx, c.T);
      bgTotal += e;
      bgAbs += Math.abs(e - c.holdout);
      pnTotal += paretoNbdConditionalExpectedPurchases(pnParams, 39, c.x, c.tx, c.T);
    }
    expect(Math.abs(bg.predicted - bgTotal)).toBeLessThan(1e-6 * bgTotal);
    expect(Math.abs(pn.predicted - pnTotal)).toBeLessThan(1e-6 * pnTotal);
    expect(Math.abs(bg.mae - bgAbs / hand.length)).toBeLessThan(1e-9);
    const actual = hand.reduce((s, c) => s + c.holdout, 0);
    expect(Math.abs(bg.errorPct - ((bgTotal - actual) / actual) * 100)).toBeLessThan(1e-6);
    // Both models forecast the CDNOW hold-out within 15 % (the paper's Figure 1: both track closely).
    expect(Math.abs(bg.errorPct)).toBeLessThan(15);
    expect(Math.abs(pn.errorPct)).toBeLessThan(15);
  });

  it("tracks cumulative purchases week by week: 39 weekly rows, actual from the hand count, predicted rising to the total", () => {
    expect(bt.trackingRows.length).toBe(39);
    expect(isoFromDay(bt.trackingRows[0].periodEnd)).toBe("1997-10-07");
    expect(isoFromDay(bt.trackingRows[38].periodEnd)).toBe("1998-06-30");
    const calEnd = Date.UTC(1997, 8, 30) / 86400000;
    bt.trackingRows.forEach((row, w) => {
      const byThen = hand.reduce((s, c) => s + c.holdoutDays.filter((d) => d <= calEnd + 7 * (w + 1)).length, 0);
      expect(row.actual).toBe(byThen);
      if (w > 0) expect(row.predicted.bgnbd as number).toBeGreaterThan(bt.trackingRows[w - 1].predicted.bgnbd as number);
    });
    expect(Math.abs((bt.trackingRows[38].predicted.paretonbd as number) - (pn?.predicted as number))).toBeLessThan(1e-6);
  });

  it("conditional expectations by calibration frequency 0 … 6, 7+: counts and actual means from the hand count; predicted means from the per-customer forecasts", () => {
    expect(bt.conditional.map((r) => r.frequency)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    bt.conditional.forEach((row, g) => {
      const group = hand.filter((c) => Math.min(c.x, 7) === g);
      expect(row.customers).toBe(group.length);
      expect(Math.abs(row.actual - group.reduce((s, c) => s + c.holdout, 0) / group.length)).toBeLessThan(1e-12);
      const mean = group.reduce((s, c) => s + (bg?.perCustomer[c.id] as number), 0) / group.length;
      expect(Math.abs((row.predicted.bgnbd as number) - mean)).toBeLessThan(1e-9);
    });
    // The paper's figure: the more a customer bought before, the more after (roughly increasing in both series).
    expect(bt.conditional[7].actual).toBeGreaterThan(bt.conditional[0].actual);
    expect(bt.conditional[7].predicted.bgnbd as number).toBeGreaterThan(bt.conditional[1].predicted.bgnbd as number);
  });

  it("mean absolute error by segment", () => {
    expect(bt.segments?.map((s) => s.segment)).toEqual(["A", "B", "C"]);
    for (const [k, seg] of (bt.segments ?? []).entries()) {
      const group = hand.filter((c) => c.id % 3 === k);
      expect(seg.customers).toBe(group.length);
      const mae = group.reduce((s, c) => s + Math.abs((pn?.perCustomer[c.id] as number) - c.holdout), 0) / group.length;
      expect(Math.abs((seg.mae.paretonbd as number) - mae)).toBeLessThan(1e-9);
    }
  });

  it("with CDNOW's $0.00 orders as purchases, the calibration fit is the published BG/NBD one (r 0.243, α 4.414, a 0.793, b 2.426)", () => {
    const published = backtest(rows, { calibrationEnd: dayFromYmd(1997, 9, 30), holdoutEnd: dayFromYmd(1998, 6, 30), unit: "week", models: ["bgnbd"], zeroIsPurchase: true });
    const m = published.models[0].model;
    if (m?.name !== "bgnbd") throw new Error("no fit");
    expect(Math.abs(m.params.r / 0.243 - 1)).toBeLessThan(0.005);
    expect(Math.abs(m.params.alpha / 4.414 - 1)).toBeLessThan(0.005);
    expect(Math.abs(m.params.a / 0.793 - 1)).toBeLessThan(0.005);
    expect(Math.abs(m.params.b / 2.426 - 1)).toBeLessThan(0.005);
    expect(published.customers).toBe(2357);
    expect(published.actual).toBe(independentSplit(true).reduce((s, c) => s + c.holdout, 0));
  });
});

describe("tracking periods and bad input", () => {
  it("weeks from the calibration end, the last one short; calendar months", () => {
    const from = dayFromYmd(2024, 1, 31);
    expect(trackingPeriodEnds(from, from + 17, "week").map((d) => d - from)).toEqual([7, 14, 17]);
    expect(trackingPeriodEnds(from, dayFromYmd(2024, 4, 15), "month").map(isoFromDay)).toEqual(["2024-02-29", "2024-03-31", "2024-04-15"]);
    expect(trackingPeriodEnds(dayFromYmd(2024, 1, 15), dayFromYmd(2024, 2, 29), "month").map(isoFromDay)).toEqual(["2024-01-31", "2024-02-29"]);
  });

  it("a calibration end on or after the hold-out end, or before every purchase, is a clear error", () => {
    const rows = { customer: [0, 0, 1], day: [10, 20, 15], amount: [5, 5, 5], nCustomers: 2 };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isKaProblem(e) ? `${e.problem.code}: ${e.problem.message}` : String(e);
      }
      return "no error";
    };
    expect(code(() => backtest(rows, { calibrationEnd: 20, holdoutEnd: 20, unit: "day" }))).toMatch(/^badArgument: calibrationEnd \(1970-01-21\) must be before/);
    expect(code(() => backtest(rows, { calibrationEnd: 5, holdoutEnd: 20, unit: "day" }))).toMatch(/^notEnoughData: No customer bought in the calibration period/);
  });

  it("a model that cannot be fitted on the calibration period is reported with its reason, not thrown", () => {
    // Nobody repeats in the calibration period: neither model can tell buying from dropping out.
    const rows = { customer: [0, 1, 2, 0, 2], day: [0, 3, 5, 30, 31], amount: [1, 1, 1, 1, 1], nCustomers: 3 };
    const bt = backtest(rows, { calibrationEnd: 10, holdoutEnd: 40, unit: "day" });
    expect(bt.actual).toBe(2);
    expect(bt.models.map((m) => m.name)).toEqual(["bgnbd", "paretonbd"]);
    for (const m of bt.models) {
      expect(m.model).toBeUndefined();
      expect(m.problem).toMatch(/repeat purchase/);
      expect(Number.isNaN(m.predicted)).toBe(true);
    }
    expect(bt.trackingRows[bt.trackingRows.length - 1].actual).toBe(2);
  });
});

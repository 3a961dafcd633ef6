/**
 * KA Forecast through its public face (issue 13): `ka analyze` on the CDNOW sample ledger with a calibration end,
 * the JSON `backtest` section against a hand count of the raw file, and the workbook recalculated by LibreOffice
 * (one conversion for every assertion): the error, BIC and interval formulas must give the engine's numbers, and
 * the tables must hold the JSON's values.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { main } from "../../src/cli/main";
import { compareFormulaCells, readCells, recalculate, type CellValue, type WorkbookCells } from "../helpers/libreoffice";
import { find, split, table } from "../helpers/sheet-cells";

const CDNOW = path.resolve(__dirname, "../../../shared/data/cdnow/CDNOW_sample.txt");
const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
const SHEET = "KA Forecast";

/** A table of KA Forecast by one of its headers (several tables start with "Model"). */
function tableWith(cells: WorkbookCells, header: string, firstHeader: string): Record<string, CellValue>[] {
  return table(cells, SHEET, firstHeader, split(find(cells, SHEET, header)).row);
}

/** The raw file by hand: per customer the yyyymmdd days with a positive net amount, split at 1997-09-30. */
function handCount() {
  const net = new Map<string, Map<string, number>>();
  for (const l of fs.readFileSync(CDNOW, "utf8").split(/\r?\n/)) {
    const f = l.trim().split(/\s+/);
    if (f.length < 5) continue;
    const days = net.get(f[1]) ?? new Map<string, number>();
    net.set(f[1], days);
    days.set(f[2], (days.get(f[2]) ?? 0) + Number(f[4]));
  }
  const out: { x: number; holdout: number }[] = [];
  for (const days of net.values()) {
    const occasions = [...days].filter(([, v]) => v > 1e-9).map(([d]) => d);
    const cal = occasions.filter((d) => d <= "19970930");
    if (cal.length === 0) continue;
    out.push({ x: cal.length - 1, holdout: occasions.filter((d) => d > "19970930" && d <= "19980630").length });
  }
  return out;
}

describe("KA Forecast on the CDNOW sample: calibration to 1997-09-30, hold-out to 1998-06-30", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-forecast-"));
  const file = path.join(dir, "report.xlsx");
  let json: any;
  let original: WorkbookCells;
  let again: WorkbookCells;

  beforeAll(async () => {
    const csv = ["Customer,Date,Amount"];
    for (const l of fs.readFileSync(CDNOW, "utf8").split(/\r?\n/)) {
      const f = l.trim().split(/\s+/);
      if (f.length >= 5) csv.push(`C${f[1]},${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)},${f[4]}`);
    }
    fs.writeFileSync(path.join(dir, "cdnow.csv"), csv.join("\n") + "\n");
    const code = await main(["analyze", path.join(dir, "cdnow.csv"), "--as-of", "1998-06-30", "--calibration-end", "1997-09-30", "--out", file, "--json", path.join(dir, "a.json"), "--quiet"], { stdout: sink(), stderr: sink() });
    expect(code).toBe(0);
    json = JSON.parse(fs.readFileSync(path.join(dir, "a.json"), "utf8"));
    original = await readCells(file);
    again = await recalculate(file);
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("JSON backtest: the split, customers and hold-out purchases as a hand count of the raw file; conditional means by frequency 0…6, 7+", () => {
    const bt = json.backtest;
    const hand = handCount();
    expect([bt.calibrationEnd, bt.holdoutEnd, bt.unit, bt.period]).toEqual(["1997-09-30", "1998-06-30", "week", "week"]);
    expect(bt.customers).toBe(hand.length);
    const actual = hand.reduce((s, c) => s + c.holdout, 0);
    expect(bt.actual).toBe(actual);
    for (const name of ["bgnbd", "paretoNbd"]) {
      const m = bt.models[name];
      expect(m.actual).toBe(actual);
      expect(Math.abs(m.errorPct - ((m.predicted - actual) / actual) * 100)).toBeLessThan(1e-9);
      expect(Math.abs(m.errorPct)).toBeLessThan(15); // both models track the CDNOW hold-out closely (FHL 2005, Figure 1)
    }
    expect(bt.conditional.map((r: any) => r.frequency)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    for (const r of bt.conditional) {
      const group = hand.filter((c) => (r.frequency === "7+" ? c.x >= 7 : c.x === Number(r.frequency)));
      expect([r.frequency, r.customers]).toEqual([r.frequency, group.length]);
      expect(Math.abs(r.actual - group.reduce((s, c) => s + c.holdout, 0) / group.length)).toBeLessThan(1e-12);
    }
    // Tracking: cumulative, ending at the hold-out total; 39 weeks.
    expect(bt.tracking).toHaveLength(39);
    expect(bt.tracking[38].actual).toBe(actual);
    expect(Math.abs(bt.tracking[38].bgnbd - bt.models.bgnbd.predicted)).toBeLessThan(1e-6 * actual);
    expect(json.clv.model.criterion).toBe("holdout");
    const better = bt.models.paretoNbd.mae < bt.models.bgnbd.mae ? "paretonbd" : "bgnbd";
    expect(json.clv.model.name).toBe(better);
  });

  test("LibreOffice recalculates every KA Forecast formula, and the recency flags on KA Accounts, to the cached values", () => {
    const mismatches = compareFormulaCells(original, again, 1e-9).filter((m) => m.sheet === SHEET || m.sheet === "KA Accounts");
    expect(mismatches).toEqual([]);
    expect(Object.values(original[SHEET]).filter((c) => c.formula !== undefined).length).toBeGreaterThan(20);
  });

  test("recalculated: Error = (predicted − actual) ÷ actual, BIC = k·ln n − 2·LL, 90 % bounds = estimate·exp(∓1.645·se/estimate) — the engine's numbers", () => {
    const bt = tableWith(again, "Predicted purchases", "Model");
    const byLabel: Record<string, string> = { "BG/NBD": "bgnbd", "Pareto/NBD": "paretoNbd" };
    let checked = 0;
    for (const row of bt) {
      const key = byLabel[row.Model as string];
      if (!key) continue;
      const m = json.backtest.models[key];
      expect(Math.abs((row.Error as number) - m.errorPct / 100)).toBeLessThan(1e-12);
      expect(Math.abs((row["Predicted purchases"] as number) - m.predicted)).toBeLessThan(1e-9);
      expect(row["Actual purchases"]).toBe(m.actual);
      checked++;
    }
    expect(checked).toBe(2);

    const fits = tableWith(again, "BIC", "Model");
    const bg = fits.find((r) => r.Model === "BG/NBD")!;
    const customers = json.clv.bgnbd ? (bg.Customers as number) : NaN;
    expect(Math.abs((bg.BIC as number) - (4 * Math.log(customers) - 2 * json.clv.bgnbd.logLikelihood))).toBeLessThan(1e-6);
    expect(Math.abs((bg["Log-likelihood"] as number) - json.clv.bgnbd.logLikelihood)).toBeLessThan(1e-9);

    const params = tableWith(again, "Standard error", "Model");
    const z = 1.6448536269514722;
    for (const [label, key, names] of [
      ["BG/NBD", "bgnbd", { r: "r", α: "alpha", a: "a", b: "b" }],
      ["Pareto/NBD", "paretoNbd", { r: "r", α: "alpha", s: "s", β: "beta" }],
    ] as const) {
      for (const [shown, jsonKey] of Object.entries(names)) {
        const row = params.find((r) => r.Model === label && r.Parameter === shown)!;
        const est = json.clv[key][jsonKey];
        const se = json.clv[key].se[jsonKey];
        expect([label, shown, se > 0]).toEqual([label, shown, true]);
        expect(Math.abs((row.Estimate as number) - est)).toBeLessThan(1e-12 * est);
        expect(Math.abs((row["90% low"] as number) - est * Math.exp((-z * se) / est))).toBeLessThan(1e-9 * est);
        expect(Math.abs((row["90% high"] as number) - est * Math.exp((z * se) / est))).toBeLessThan(1e-9 * est);
      }
    }
  });

  test("the tracking and conditional tables hold the JSON's rows", () => {
    const tracking = tableWith(again, "Period ending", "Period ending");
    expect(tracking.map((r) => r.Actual)).toEqual(json.backtest.tracking.map((r: any) => r.actual));
    tracking.forEach((r, i) => expect(Math.abs((r["BG/NBD"] as number) - json.backtest.tracking[i].bgnbd)).toBeLessThan(1e-9));
    const conditional = tableWith(again, "Calibration purchases", "Calibration purchases");
    expect(conditional.map((r) => String(r["Calibration purchases"]))).toEqual(json.backtest.conditional.map((r: any) => r.frequency));
    conditional.forEach((r, i) => {
      const j = json.backtest.conditional[i];
      expect(r.Customers).toBe(j.customers);
      expect(Math.abs((r.Actual as number) - j.actual)).toBeLessThan(1e-12);
      expect(Math.abs((r["Pareto/NBD"] as number) - j.paretoNbd)).toBeLessThan(1e-9);
    });
  });
});

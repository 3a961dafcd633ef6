/**
 * The behaviour parts of the report model on a hand-made ledger: KA Segments (with the segment × Region
 * cross-table), KA Cohorts, the Summary's retention figures, the About rule table and the JSON blocks.
 */
import { analyze } from "../../src/engine/analysis";
import { dayFromYmd } from "../../src/engine/day";
import type { Ledger } from "../../src/engine/ledger/types";
import { makeLedger } from "../helpers/ledger";
import { buildReport, summaryJson } from "../../src/engine/report";
import type { KeyValueBlock, MatrixBlock, SheetSpec, TableBlock } from "../../src/engine/report";
import { isFormulaCell } from "../../src/engine/report";

const d = dayFromYmd;
// As-of 2024-04-10; the retention/cohort ledger of test/engine/metrics/retention/ledger.test.ts, with a Region.
const ROWS: [string, number, number, string][] = [
  ["H", d(2024, 1, 2), -10, "South"], ["A", d(2024, 1, 5), 100, "North"], ["G", d(2024, 1, 15), -20, "East"],
  ["B", d(2024, 1, 20), 200, "North"], ["C", d(2024, 1, 31), 60, "South"], ["A", d(2024, 2, 3), 50, "North"],
  ["D", d(2024, 2, 10), 80, "South"], ["E", d(2024, 2, 28), 100, "West"], ["E", d(2024, 2, 29), -100, "West"],
  ["B", d(2024, 3, 1), 100, "South"], ["H", d(2024, 3, 5), 70, "South"], ["D", d(2024, 3, 10), 40, "West"],
  ["B", d(2024, 3, 15), -40, "South"], ["F", d(2024, 3, 30), 10, "North"], ["A", d(2024, 4, 2), 30, "North"],
  ["D", d(2024, 4, 10), 40, "West"],
];
// Region of most of each customer's purchases (gross): B North 200 vs South 100; D South 80 vs West 40 + 40 = 80,
// a tie kept by the first seen (South); G bought nothing (its row is a credit note) so it has none.
const MAIN_REGION: Record<string, string | undefined> = { A: "North", B: "North", C: "South", D: "South", E: "West", F: "North", G: undefined, H: "South" };

function ledger(): Ledger {
  return {
    ...makeLedger(
      ROWS.map(([customer, day, amount, segment]) => ({ customer, day, amount, segment })),
      { asOf: d(2024, 4, 10) },
    ),
    mapping: { customer: "Customer", date: "Date", amount: "Amount", segmentBy: "Region" },
  };
}

const sheet = (sheets: SheetSpec[], role: SheetSpec["role"]) => sheets.find((s) => s.role === role)!;
const value = (c: unknown) => (isFormulaCell(c as never) ? (c as { value: unknown }).value : c);

describe("behaviour in the report model", () => {
  let a: Awaited<ReturnType<typeof analyze>>;
  let sheets: SheetSpec[];
  beforeAll(async () => {
    a = await analyze(ledger());
    sheets = buildReport(a, { label: "hand ledger", kind: "sample" }).sheets;
  });

  test("tabs in order: Summary, Accounts, Segments, Cohorts, About", () => {
    const roles = sheets.map((s) => s.role);
    expect(roles.indexOf("segments")).toBe(roles.indexOf("accounts") + 1);
    expect(roles.indexOf("cohorts")).toBeGreaterThan(roles.indexOf("segments"));
    expect(roles.indexOf("about")).toBeGreaterThan(roles.indexOf("cohorts"));
  });

  test("segment × Region cross-table: each customer counted once, under its main Region", () => {
    const seg = sheet(sheets, "segments");
    const table = seg.blocks.find((b) => b.kind === "table") as TableBlock;
    const matrix = seg.blocks.find((b) => b.kind === "matrix") as MatrixBlock;
    const names = a.customers.names;
    const expected = new Map<string, number>();
    for (let c = 0; c < names.length; c++) {
      const k = a.rfm!.segment[c];
      const region = MAIN_REGION[names[c]];
      if (k < 0 || !region) continue;
      const key = `${a.rfm!.rules[k].name}|${region}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = new Map<string, number>();
    matrix.rowHeaders.forEach((row, i) => matrix.columnHeaders.forEach((col, j) => {
      const n = matrix.cells[i][j] as number;
      if (n > 0) got.set(`${row}|${col}`, n);
    }));
    expect(got).toEqual(expected);
    // Columns by revenue: North (A 180, B 260, F 10 = 450) before South (C 60, D 160, H 60 = 280) before West (E 0).
    expect(matrix.columnHeaders).toEqual(["North", "South", "West"]);
    // The per-segment table: 11 rows; customers sum to the 7 customers with a segment (G has none).
    expect(table.rows).toHaveLength(11);
    expect(table.rows.reduce((s, r) => s + (value(r[2]) as number), 0)).toBe(7);
    expect(a.rfm!.unsegmented).toBe(1);
  });

  test("KA Cohorts: share matrix by hand (Jan 1, 1/3, 1/3, 1/3; Feb 1, 1/2, 1/2; Mar 1, 0), blank beyond the as-of month", () => {
    const m = sheet(sheets, "cohorts").blocks.find((b) => b.kind === "matrix") as MatrixBlock;
    expect(m.rowHeaders).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(m.columnHeaders).toEqual(["Month 0", "Month 1", "Month 2", "Month 3"]);
    expect(m.cells).toEqual([[1, 1 / 3, 1 / 3, 1 / 3], [1, 0.5, 0.5, null], [1, 0, null, null]]);
    expect(m.conditionalFormats?.[0].kind).toBe("colorScale");
  });

  test("Summary: retention of the last complete month (Feb → Mar: D of {A, D, E} = 1/3), churn 2/3, NRR 40 / 130", () => {
    // The figure groups are on KA About ("Figures in detail"); the Summary keeps the findings and headline figures.
    const group = sheet(sheets, "about").blocks.find((b) => b.kind === "keyValue" && b.title === "Customer behaviour") as KeyValueBlock;
    expect(group.items[0].label).toBe("Retention (month, 2024-02 → 2024-03)");
    expect(value(group.items[0].value)).toBeCloseTo(1 / 3, 12);
    expect(value(group.items[1].value)).toBeCloseTo(2 / 3, 12);
    expect(value(group.items[2].value)).toBeCloseTo(40 / 130, 12);
  });

  test("About: the rule table, 11 rows with open bounds written 1..5", () => {
    const t = sheet(sheets, "about").blocks.find((b) => b.kind === "table" && b.name === "KASegmentRules") as TableBlock;
    expect(t.rows[0]).toEqual([1, "Champions", "重要价值客户", 4, 5, 4, 5, 1, 5]);
    expect(t.rows[3]).toEqual([4, "New", "新客户", 4, 5, 1, 2, 1, 1]);
    expect(t.rows).toHaveLength(11);
  });

  test("JSON: rfm{bins, segments for all 11}, retention{period, rate, churn, nrr}, account keys with null where not applicable", () => {
    const j = summaryJson(a, { accounts: true }) as any;
    expect(j.rfm.bins).toBe(5);
    expect(Object.keys(j.rfm.segments)).toHaveLength(11);
    expect(Object.values(j.rfm.segments as Record<string, number>).reduce((s, x) => s + x, 0)).toBe(7);
    expect(j.retention).toMatchObject({ period: "month", from: "2024-02", to: "2024-03" });
    expect(j.retention.rate).toBeCloseTo(1 / 3, 12);
    expect(j.retention.churn).toBeCloseTo(2 / 3, 12);
    expect(j.retention.nrr).toBeCloseTo(40 / 130, 12);
    const g = j.accounts.find((x: any) => x.customer === "G");
    expect(g).toMatchObject({ recencyDays: null, purchaseDays: 0, monetary: -20, r: null, f: 1, m: 1, rfm: null, segment: null, volatility: null, trend: null, yoy: null });
    const aRow = j.accounts.find((x: any) => x.customer === "A");
    expect(aRow.recencyDays).toBe(8); // 2024-04-10 − 2024-04-02
    expect(aRow.purchaseDays).toBe(3);
    for (const key of ["recencyDays", "purchaseDays", "monetary", "r", "f", "m", "rfm", "segment", "volatility", "trend", "yoy"]) expect(aRow).toHaveProperty(key);
  });
});

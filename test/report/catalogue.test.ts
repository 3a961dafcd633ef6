/**
 * The report catalogue: one static list of tabs, Accounts columns, tables and charts. Checks that its declarations
 * are consistent (unique keys, roles and table names; charts over existing columns) and that the report survives a
 * change of language: built with a resolver that rewrites every catalogued string, every structured reference in
 * every formula still names a column its table has, every chart names existing columns, and the JSON keys do not move.
 */
import * as path from "path";
import { analyze } from "../../src/engine/analysis";
import type { Analysis } from "../../src/engine/analysis";
import { LedgerBuilder } from "../../src/engine/ledger";
import { ACCOUNT_COLUMNS, ACCOUNT_GROUPS, CHARTS, TABS, accountGroupSpans, buildReport, englishText, fillVars, reportContext, summaryJson } from "../../src/engine/report";
import type { Report, SheetSpec, TableBlock, TextResolver } from "../../src/engine/report";
import { isFormulaCell } from "../../src/engine/report";
import { openLedgerFile } from "../../src/workbook/xlsx";

const SAMPLE = path.resolve(__dirname, "../../assets/sample-ledger.csv");

async function sampleAnalysis(): Promise<Analysis> {
  const src = await openLedgerFile(SAMPLE);
  const b = new LedgerBuilder(src.header, { headerRow: src.headerRow, date1904: src.date1904 });
  for await (const chunk of src.rows) for (const row of chunk) b.push(row);
  return analyze(b.finish());
}

/** Every structured reference `T[Col]`, `T[[#This Row],[Col]]` of a formula, with `'`-escapes undone. */
function structuredRefs(formula: string): { table: string; column: string }[] {
  const out: { table: string; column: string }[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_.]*)\[(\[#This Row\],\[((?:'.|[^\]'])*)\]|((?:'.|[^\]'])*))\]/g;
  for (const m of formula.matchAll(re)) out.push({ table: m[1], column: (m[3] ?? m[4]).replace(/'(.)/g, "$1") });
  return out;
}

function tableHeaders(report: Report): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of report.sheets) for (const b of s.blocks) if (b.kind === "table") out.set(b.name, new Set(b.columns.map((c) => c.header)));
  return out;
}

function formulas(sheet: SheetSpec): string[] {
  const out: string[] = [];
  for (const b of sheet.blocks) {
    const cells = b.kind === "table" ? b.rows.flat() : b.kind === "keyValue" ? b.items.map((i) => i.value) : b.kind === "matrix" ? b.cells.flat() : [];
    for (const c of cells) if (isFormulaCell(c)) out.push(c.formula);
  }
  return out;
}

// Another "language": every catalogued string marked, with a character that needs escaping in a structured reference.
const marked: TextResolver = (id, english, vars) => `«${fillVars(english, vars)}'#${id.length}»`;

describe("report catalogue", () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await sampleAnalysis();
  }, 60_000);

  test("keys, roles, tables and chart ids are unique; roles are words", () => {
    const keys = ACCOUNT_GROUPS.flatMap((g) => g.columns.map((c) => c.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(ACCOUNT_COLUMNS.size).toBe(keys.length);
    expect(new Set(ACCOUNT_GROUPS.map((g) => g.id)).size).toBe(ACCOUNT_GROUPS.length);
    const roles = TABS.map((t) => t.role);
    expect(new Set(roles).size).toBe(roles.length);
    for (const r of roles) expect(r).toMatch(/^[a-z][A-Za-z]*$/);
    expect(new Set(CHARTS.map((c) => c.id)).size).toBe(CHARTS.length);
    for (const c of CHARTS) for (const k of c.columns) expect(c.table.columns.map((x) => x.key)).toContain(k);
    const report = buildReport(a, { label: "sample", kind: "sample" });
    const tables = report.sheets.flatMap((s) => s.blocks.filter((b) => b.kind === "table").map((b) => (b as { name: string }).name));
    expect(new Set(tables.map((t) => t.toUpperCase())).size).toBe(tables.length);
  });

  test("the sample report has every area: each group applies and each tab is written", () => {
    const report = buildReport(a, { label: "sample", kind: "sample" });
    const base = ["summary", "accounts", "segments", "aging", "cohorts", "trends", "stress", "groups", "alerts", "about"];
    expect(report.sheets.map((s) => s.role).filter((r) => base.includes(r))).toEqual(base);
    const applying = ACCOUNT_GROUPS.filter((g) => g.applies(a)).map((g) => g.id);
    expect(applying).toEqual(expect.arrayContaining(["identity", "concentration", "rfm", "stability", "clv", "credit", "risk", "shifts", "eclExposure"]));
    // Not on the sample: margin (it has no cost column) and the drill links (only with --with-rows).
    expect(applying).not.toContain("margin");
    expect(applying).not.toContain("drill");
  });

  test("step 1 collects each applying column once, headers resolved by key; group spans cover the tab", () => {
    const ctx = reportContext(a, { label: "sample", kind: "sample" });
    const applying = ACCOUNT_GROUPS.filter((g) => g.applies(a)).flatMap((g) => g.columns.map((c) => c.key));
    expect(ctx.accountColumns.map((c) => c.def.key)).toEqual(applying);
    expect(ctx.accounts.header("clv12m")).toBe(`Predicted CLV ${a.params.clvMonths}m`);
    expect(ctx.accounts.header("overdueSerious")).toBe(`Overdue > ${a.params.alertThresholds.overdueDays} days`);
    expect(ctx.accounts.thisRow("revenue")).toBe("KAAccounts[[#This Row],[Revenue]]");
    expect(ctx.accounts.column("disclosure")).toBe("KAAccounts[Disclose (≥10%)]");
    expect(() => ctx.accounts.header("noSuchColumn")).toThrow(/noSuchColumn/);
    const spans = accountGroupSpans(ctx);
    expect(spans.map((s) => s.id)).toEqual(ACCOUNT_GROUPS.filter((g) => g.applies(a)).map((g) => g.id));
    expect(spans[0].first).toBe(0);
    expect(spans[spans.length - 1].last).toBe(ctx.accountColumns.length - 1);
    for (let k = 1; k < spans.length; k++) expect(spans[k].first).toBe(spans[k - 1].last + 1);
  });

  test("a group that declares collapsed gets an outline over exactly its columns; elsewhere each run of detail columns is folded", () => {
    const source = { label: "sample", kind: "sample" } as const;
    const accounts = (r: ReturnType<typeof buildReport>) => r.sheets.find((s) => s.role === "accounts")!;
    // No group declares collapsed: the outline folds exactly the runs of model internals (report's detail columns).
    const plain = reportContext(a, source);
    const detail = plain.accountColumns.map((c, j) => (c.def.detail ? j : -1)).filter((j) => j >= 0);
    const folded = accounts(buildReport(a, source)).columnGroups!;
    expect(folded.every((g) => g.collapsed && g.level === 1)).toBe(true);
    expect(folded.flatMap((g) => Array.from({ length: g.to - g.from + 1 }, (_, i) => g.from + i))).toEqual(detail);
    for (let k = 1; k < folded.length; k++) expect(folded[k].from).toBeGreaterThan(folded[k - 1].to + 1); // never touching
    // The same catalogue with the CLV group folded and the credit group outlined open.
    const ctx = reportContext(a, source);
    const marked = ctx.accountColumns.map((c) => ({ ...c, group: { ...c.group, collapsed: c.group.id === "clv" ? true : c.group.id === "credit" ? false : undefined } }));
    const spans = accountGroupSpans({ accountColumns: marked, text: ctx.text });
    const at = (key: string) => ctx.accountColumns.findIndex((c) => c.def.key === key);
    expect(spans.filter((s) => s.outlined).map((s) => [s.id, s.first, s.last, s.collapsed])).toEqual([
      ["clv", at("x"), at("clv12m"), true],
      ["credit", at("openBalance"), at("suggestedLimit"), false],
    ]);
    const sheet = TABS.find((t) => t.role === "accounts")!.build({ ...ctx, accountColumns: marked })!;
    expect(sheet.columnGroups!.filter((g) => g.level === undefined)).toEqual([
      { from: at("x"), to: at("clv12m"), collapsed: true },
      { from: at("openBalance"), to: at("suggestedLimit"), collapsed: false },
    ]);
  });

  test("a group that does not apply leaves the tab, and formulas that need its columns fall back to values", async () => {
    const noStability = { ...a, stability: undefined };
    const ctx = reportContext(noStability, { label: "sample", kind: "sample" });
    expect(ctx.accounts.has("trend")).toBe(false);
    const report = buildReport(noStability, { label: "sample", kind: "sample" });
    const accounts = report.sheets.find((s) => s.role === "accounts")!;
    const table = accounts.blocks[0] as { columns: { header: string }[]; rows: unknown[][] };
    const decline = table.columns.findIndex((c) => c.header === "Risk: decline");
    expect(decline).toBeGreaterThan(0);
    expect(isFormulaCell(table.rows[0][decline] as never)).toBe(false);
    expect(table.columns.map((c) => c.header)).not.toContain("Trend (per month)");
    const json = summaryJson(noStability, { accounts: true }) as { accounts: Record<string, unknown>[] };
    expect(json.accounts[0].trend).toBeNull();
  });

  test("KA Accounts is held column by column: number and date columns as Float64Arrays, the rows made from them the same", () => {
    const report = buildReport(a, { label: "sample", kind: "sample" });
    const table = report.sheets.find((s) => s.role === "accounts")!.blocks[0] as TableBlock;
    expect(Object.getOwnPropertyDescriptor(table, "rows")?.get).toBeDefined(); // still columnar (columnar-table.test.ts)
    const body = table.body!;
    expect(body.length).toBe(a.customers.n);
    expect(body.columns.length).toBe(table.columns.length);
    table.columns.forEach((t, j) => {
      const type = ACCOUNT_COLUMNS.get(t.key!)!.def.type;
      expect([t.key, body.columns[j].values instanceof Float64Array]).toEqual([t.key, type === "number" || type === "date"]);
    });
    // Each cell of the rows is the body column's value, under the column's formula where it has one.
    const j = table.columns.findIndex((t) => t.key === "share");
    expect(body.columns[j].formula).toMatch(/KAAccounts\[\[#This Row\],\[Revenue\]\]/);
    table.rows.forEach((row, i) => expect(row[j]).toEqual({ formula: body.columns[j].formula, value: body.columns[j].values[i] }));
  });

  test("translated headers: every formula's structured references and every chart still name existing columns", () => {
    const report = buildReport(a, { label: "sample", kind: "sample" }, { text: marked });
    expect(report.sheets.map((s) => s.name)).toEqual(TABS.filter((t) => report.sheets.some((s) => s.role === t.role)).map((t) => marked(`tab.${t.role}`, t.name)));
    const headers = tableHeaders(report);
    const accountsHeaders = [...headers.get("KAAccounts")!];
    expect(accountsHeaders.every((h) => h.startsWith("«"))).toBe(true);
    const distinct = new Set(report.sheets.flatMap(formulas));
    const missing: string[] = [];
    let refs = 0;
    for (const f of distinct) {
      for (const r of structuredRefs(f)) {
        refs++;
        if (!headers.get(r.table)?.has(r.column)) missing.push(`${r.table}[${r.column}] in ${f}`);
      }
    }
    for (const sheet of report.sheets) {
      for (const b of sheet.blocks) if (b.kind === "chart") for (const c of b.columns ?? []) if (!headers.get(b.table ?? "")?.has(c)) missing.push(`chart ${b.title}: ${b.table}[${c}]`);
    }
    expect(missing).toEqual([]);
    expect(refs).toBeGreaterThan(100);
  });

  test("the language changes no value", () => {
    const en = buildReport(a, { label: "sample", kind: "sample" }, { text: englishText });
    const other = buildReport(a, { label: "sample", kind: "sample" }, { text: marked });
    const accounts = (r: Report) => r.sheets.find((s) => s.role === "accounts")!.blocks[0] as { rows: unknown[][] };
    const values = (r: Report) => accounts(r).rows.map((row) => row.map((c) => (isFormulaCell(c as never) ? (c as { value: unknown }).value : c)));
    expect(values(other)).toEqual(values(en));
  });
});

/**
 * The report speaks the reader's language (issue 12 item 2). Every string a Chinese report writes has its Chinese:
 * reports of several ledgers are built with a resolver that records any label, note or warning without a translation.
 * Then the sample is analysed through the CLI with `--lang zh-CN`: no cell of the written workbook holds an English
 * word except customer names, the ledger's own headers and file name, codes (HHI, CR5, RFM, BG/NBD…, the alert codes
 * of KA Alerts, the parameter codes the add-in reads back) — and LibreOffice recalculates every formula of it to the
 * engine's value, so the translated headers, words and formulas agree.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PassThrough } from "stream";
import { main } from "../../src/cli/main";
import { analyze } from "../../src/engine/analysis";
import type { Params } from "../../src/engine/analysis";
import { ingestGrid } from "../../src/engine/ledger";
import type { RawCell } from "../../src/engine/ledger/types";
import { buildReport } from "../../src/engine/report";
import { englishWordsIn } from "../helpers/latin-words";
import { compareFormulaCells, countFormulaCells, findSoffice, readCells, recalculate } from "../helpers/libreoffice";

const SAMPLE = path.resolve(__dirname, "../../assets/sample-ledger.csv");

async function missingTexts(rows: RawCell[][], params: Partial<Params> = {}): Promise<string[]> {
  const a = await analyze(ingestGrid(rows, {}), { lang: "zh-CN", ...params });
  const missing: string[] = [];
  buildReport(a, { label: "ledger.csv", kind: "file", skippedCharts: ["Lorenz"] }, { onMissingText: (id, english) => missing.push(`${id}: ${english}`) });
  return missing;
}

describe("every written string has its Chinese", () => {
  test("ledgers with and without credit columns, one customer, no positive revenue, two years, a chosen currency", async () => {
    const csv = fs.readFileSync(SAMPLE, "utf8").split("\n").filter((l) => l !== "");
    // The sample through the CSV reader is below; here its rows as a grid exercise credit, models and alerts.
    const grid = csv.slice(0, 4000).map((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"')));
    const H = ["Customer", "Date", "Amount"];
    const cases: [string, RawCell[][], Partial<Params>][] = [
      ["sample (first rows)", grid, {}],
      ["one customer", [H, ["Solo", "2024-01-01", 100], ["Solo", "2024-03-01", 50]], {}],
      ["credit notes only", [H, ["A", "2024-01-01", -100], ["B", "2024-01-02", -50]], {}],
      ["two years", [H, ...["A", "B", "C"].map((c) => [c, "2022-07-01", 10]), ["A", "2024-06-30", 70], ["B", "2024-06-30", 5], ["C", "2024-06-30", 5]], {}],
      ["bad rows", [H, ["A", "2024-01-01", 100], ["", "2024-01-02", 5], ["B", "31/02/2024", 5], ["C", "2024-01-03", "n/a"], ["D", "2024-01-04", "#N/A"]], {}],
      ["chosen currency", [[...H, "Currency"], ["A", "2024-01-01", 100, "CNY"], ["B", "2024-01-02", 50, "USD"]], { currency: "CNY" }],
    ];
    for (const [name, rows, params] of cases) expect([name, await missingTexts(rows, params)]).toEqual([name, []]);
  });
});

describe("the Chinese sample workbook", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-zh-"));
  const out = path.join(dir, "report.xlsx");
  let json: any;
  beforeAll(async () => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on("data", (c) => chunks.push(c));
    const code = await main(["analyze", "--lang", "zh-CN", "--json", "-", "--accounts", "--quiet", "--out", out], { stdout, stderr: new PassThrough(), env: {} });
    expect(code).toBe(0);
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("JSON keys and codes do not change with the language", () => {
    expect(Object.keys(json.concentration)).toEqual(expect.arrayContaining(["hhi", "band", "cr1"]));
    expect(json.concentration.band).toMatch(/^(unconcentrated|moderately concentrated|highly concentrated)$/);
    expect(json.accounts[0].tier).toMatch(/^(Strategic|Key|General)$/);
    expect(typeof json.accounts[0].disclosure).toBe("boolean");
    expect(json.findings[0].text).toMatch(/[\u4e00-\u9fff]/); // the findings are written in the report's language
  });

  test("no English word in any cell but customer names, the ledger's own headers and codes", async () => {
    const cells = await readCells(out);
    const names = new Set<string>(json.accounts.map((x: any) => x.customer));
    const lines = fs.readFileSync(SAMPLE, "utf8").split("\n");
    const headers = new Set(lines[0].split(","));
    // The ledger's own values: invoice numbers (KA Aging's open items), regions and sales reps (KA Groups).
    const ledgerValues = new Set(lines.slice(1).flatMap((l) => l.split(",")));
    // Codes the add-in reads back from KA About (time unit, RFM options, retention period), the file name.
    const codes = new Set(["week", "day", "month", "quarter", "year", "days", "invoices", "net", "average", "sample-ledger.csv", "bundled sample ledger (assets/sample-ledger.csv)"]);
    const sheetNames = Object.keys(cells);
    for (const s of sheetNames) expect([s, englishWordsIn(s)]).toEqual([s, []]);
    const found: string[] = [];
    for (const [sheet, byAddress] of Object.entries(cells)) {
      // The alert codes (the JSON keys of the reasons) are the KA Alerts table's last column.
      const codeColumn = Object.entries(byAddress).find(([, c]) => c.value === "代码")?.[0].replace(/\d+$/, "");
      for (const [address, cell] of Object.entries(byAddress)) {
        if (typeof cell.value !== "string") continue;
        const v = cell.value;
        if (names.has(v) || headers.has(v) || codes.has(v) || ledgerValues.has(v)) continue;
        if (codeColumn && address.replace(/\d+$/, "") === codeColumn) continue;
        // A ledger value quoted in a detail ('TBD' in Amount) is the user's data; so are customer names in sentences.
        // …and so is a file path (the ledger's name).
        let text = v.replace(/'[^']*'|“[^”]*”/g, "").replace(/[\w./-]+\.(?:csv|tsv|xlsx|gz)\b/g, "");
        for (const n of names) if (n.length > 2 && text.includes(n)) text = text.split(n).join("");
        for (const h of headers) if (h.length > 1) text = text.split(h).join("");
        const words = englishWordsIn(text);
        if (words.length > 0) found.push(`${sheet}!${address}: ${words.join(", ")} in "${v.slice(0, 120)}"`);
      }
    }
    expect(found).toEqual([]);
  });

  const soffice = findSoffice();
  (soffice ? test : test.skip)(
    "LibreOffice recalculates every formula of the Chinese workbook to the engine's value",
    async () => {
      const original = await readCells(out);
      const recalculated = await recalculate(out, { soffice });
      expect(countFormulaCells(original)).toBeGreaterThan(1000);
      expect(compareFormulaCells(original, recalculated)).toEqual([]);
    },
    300_000,
  );
});

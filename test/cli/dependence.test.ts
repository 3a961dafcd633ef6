/**
 * The dependence flags of `ka analyze` as a shell runs it: --trend, --rolling, --group-by (and its errors), and
 * --with-rows refused when the used rows do not fit in a sheet.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";

const KA = path.resolve(__dirname, "../../bin/ka.js");

function ka(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [KA, ...args], { cwd, encoding: "utf8", timeout: 240_000, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ka analyze: dependence flags", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-cli-dep-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("--trend month --rolling --group-by 'Sales Rep': monthly rolling windows, one grouping column", () => {
    const r = ka(["analyze", "--trend", "month", "--rolling", "--group-by", "sales rep", "--json", "-", "--out", "r.xlsx", "--quiet"], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.dependence.trendPeriod, j.dependence.trendBasis]).toEqual(["month", "rolling12"]);
    expect(j.concentration.trend).toHaveLength(36); // 2023-01 … 2025-12
    // The last window is the 12 months of 2025.
    expect(j.concentration.trend[35]).toMatchObject({ period: "2025-12", start: "2025-01-01", end: "2025-12-31" });
    expect(j.dependence.groups.map((g: { header: string }) => g.header)).toEqual(["Sales Rep"]);
  });

  test("--group-by none reads no grouping column; a missing header is a clear error (exit 1); a bad --trend is usage (exit 2)", () => {
    const none = ka(["analyze", "--group-by", "none", "--json", "-", "--out", "r.xlsx", "--quiet"], dir);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout).dependence.groups).toEqual([]);
    const missing = ka(["analyze", "--group-by", "Channel", "--out", "r.xlsx", "--quiet"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^ka: groupBy: there is no column 'Channel' \(columns: Invoice No, Invoice Date, Customer, Region/);
    const bad = ka(["analyze", "--trend", "year"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--trend must be month or quarter, got 'year'/);
  });

  test("--with-rows above Excel's row limit: refused with a message naming the limit, no workbook written", () => {
    const file = path.join(dir, "big.csv.gz");
    const rows = 1_048_576; // one more than a sheet holds below its header
    const line = "A,2024-01-01,1\n";
    fs.writeFileSync(file, zlib.gzipSync(Buffer.from("Customer,Date,Amount\n" + line.repeat(rows))));
    const r = ka(["analyze", file, "--with-rows", "--out", "big.xlsx", "--quiet"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--with-rows: the ledger has 1,048,576 used rows, more than an Excel sheet holds \(1,048,575 below the header\)/);
    expect(fs.existsSync(path.join(dir, "big.xlsx"))).toBe(false);
  }, 240_000);
});

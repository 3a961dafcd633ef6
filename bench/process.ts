/**
 * Whole-process figures of `ka` as a shell runs it (bin/ka.js, the compiled CLI): wall time and peak RSS from
 * `/usr/bin/time` (GNU time: `%e %M`), median over several runs, for `--help`, a 3-row ledger, the bundled sample
 * and Online Retail (xlsx and JSON written). Then the xlsx writer alone: Online Retail's report written in memory
 * (median), and a synthetic 100,000-row Accounts table to show that the writer's memory does not grow with the sheet
 * (it streams: the report object is what takes the memory).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyze } from "../src/engine/analysis";
import { LedgerBuilder } from "../src/engine/ledger";
import { buildReport } from "../src/engine/report";
import type { Cell, Report } from "../src/engine/report/types";
import { openLedgerFile } from "../src/workbook/xlsx";
import { writeXlsxBuffer, writeXlsxFile } from "../src/workbook/xlsx/write-xlsx";

const ROOT = path.resolve(__dirname, "..");
const KA = path.join(ROOT, "bin/ka.js");
const ONLINE_RETAIL = path.resolve(ROOT, "../shared/data/online-retail.csv.gz");
const TIME = "/usr/bin/time";

function line(label: string, value: string) {
  process.stdout.write(`  ${label.padEnd(52)} ${value}\n`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `ka args` `n` times under /usr/bin/time; median wall seconds and the largest peak RSS (MB). */
function timed(args: string[], n: number, cwd: string): { wall: number; rss: number; ok: boolean } {
  const walls: number[] = [];
  let rss = 0;
  let ok = true;
  for (let i = 0; i < n; i++) {
    const r = spawnSync(TIME, ["-f", "%e %M", process.execPath, KA, ...args], { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
    const m = /(\d+\.\d+) (\d+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) {
      ok = false;
      process.stdout.write(`  (ka ${args.join(" ")} failed: ${r.stderr.trim().split("\n").slice(-2).join(" | ")})\n`);
      break;
    }
    walls.push(Number(m[1]));
    rss = Math.max(rss, Number(m[2]) / 1024);
  }
  return { wall: median(walls), rss, ok };
}

function syntheticAccounts(rows: number): Report {
  const columns = Array.from({ length: 40 }, (_, j) => ({ header: `Col ${j}`, numberFormat: j % 2 ? "#,##0.00" : undefined }));
  const body: Cell[][] = [];
  for (let i = 0; i < rows; i++) {
    body.push(columns.map((_, j) => (j === 0 ? `Customer ${i}` : j % 4 === 0 ? { formula: "KABig[[#This Row],[Col 1]]*2+KABig[[#This Row],[Col 2]]", value: 3 * i } : i * j + 0.25)));
  }
  return { sheets: [{ name: "KA Accounts", role: "accounts", blocks: [{ kind: "table", name: "KABig", row: 0, col: 0, columns, rows: body }] }] };
}

export async function benchProcess(): Promise<void> {
  if (!fs.existsSync(TIME)) {
    process.stdout.write("  /usr/bin/time not found (Debian: apt-get install time): whole-process figures skipped\n");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-bench-"));
  try {
    fs.writeFileSync(path.join(dir, "three.csv"), "Customer,Date,Amount\nAcme,2024-01-05,100\nBeta,2024-02-01,50\nAcme,2024-03-01,25\n");
    process.stdout.write(`  load average now: ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} (${os.cpus().length} cores)\n`);
    const show = (label: string, r: { wall: number; rss: number; ok: boolean }, target: string) => r.ok && line(label, `${(r.wall * 1000).toFixed(0)} ms wall, ${r.rss.toFixed(0)} MB peak RSS  ${target}`);
    show("ka --help (median of 9)", timed(["--help"], 9, dir), "(target ≤ 150 ms)");
    show("ka analyze three.csv (median of 9)", timed(["analyze", "three.csv", "--out", "three.xlsx", "--json", "three.json", "--quiet"], 9, dir), "(target ≤ 150 ms)");
    show("ka analyze (bundled sample, xlsx + JSON, median of 5)", timed(["analyze", "--out", "sample.xlsx", "--json", "sample.json", "--quiet"], 5, dir), "");
    if (fs.existsSync(ONLINE_RETAIL)) {
      show("ka analyze Online Retail (xlsx + JSON, median of 3)", timed(["analyze", ONLINE_RETAIL, "--out", "or.xlsx", "--json", "or.json", "--quiet"], 3, dir), "(target ≤ 900 ms, ≤ 300 MB)");
      const report = readReportOf(path.join(dir, "or.xlsx"));
      if (report) line("Online Retail report file", report);
    }

    // The writer alone.
    if (fs.existsSync(ONLINE_RETAIL)) {
      const src = await openLedgerFile(ONLINE_RETAIL);
      const b = new LedgerBuilder(src.header, { headerRow: src.headerRow, date1904: src.date1904, delimiter: src.text?.delimiter });
      for await (const c of src.rows) for (const r of c) b.push(r);
      const report = buildReport(await analyze(b.finish()), { label: "online-retail.csv.gz", kind: "file" });
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < 7; i++) {
        const t0 = process.hrtime.bigint();
        size = (await writeXlsxBuffer(report)).buffer.length;
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      line("xlsx writer: Online Retail report in memory (median of 7)", `${median(times).toFixed(0)} ms, ${(size / 1024).toFixed(0)} KiB  (target ≤ 250 ms)`);
    }
    for (const rows of [10_000, 100_000]) {
      const report = syntheticAccounts(rows);
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const t0 = process.hrtime.bigint();
      await writeXlsxFile(report, path.join(dir, `synthetic-${rows}.xlsx`));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      line(`xlsx writer: ${rows.toLocaleString("en-US")} × 40 table to a file`, `${ms.toFixed(0)} ms, RSS +${((peak - before) / 1048576).toFixed(0)} MB during the write`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Size and parts of a written report (what a colleague receives). */
function readReportOf(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  return `${(fs.statSync(file).size / 1024).toFixed(0)} KiB`;
}

if (require.main === module) {
  benchProcess().catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  });
}

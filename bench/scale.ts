/**
 * Scale series (issue 17 item 12): `ka analyze` as a whole process on generated ledgers (scripts/make-scale-ledger.ts)
 * of 300,000 rows with 10,000 / 30,000 customers and 2,000,000 rows with 100,000 customers — wall time and peak RSS
 * from /usr/bin/time, per stage from ka's own progress lines (read, each analysis stage, JSON, report build + write).
 * Targets: 100,000 customers / 2 M rows ≤ 20 s and ≤ 1.5 GB; time after reading growing no faster than n log n in
 * customers (the growth lines compare each step with n log n). Ledgers are written once to the OS temp folder.
 * `KA_BENCH_SCALE=quick` runs the 10k case only.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeScaleLedger } from "../scripts/make-scale-ledger";

const KA = path.resolve(__dirname, "../bin/ka.js");
const SERIES: [rows: number, customers: number][] = [
  [300_000, 10_000],
  [300_000, 30_000],
  [2_000_000, 100_000],
];

interface Run {
  rows: number;
  customers: number;
  wallS: number;
  rssMb: number;
  readMs: number;
  analysisMs: number;
  stages: string;
  writeMs: number;
}

export async function benchScale(): Promise<void> {
  const dir = path.join(os.tmpdir(), "ka-bench-scale");
  fs.mkdirSync(dir, { recursive: true });
  const series = process.env.KA_BENCH_SCALE === "quick" ? SERIES.slice(0, 1) : SERIES;
  process.stdout.write(`  load average now: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}\n`);
  const runs: Run[] = [];
  for (const [rows, customers] of series) {
    const file = path.join(dir, `ledger-${rows}-${customers}.csv`);
    if (!fs.existsSync(file)) await writeScaleLedger(rows, customers, file);
    const out = path.join(dir, `report-${rows}-${customers}`);
    const started = Date.now();
    const r = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, KA, "analyze", file, "--json", `${out}.json`, "--out", `${out}.xlsx`], {
      encoding: "utf8",
      timeout: 600_000,
      maxBuffer: 64 << 20,
    });
    const label = `${(rows / 1e6).toFixed(1)} M rows, ${(customers / 1000).toFixed(0)}k customers`;
    const timed = /(\d+\.\d+) (\d+)\s*$/.exec(r.stderr ?? "");
    if (r.status !== 0 || !timed) {
      process.stdout.write(`  ${label.padEnd(32)} did not finish (exit ${r.status}, ${((Date.now() - started) / 1000).toFixed(0)} s): ${(r.stderr ?? "").split("\n").filter(Boolean).slice(-2).join(" | ")}\n`);
      continue;
    }
    const num = (re: RegExp) => Number(re.exec(r.stderr)?.[1] ?? NaN);
    const run: Run = {
      rows,
      customers,
      wallS: Number(timed[1]),
      rssMb: Number(timed[2]) / 1024,
      readMs: num(/rows read, .* excluded \((\d+) ms\)/),
      analysisMs: num(/analysed in (\d+) ms/),
      stages: /analysed in \d+ ms \((.*) ms\)/.exec(r.stderr)?.[1] ?? "",
      writeMs: num(/built and written in (\d+) ms/),
    };
    runs.push(run);
    process.stdout.write(`  ${label.padEnd(32)} ${run.wallS.toFixed(1)} s wall, ${run.rssMb.toFixed(0)} MB peak RSS\n`);
    process.stdout.write(`    read ${run.readMs} ms; analysis ${run.analysisMs} ms (${run.stages} ms); report built and written ${run.writeMs} ms\n`);
  }
  // Growth after reading (analysis + report) from one customer count to the next, against n log n.
  for (let k = 1; k < runs.length; k++) {
    const [a, b] = [runs[k - 1], runs[k]];
    const nlogn = (b.customers * Math.log(b.customers)) / (a.customers * Math.log(a.customers));
    const t = (b.analysisMs + b.writeMs) / (a.analysisMs + a.writeMs);
    process.stdout.write(
      `  ${a.customers / 1000}k → ${b.customers / 1000}k customers (rows ×${(b.rows / a.rows).toFixed(1)}): analysis + report ×${t.toFixed(2)}, n log n ×${nlogn.toFixed(2)}\n`,
    );
  }
}

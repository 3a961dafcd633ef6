/**
 * `npm run bench`: where the speed and memory claims live. Prints numbers; asserts nothing.
 * Ledgers: Online Retail (../shared/data, 541,909 rows) and the bundled sample. Stages are timed from the
 * analysis' own progress callbacks. Other areas' benchmarks (models, functions, pane adapter) run after.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyze } from "../src/engine/analysis";
import { LedgerBuilder } from "../src/engine/ledger";
import type { Ledger } from "../src/engine/ledger/types";
import { buildReport } from "../src/engine/report";
import { openLedgerFile } from "../src/workbook/xlsx";
import { writeXlsxBuffer } from "../src/workbook/xlsx/write-xlsx";

const ROOT = path.resolve(__dirname, "..");
const ONLINE_RETAIL = path.resolve(ROOT, "../shared/data/online-retail.csv.gz");
const SAMPLE = path.join(ROOT, "assets/sample-ledger.csv");

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
const peakRssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

function line(label: string, value: string) {
  process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

/** Streams the file into the ledger builder, as the CLI does (byte batches where the reader gives them); also times a read-only pass to split the cost. */
async function readAndIngest(file: string): Promise<{ ledger: Ledger; totalMs: number; readOnlyMs: number }> {
  let t0 = process.hrtime.bigint();
  const probe = await openLedgerFile(file);
  for await (const part of probe.batches ?? probe.rows) void part;
  const readOnlyMs = ms(t0);
  t0 = process.hrtime.bigint();
  const src = await openLedgerFile(file);
  // As the CLI reads (src/cli/main.ts readLedger): the delimiter, the row estimate, only the columns it reads.
  const builder = new LedgerBuilder(src.header, { headerRow: src.headerRow, date1904: src.date1904, delimiter: src.text?.delimiter, expectedRows: src.estimatedRows });
  src.onlyColumns?.(builder.columnsRead);
  for await (const part of src.batches ?? src.rows) {
    if (Array.isArray(part)) for (const row of part) builder.push(row);
    else builder.pushBatch(part);
  }
  const ledger = builder.finish();
  return { ledger, totalMs: ms(t0), readOnlyMs };
}

async function benchLedger(title: string, file: string) {
  if (!fs.existsSync(file)) {
    process.stdout.write(`${title}: ${file} not found, skipped\n`);
    return;
  }
  process.stdout.write(`\n${title} (${path.basename(file)})\n`);
  const { ledger, totalMs, readOnlyMs } = await readAndIngest(file);
  const ingestMs = totalMs;
  line("rows read / used", `${ledger.read.toLocaleString("en-US")} / ${ledger.used.toLocaleString("en-US")}`);
  line("customers", ledger.customers.length.toLocaleString("en-US"));
  line("file → Ledger (stream, parse, map, account)", `${totalMs.toFixed(0)} ms  (${((ledger.read / totalMs) * 1000 / 1e6).toFixed(2)} M rows/s)`);
  line("  of which reading + tokenising alone", `${readOnlyMs.toFixed(0)} ms`);

  let t0: bigint;
  // Warm-up run so the JIT has seen the code, then the measured run.
  await analyze(ledger);
  const stageMs: Record<string, number> = {};
  let last = process.hrtime.bigint();
  let lastStage = "";
  t0 = last;
  const analysis = await analyze(ledger, {}, {
    onProgress(stage) {
      const now = process.hrtime.bigint();
      if (lastStage) stageMs[lastStage] = (stageMs[lastStage] ?? 0) + Number(now - last) / 1e6;
      lastStage = stage;
      last = now;
    },
  });
  const analyzeMs = ms(t0);
  for (const [stage, t] of Object.entries(stageMs)) line(`analysis: ${stage}`, `${t.toFixed(1)} ms`);
  line("analysis total", `${analyzeMs.toFixed(0)} ms`);
  line("file → Ledger + customers + concentration", `${(ingestMs + (stageMs.customers ?? 0) + (stageMs.concentration ?? 0)).toFixed(0)} ms (target ≤ 1500 ms on Online Retail)`);

  t0 = process.hrtime.bigint();
  const report = buildReport(analysis, { label: path.basename(file), kind: "file" });
  line("build report", `${ms(t0).toFixed(0)} ms`);
  t0 = process.hrtime.bigint();
  const { buffer } = await writeXlsxBuffer(report);
  line("write xlsx (in memory)", `${ms(t0).toFixed(0)} ms, ${(buffer.length / 1024).toFixed(0)} KiB`);
  line("heap used now / peak RSS so far", `${mb(process.memoryUsage().heapUsed)} MB / ${peakRssMb()} MB`);
}

async function optional(file: string, fn: string) {
  const p = path.join(__dirname, file);
  if (!fs.existsSync(p)) return;
  // require, not import(): tsx's CommonJS hook compiles .ts for require only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(p);
  if (typeof mod[fn] === "function") {
    process.stdout.write(`\n${file}\n`);
    await mod[fn]();
  }
}

async function run() {
  process.stdout.write(`KA Risk benchmark — node ${process.version}, ${os.cpus().length} cores\n`);
  await benchLedger("Online Retail", ONLINE_RETAIL);
  await benchLedger("Sample ledger", SAMPLE);
  await optional("functions.ts", "benchFunctions");
  await optional("models.ts", "benchModels");
  await optional("forecast.ts", "benchForecast");
  await optional("office.ts", "benchOffice");
  await optional("scale.ts", "benchScale");
  await optional("process.ts", "benchProcess");
  process.stdout.write(`\npeak RSS of the whole run: ${peakRssMb()} MB\n`);
}

run().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});

/**
 * Probabilistic models benchmark: BG/NBD fit on the CDNOW summary (2,357 customers) and on the CDNOW master
 * cohort (23,570 customers), fit + per-customer predictions on Online Retail (about 4,300 customers, days), and the
 * Pareto/NBD fit on a small ledger whose customers buy alike.
 * Each figure is the median of 10 runs after 3 warm-up runs (the JIT has seen the code), as wall time and as
 * this process' CPU time (the honest figure on a shared machine). Prints; asserts nothing. Run alone with `node bin/run-ts.js bench/models.ts`, or from `npm run bench`.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { dayFromYmd } from "../src/engine/day";
import { LedgerBuilder } from "../src/engine/ledger";
import type { Ledger } from "../src/engine/ledger/types";
import { conditionalExpectedPurchasesColumns, customerSummary, expectedAverageSpendColumns, fitBgNbd, fitGammaGamma, pAliveColumns, predictedClvColumns, unitsPerMonth } from "../src/engine/models";
import { fitParetoNbd } from "../src/engine/models/paretonbd";
import { openLedgerFile } from "../src/workbook/xlsx";

const CDNOW = path.resolve(__dirname, "../../shared/data/cdnow");
const ONLINE_RETAIL = path.resolve(__dirname, "../../shared/data/online-retail.csv.gz");

function line(label: string, value: string) {
  process.stdout.write(`  ${label.padEnd(52)} ${value}\n`);
}

/**
 * Median wall time of `runs` calls after `warmup` calls, in ms, and the median CPU time of this process over
 * the same calls (user + system): on a shared machine wall time includes waiting for a core, CPU time does not.
 */
function time(f: () => unknown, warmup = 3, runs = 10): { wall: number; cpu: number } {
  for (let i = 0; i < warmup; i++) f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    f();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}

const fmt = (t: { wall: number; cpu: number }, target: number) => `${t.wall.toFixed(1)} ms wall, ${t.cpu.toFixed(1)} ms CPU  (target ≤ ${target})`;

function readCdnowSummary(): { x: Float64Array; tx: Float64Array; T: Float64Array } {
  const rows = fs.readFileSync(path.join(CDNOW, "cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",").map(Number));
  return { x: Float64Array.from(rows, (r) => r[1]), tx: Float64Array.from(rows, (r) => r[2]), T: Float64Array.from(rows, (r) => r[3]) };
}

/** CDNOW master rows (header; customer_id yyyymmdd CDs dollars) as summary input. */
function readCdnowMaster(): { customer: Int32Array; day: Int32Array; amount: Float64Array; nCustomers: number } {
  const lines = zlib.gunzipSync(fs.readFileSync(path.join(CDNOW, "CDNOW_master.txt.gz"))).toString("utf8").split(/\r?\n/).slice(1).filter((l) => l.trim() !== "");
  const code = new Map<string, number>();
  const customer = new Int32Array(lines.length);
  const day = new Int32Array(lines.length);
  const amount = new Float64Array(lines.length);
  lines.forEach((l, i) => {
    const f = l.trim().split(/\s+/);
    if (!code.has(f[0])) code.set(f[0], code.size);
    customer[i] = code.get(f[0]) as number;
    day[i] = dayFromYmd(Number(f[1].slice(0, 4)), Number(f[1].slice(4, 6)), Number(f[1].slice(6, 8)));
    amount[i] = Number(f[3]);
  });
  return { customer, day, amount, nCustomers: code.size };
}

async function readOnlineRetail(): Promise<Ledger> {
  const src = await openLedgerFile(ONLINE_RETAIL);
  const builder = new LedgerBuilder(src.header, { headerRow: src.headerRow, date1904: src.date1904 });
  for await (const chunk of src.rows) for (const row of chunk) builder.push(row);
  return builder.finish();
}

export async function benchModels(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  process.stdout.write("\nProbabilistic models (median of 10 after 3 warm-up runs)\n");

  if (fs.existsSync(path.join(CDNOW, "cdnow_customers_summary.csv"))) {
    const summary = readCdnowSummary();
    const fit = fitBgNbd(summary);
    const t1 = time(() => fitBgNbd(summary));
    out.cdnowSummaryFitMs = t1.wall;
    out.cdnowSummaryFitCpuMs = t1.cpu;
    line("BG/NBD fit, CDNOW summary (2,357 customers, weeks)", fmt(t1, 20));
    line("  r, α, a, b / log-likelihood", `${fit.params.r.toFixed(4)}, ${fit.params.alpha.toFixed(4)}, ${fit.params.a.toFixed(4)}, ${fit.params.b.toFixed(4)} / ${fit.logLikelihood.toFixed(2)} (${fit.iterations} iterations)`);

    const master = readCdnowMaster();
    const asOf = dayFromYmd(1997, 9, 30);
    const t0 = process.hrtime.bigint();
    const ms = customerSummary(master, { asOf, unit: "week", zeroIsPurchase: true });
    out.cdnowMasterSummaryMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const masterFit = fitBgNbd(ms);
    const t2 = time(() => fitBgNbd(ms));
    out.cdnowMasterFitMs = t2.wall;
    out.cdnowMasterFitCpuMs = t2.cpu;
    line(`summary, CDNOW master (${master.customer.length.toLocaleString("en-US")} rows, first run)`, `${out.cdnowMasterSummaryMs.toFixed(1)} ms`);
    line(`BG/NBD fit, CDNOW master (${masterFit.customers.toLocaleString("en-US")} customers, weeks)`, fmt(t2, 100));
    line("  r, α, a, b / converged", `${masterFit.params.r.toFixed(4)}, ${masterFit.params.alpha.toFixed(4)}, ${masterFit.params.a.toFixed(4)}, ${masterFit.params.b.toFixed(4)} / ${masterFit.converged}`);
  } else line("CDNOW", "not found, skipped");

  if (fs.existsSync(ONLINE_RETAIL)) {
    const ledger = await readOnlineRetail();
    const unit = "day" as const;
    const s = customerSummary({ customer: ledger.customer, day: ledger.day, amount: ledger.amount, nCustomers: ledger.customers.length }, { asOf: ledger.asOf, unit });
    const data = { x: s.x, tx: s.tx, T: s.T, monetary: s.monetary };
    let result: { bg: ReturnType<typeof fitBgNbd>; gg: ReturnType<typeof fitGammaGamma>; clv: Float64Array } | undefined;
    const fitAndPredict = () => {
      const bg = fitBgNbd(s);
      const gg = fitGammaGamma({ x: s.x, m: s.monetary });
      pAliveColumns(bg.params, s);
      conditionalExpectedPurchasesColumns(bg.params, 90, s);
      conditionalExpectedPurchasesColumns(bg.params, 12 * unitsPerMonth(unit), s);
      expectedAverageSpendColumns(gg.params, { x: s.x, m: s.monetary });
      const clv = predictedClvColumns(bg.params, gg.params, data, { unit });
      result = { bg, gg, clv };
    };
    const t3 = time(fitAndPredict);
    out.onlineRetailFitPredictMs = t3.wall;
    out.onlineRetailFitPredictCpuMs = t3.cpu;
    const r = result as NonNullable<typeof result>;
    line(`fit BG/NBD + Gamma-Gamma + predictions, Online Retail (${s.customersWithPurchases.toLocaleString("en-US")} customers, days)`, fmt(t3, 150));
    line("  BG/NBD r, α, a, b / converged", `${r.bg.params.r.toFixed(4)}, ${r.bg.params.alpha.toFixed(3)}, ${r.bg.params.a.toFixed(4)}, ${r.bg.params.b.toFixed(4)} / ${r.bg.converged}`);
    line("  Gamma-Gamma p, q, v / converged", `${r.gg.params.p.toFixed(4)}, ${r.gg.params.q.toFixed(4)}, ${r.gg.params.v.toFixed(2)} / ${r.gg.converged}${r.gg.warnings.length ? ` (${r.gg.warnings.map((w) => w.code).join(", ")})` : ""}`);
    let total = 0;
    for (const v of r.clv) if (!Number.isNaN(v)) total += v;
    line("  Σ predicted 12-month CLV", total.toFixed(0));
  } else line("Online Retail", "not found, skipped");

  // A small ledger whose customers all buy alike: the Pareto/NBD search runs r and s up to ~10⁴, where its integral
  // needs the quadrature (2 s before its integrand was formed from small terms, 0.1 s after).
  const alike = smallAlikeLedger();
  const t4 = time(() => fitParetoNbd(alike), 1, 5);
  out.smallLedgerParetoFitMs = t4.wall;
  line("Pareto/NBD fit, 20 customers buying alike", fmt(t4, 200));
  return out;
}

/** 20 customers with 1–4 purchases a month apart, first purchases a week apart (test/workbook/office's synthetic ledger). */
function smallAlikeLedger(): { x: Float64Array; tx: Float64Array; T: Float64Array } {
  const rows: { customer: number; day: number }[] = [];
  for (let i = 0; i < 20; i++) for (let j = 0; j < 1 + (i % 4); j++) rows.push({ customer: i, day: 19000 + ((i * 7 + j * 31) % 700) });
  const asOf = Math.max(...rows.map((r) => r.day));
  return customerSummary({ customer: Int32Array.from(rows, (r) => r.customer), day: Int32Array.from(rows, (r) => r.day), amount: new Float64Array(rows.length).fill(100), nCustomers: 20 }, { asOf, unit: "week" });
}

// Run directly (node bin/run-ts.js bench/models.ts puts this file in argv[1]); imported by bench.ts otherwise.
if (require.main === module || path.resolve(process.argv[1] ?? "") === __filename) {
  benchModels().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}

/**
 * Forecast benchmark (issue 13): Pareto/NBD fits (CDNOW summary, CDNOW master), standard errors, the calibration /
 * hold-out backtest and per-customer forecasts with 90 % intervals (200 parameter draws), on CDNOW and Online
 * Retail. Median of the runs after warm-up, wall and this process' CPU time. Prints; asserts nothing. Run alone with
 * `node bin/run-ts.js bench/forecast.ts`, or from `npm run bench`.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { dayFromYmd } from "../src/engine/day";
import { LedgerBuilder } from "../src/engine/ledger";
import { backtest, forecastCustomers } from "../src/engine/forecast";
import { bgnbdUncertainty, customerSummary, fitBgNbd, fitParetoNbd, paretoNbdUncertainty } from "../src/engine/models";
import { openLedgerFile } from "../src/workbook/xlsx";

const CDNOW = path.resolve(__dirname, "../../shared/data/cdnow");
const ONLINE_RETAIL = path.resolve(__dirname, "../../shared/data/online-retail.csv.gz");

function line(label: string, value: string) {
  process.stdout.write(`  ${label.padEnd(60)} ${value}\n`);
}

function time(f: () => unknown, warmup = 2, runs = 7): { wall: number; cpu: number } {
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

const fmt = (t: { wall: number; cpu: number }, target?: number) => `${t.wall.toFixed(1)} ms wall, ${t.cpu.toFixed(1)} ms CPU${target ? `  (target ≤ ${target})` : ""}`;

function readRows(text: string, sample: boolean): { customer: Int32Array; day: Int32Array; amount: Float64Array; nCustomers: number } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !/^customer/i.test(l.trim()));
  const code = new Map<string, number>();
  const customer = new Int32Array(lines.length);
  const day = new Int32Array(lines.length);
  const amount = new Float64Array(lines.length);
  lines.forEach((l, i) => {
    const f = l.trim().split(/\s+/);
    const [id, ymd, dollars] = sample ? [f[1], f[2], f[4]] : [f[0], f[1], f[3]];
    if (!code.has(id)) code.set(id, code.size);
    customer[i] = code.get(id) as number;
    day[i] = dayFromYmd(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)), Number(ymd.slice(6, 8)));
    amount[i] = Number(dollars);
  });
  return { customer, day, amount, nCustomers: code.size };
}

export async function benchForecast(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  process.stdout.write("\nForecast: Pareto/NBD, standard errors, backtest, intervals (median after warm-up)\n");
  if (fs.existsSync(path.join(CDNOW, "cdnow_customers_summary.csv"))) {
    const rows = fs.readFileSync(path.join(CDNOW, "cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",").map(Number));
    const summary = { x: Float64Array.from(rows, (r) => r[1]), tx: Float64Array.from(rows, (r) => r[2]), T: Float64Array.from(rows, (r) => r[3]) };
    const fit = fitParetoNbd(summary);
    const t1 = time(() => fitParetoNbd(summary));
    out.paretoNbdCdnowFitMs = t1.wall;
    line("Pareto/NBD fit, CDNOW summary (2,357 customers, weeks)", fmt(t1, 50));
    line("  r, α, s, β / log-likelihood", `${fit.params.r.toFixed(4)}, ${fit.params.alpha.toFixed(3)}, ${fit.params.s.toFixed(4)}, ${fit.params.beta.toFixed(3)} / ${fit.logLikelihood.toFixed(2)}`);
    const t2 = time(() => paretoNbdUncertainty(fit, summary));
    line("  standard errors (observed information)", fmt(t2));
    const bg = fitBgNbd(summary);
    line("BG/NBD standard errors, CDNOW summary", fmt(time(() => bgnbdUncertainty(bg, summary))));

    const master = readRows(zlib.gunzipSync(fs.readFileSync(path.join(CDNOW, "CDNOW_master.txt.gz"))).toString("utf8"), false);
    const ms = customerSummary(master, { asOf: dayFromYmd(1997, 9, 30), unit: "week", zeroIsPurchase: true });
    const masterFit = fitParetoNbd(ms);
    const t3 = time(() => fitParetoNbd(ms), 1, 5);
    out.paretoNbdMasterFitMs = t3.wall;
    line(`Pareto/NBD fit, CDNOW master (${masterFit.customers.toLocaleString("en-US")} customers, weeks)`, fmt(t3, 400));
    line("  r, α, s, β / converged", `${masterFit.params.r.toFixed(4)}, ${masterFit.params.alpha.toFixed(3)}, ${masterFit.params.s.toFixed(4)}, ${masterFit.params.beta.toFixed(3)} / ${masterFit.converged}`);

    const sample = readRows(fs.readFileSync(path.join(CDNOW, "CDNOW_sample.txt"), "utf8"), true);
    const calibrationEnd = dayFromYmd(1997, 9, 30);
    const holdoutEnd = dayFromYmd(1998, 6, 30);
    let bt = backtest(sample, { calibrationEnd, holdoutEnd, unit: "week" });
    const t4 = time(() => (bt = backtest(sample, { calibrationEnd, holdoutEnd, unit: "week" })), 1, 5);
    out.backtestCdnowMs = t4.wall;
    line("backtest, CDNOW sample ledger (39 + 39 weeks, BG/NBD and Pareto/NBD)", fmt(t4));
    for (const m of bt.models) line(`  ${m.name}: predicted / actual / error / MAE`, `${m.predicted.toFixed(1)} / ${m.actual} / ${m.errorPct.toFixed(1)} % / ${m.mae.toFixed(3)}`);
    const s = customerSummary(sample, { asOf: holdoutEnd, unit: "week" });
    let f = forecastCustomers(s, { unit: "week", backtest: bt });
    const t5 = time(() => (f = forecastCustomers(s, { unit: "week", backtest: bt })), 1, 5);
    const t6 = time(() => forecastCustomers(s, { unit: "week", backtest: bt, draws: 0 }), 1, 5);
    out.forecastCdnowMs = t5.wall;
    line(`forecast, CDNOW sample (${s.customersWithPurchases} customers, ${f.choice.name}, 200 draws)`, fmt(t5));
    line("  of which fits, standard errors and point forecasts (0 draws)", fmt(t6));
  } else line("CDNOW", "not found, skipped");

  if (fs.existsSync(ONLINE_RETAIL)) {
    const src = await openLedgerFile(ONLINE_RETAIL);
    const builder = new LedgerBuilder(src.header, { headerRow: src.headerRow, date1904: src.date1904 });
    for await (const chunk of src.rows) for (const row of chunk) builder.push(row);
    const ledger = builder.finish();
    const rows = { customer: ledger.customer.subarray(0, ledger.used), day: ledger.day.subarray(0, ledger.used), amount: ledger.amount.subarray(0, ledger.used), nCustomers: ledger.customers.length };
    const s = customerSummary(rows, { asOf: ledger.asOf, unit: "week" });
    const t1 = time(() => fitParetoNbd(s), 1, 3);
    line(`Pareto/NBD fit, Online Retail (${s.customersWithPurchases.toLocaleString("en-US")} customers, weeks; no dropout)`, fmt(t1));
    let f = forecastCustomers(s, { unit: "week" });
    const t2 = time(() => (f = forecastCustomers(s, { unit: "week" })), 1, 3);
    out.forecastOnlineRetailMs = t2.wall;
    line(`forecast, Online Retail (${f.choice.name}, 200 draws)`, fmt(t2));
    const calibrationEnd = ledger.asOf - 120;
    const t3 = time(() => backtest(rows, { calibrationEnd, holdoutEnd: ledger.asOf, unit: "week" }), 1, 3);
    line("backtest, Online Retail (last 120 days held out)", fmt(t3));
  } else line("Online Retail", "not found, skipped");
  return out;
}

if (require.main === module || path.resolve(process.argv[1] ?? "") === __filename) {
  benchForecast().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}

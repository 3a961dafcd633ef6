/**
 * The forecast backtest on a worker thread (the engine's `AnalyzeOptions.runBacktest`). On a large ledger the
 * backtest is seconds of model fitting on the calibration period that need not wait for the fits to the whole
 * ledger, nor they for it: with the second core otherwise idle in that stage, it runs beside them (100,000 customers:
 * about 3.5 s). The worker runs the compiled CLI file itself (lib/cli/main.js); loading it there starts the task below
 * instead of a command. The result is the backtest's own, copied: the same numbers as in line (tested).
 */
import { isMainThread, parentPort, Worker, workerData } from "worker_threads";
import type { BacktestRunner } from "../engine/analysis";
import { backtest, type Backtest, type BacktestOptions } from "../engine/forecast";
import type { SummaryRows } from "../engine/models";
import { isKaProblem, KaProblem, type Problem } from "../engine/problems";

const TASK = "ka-backtest";
/** Customers from which the backtest goes to a worker: below, starting a thread (~0.1 s) costs about what it saves. */
const WORKER_CUSTOMERS = 10_000;

type Reply = { ok: true; backtest: Backtest } | { ok: false; problem?: Problem; message: string };

interface Task {
  task: typeof TASK;
  rows: { customer: Int32Array; day: Int32Array; amount: Float64Array; nCustomers: number };
  options: BacktestOptions;
}

/**
 * The runner for `analyze`, or undefined where no worker can start the CLI (the sources run through tsx: a worker
 * would have to load the TypeScript compiler again). `KA_BACKTEST_WORKER_CUSTOMERS` overrides the size from which
 * a worker is used (the tests use 0 and Infinity to compare both ways).
 */
export function backtestRunner(): BacktestRunner | undefined {
  if (!__filename.endsWith(".js")) return undefined;
  const fromEnv = Number(process.env.KA_BACKTEST_WORKER_CUSTOMERS);
  const from = process.env.KA_BACKTEST_WORKER_CUSTOMERS !== undefined && fromEnv >= 0 ? fromEnv : WORKER_CUSTOMERS;
  return (rows, options) => (rows.nCustomers < from ? Promise.resolve(backtest(rows, options)) : inWorker(rows, options));
}

function inWorker(rows: SummaryRows, options: BacktestOptions): Promise<Backtest> {
  // Copies of exactly the used rows, moved (not copied again) to the worker.
  const data: Task = {
    task: TASK,
    rows: { customer: Int32Array.from(rows.customer), day: Int32Array.from(rows.day), amount: Float64Array.from(rows.amount), nCustomers: rows.nCustomers },
    options,
  };
  return new Promise<Backtest>((resolve, reject) => {
    const buffers = [data.rows.customer.buffer, data.rows.day.buffer, data.rows.amount.buffer] as ArrayBuffer[];
    const worker = new Worker(__filename, { workerData: data, transferList: buffers });
    let answered = false;
    worker.once("message", (reply: Reply) => {
      answered = true;
      if (reply.ok) resolve(reply.backtest);
      else reject(reply.problem ? new KaProblem(reply.problem) : new Error(`the backtest's worker thread failed: ${reply.message}`));
    });
    worker.once("error", (e) => {
      answered = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`the backtest's worker thread ended (exit code ${code}) without a result`));
    });
  });
}

// In the worker: run the task and answer once.
if (!isMainThread && (workerData as Partial<Task> | undefined)?.task === TASK && parentPort) {
  const { rows, options } = workerData as Task;
  let reply: Reply;
  try {
    reply = { ok: true, backtest: backtest(rows, options) };
  } catch (e) {
    reply = isKaProblem(e) ? { ok: false, problem: e.problem, message: e.message } : { ok: false, message: String((e as Error)?.stack ?? e) };
  }
  parentPort.postMessage(reply);
}

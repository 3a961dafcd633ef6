/**
 * Work the CLI hands to a worker thread, through the engine's `AnalyzeOptions` (the second core is otherwise idle
 * in the CLV stage):
 * - the forecast backtest (`runBacktest`): seconds of model fitting on the calibration period that need not wait for
 *   the fits to the whole ledger, nor they for it (100,000 customers: the stage 16.6 → 14.5 s);
 * - the forecast's interval draws (`runIntervals`), shared: both threads take blocks of whole frequencies in turn.
 * The worker runs the compiled CLI file itself (lib/cli/main.js); loading it there starts the task below instead of a
 * command. Results come back copied, the same numbers as in line (tested byte for byte on the JSON).
 */
import { isMainThread, parentPort, Worker, workerData } from "worker_threads";
import type { BacktestRunner, ReceivablesRunner } from "../engine/analysis";
import { analyzeReceivables, type ReceivableRows, type Receivables, type ReceivablesOptions, type RowGroups } from "../engine/metrics/credit";
import { backtest, drawClaimedBlocks, INTERVAL_KEYS, type Backtest, type BacktestOptions, type IntervalColumns, type IntervalRunner, type IntervalWork } from "../engine/forecast";
import { isKaProblem, KaProblem, type Problem } from "../engine/problems";

/** Customers from which the backtest goes to a worker: below, starting a thread (~0.1 s) costs about what it saves. */
const BACKTEST_CUSTOMERS = 10_000;
/** Histories × parameter draws from which a worker shares the interval draws. */
const INTERVAL_DRAWS = 2_000_000;
/** Ledger rows from which the receivables are worked out on a worker (beside the stages before credit). */
const RECEIVABLES_ROWS = 200_000;

type Task =
  | { task: "ka-backtest"; rows: { customer: Int32Array; day: Int32Array; amount: Float64Array; nCustomers: number }; options: BacktestOptions }
  | { task: "ka-intervals"; work: IntervalWork; blocks: Int32Array; next: Int32Array; customers: number }
  | { task: "ka-receivables"; rows: ReceivableRows; groups: RowGroups; options: ReceivablesOptions };
type Reply = { ok: true; result: unknown } | { ok: false; problem?: Problem; message: string };

/** A size threshold, from an environment variable (the tests use 0 and Infinity to compare both ways) or the default. */
function threshold(name: string, fallback: number): number {
  const text = process.env[name];
  const value = Number(text);
  return text !== undefined && value >= 0 ? value : fallback;
}

/** Workers start the compiled file; the sources run through tsx, which a worker would have to load again. */
const compiled = () => __filename.endsWith(".js");

/** The backtest runner for `analyze`, or undefined (not compiled). `KA_BACKTEST_WORKER_CUSTOMERS` sets its size. */
export function backtestRunner(): BacktestRunner | undefined {
  if (!compiled()) return undefined;
  const from = threshold("KA_BACKTEST_WORKER_CUSTOMERS", BACKTEST_CUSTOMERS);
  return (rows, options) => {
    if (rows.nCustomers < from) return Promise.resolve(backtest(rows, options));
    // Copies of exactly the used rows, moved (not copied again) to the worker.
    const data = { customer: Int32Array.from(rows.customer), day: Int32Array.from(rows.day), amount: Float64Array.from(rows.amount), nCustomers: rows.nCustomers };
    return inWorker<Backtest>({ task: "ka-backtest", rows: data, options }, [data.customer.buffer, data.day.buffer, data.amount.buffer]);
  };
}

/** The interval runner for `analyze`, or undefined (not compiled). `KA_INTERVAL_WORKER_DRAWS` sets its size. */
export function intervalRunner(): IntervalRunner | undefined {
  if (!compiled()) return undefined;
  const from = threshold("KA_INTERVAL_WORKER_DRAWS", INTERVAL_DRAWS);
  return (work, blocks, next) => {
    if (work.order.length * work.models.length < from) return undefined;
    // `next` lives in a SharedArrayBuffer: both threads take blocks from the one counter.
    return inWorker<{ columns: IntervalColumns; drawn: Int32Array }>({ task: "ka-intervals", work, blocks, next, customers: work.monetary.length }, []);
  };
}

/**
 * The receivables runner for `analyze`, or undefined (not compiled). `KA_RECEIVABLES_WORKER_ROWS` sets its size.
 * The worker gets copies of the used rows' columns the credit metrics read (moved, not copied again), without the
 * invoice numbers (two million strings would cost the main thread more to send than the work) nor the sheet rows;
 * `analyze` fills both in for the open items, from their rows. The result's arrays come back moved too.
 */
export function receivablesRunner(): ReceivablesRunner | undefined {
  if (!compiled()) return undefined;
  const from = threshold("KA_RECEIVABLES_WORKER_ROWS", RECEIVABLES_ROWS);
  return (rows, groups, options) => {
    if (rows.used < from) return undefined;
    const n = rows.used;
    const copy = <T extends Int32Array | Float64Array>(a: T | undefined): T | undefined => (a ? (a.slice(0, n) as T) : undefined);
    const data: ReceivableRows = {
      used: n,
      day: copy(rows.day) as Int32Array,
      amount: copy(rows.amount) as Float64Array,
      dueDay: copy(rows.dueDay),
      paidDay: copy(rows.paidDay),
      paidAmount: copy(rows.paidAmount),
      balance: copy(rows.balance),
    };
    const g: RowGroups = { n: groups.n, order: groups.order.slice(), start: groups.start.slice() };
    const options2 = { ...options, creditLimit: options.creditLimit ? Float64Array.from(options.creditLimit) : undefined };
    return inWorker<Receivables>({ task: "ka-receivables", rows: data, groups: g, options: options2 }, buffersOf([data, g]));
  };
}

/** The distinct ArrayBuffers of the typed arrays in `x` (objects and arrays walked), to move rather than copy. */
function buffersOf(x: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(x)) out.add(x.buffer as ArrayBuffer);
  else if (Array.isArray(x)) for (const v of x) buffersOf(v, out);
  else if (x !== null && typeof x === "object") for (const v of Object.values(x)) buffersOf(v, out);
  return [...out];
}

function inWorker<R>(data: Task, transfer: ArrayBufferLike[]): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: data, transferList: transfer as ArrayBuffer[] });
    let answered = false;
    worker.once("message", (reply: Reply) => {
      answered = true;
      if (reply.ok) resolve(reply.result as R);
      else reject(reply.problem ? new KaProblem(reply.problem) : new Error(`a worker thread (${data.task}) failed: ${reply.message}`));
    });
    worker.once("error", (e) => {
      answered = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`a worker thread (${data.task}) ended (exit code ${code}) without a result`));
    });
  });
}

/** In the worker: the task's result, and the buffers to move back rather than copy. */
function run(data: Task): { result: unknown; transfer: ArrayBuffer[] } {
  if (data.task === "ka-backtest") return { result: backtest(data.rows, data.options), transfer: [] };
  if (data.task === "ka-receivables") {
    const result = analyzeReceivables(data.rows, data.groups, data.options);
    return { result, transfer: buffersOf(result) };
  }
  const nan = () => new Float64Array(data.customers).fill(NaN);
  const columns = Object.fromEntries(INTERVAL_KEYS.map((key) => [key, nan()])) as unknown as IntervalColumns;
  const drawn = Int32Array.from(drawClaimedBlocks(data.work, data.blocks, data.next, columns));
  return { result: { columns, drawn }, transfer: INTERVAL_KEYS.map((key) => columns[key].buffer as ArrayBuffer) };
}

const task = workerData as Partial<Task> | undefined;
if (!isMainThread && parentPort && (task?.task === "ka-backtest" || task?.task === "ka-intervals" || task?.task === "ka-receivables")) {
  let reply: Reply;
  let transfer: ArrayBuffer[] = [];
  try {
    const done = run(task as Task);
    reply = { ok: true, result: done.result };
    transfer = done.transfer;
  } catch (e) {
    reply = isKaProblem(e) ? { ok: false, problem: e.problem, message: e.message } : { ok: false, message: String((e as Error)?.stack ?? e) };
  }
  parentPort.postMessage(reply, transfer);
}

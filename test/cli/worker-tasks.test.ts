/**
 * Work on worker threads (src/cli/worker-tasks.ts) as a shell runs `ka analyze`: the forecast backtest, half of the
 * interval draws, and the receivables. The same JSON, byte for byte, as in line, and the workers really started (Node's
 * `NODE_DEBUG=worker` says so).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";

const ROOT = path.resolve(__dirname, "../..");
const KA = path.join(ROOT, "bin/ka.js");

function ka(args: string[], cwd: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [KA, ...args], { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-cli-worker-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the bundled sample's backtest and interval draws on worker threads give the JSON of the run in line, byte for byte", () => {
  const args = ["analyze", "--json", "-", "--accounts", "--quiet", "--out", "r.xlsx"];
  const inWorker = ka(args, dir, { KA_BACKTEST_WORKER_CUSTOMERS: "0", KA_INTERVAL_WORKER_DRAWS: "0", NODE_DEBUG: "worker" });
  const inLine = ka(args, dir, { KA_BACKTEST_WORKER_CUSTOMERS: "Infinity", KA_INTERVAL_WORKER_DRAWS: "Infinity", NODE_DEBUG: "worker" });
  expect([inWorker.code, inLine.code]).toEqual([0, 0]);
  expect(inWorker.stderr).toMatch(/create new worker .*main\.js[\s\S]*task: 'ka-backtest'/);
  expect(inWorker.stderr).toMatch(/task: 'ka-intervals'/);
  expect(inLine.stderr).not.toMatch(/create new worker/);
  const json = JSON.parse(inWorker.stdout);
  expect(json.backtest.customers).toBeGreaterThan(200); // the sample spans 18 months or more: a backtest ran
  expect(Object.keys(json.backtest.models)).toEqual(expect.arrayContaining(["bgnbd", "paretoNbd"]));
  // Every customer has its intervals, whichever thread drew them.
  const accounts = json.accounts as Record<string, number | null>[];
  const drawn = accounts.filter((a) => typeof a.pAliveLow === "number" && typeof a.clv12mHigh === "number").length;
  expect(drawn).toBe(accounts.filter((a) => typeof a.pAlive === "number").length);
  expect(inWorker.stdout).toBe(inLine.stdout);
});

test("the bundled sample's receivables worked out on a worker thread give the JSON and the workbook of the run in line, byte for byte", () => {
  // The sample has due and paid dates: aging, DSO, ECL and open items (whose invoice numbers the main thread fills in).
  const run = (env: Record<string, string>, out: string) => ka(["analyze", "--json", "-", "--accounts", "--quiet", "--out", out], dir, { KA_BACKTEST_WORKER_CUSTOMERS: "Infinity", KA_INTERVAL_WORKER_DRAWS: "Infinity", NODE_DEBUG: "worker", ...env });
  const inWorker = run({ KA_RECEIVABLES_WORKER_ROWS: "0" }, "rw.xlsx");
  const inLine = run({ KA_RECEIVABLES_WORKER_ROWS: "Infinity" }, "rl.xlsx");
  expect([inWorker.code, inLine.code]).toEqual([0, 0]);
  expect(inWorker.stderr).toMatch(/create new worker .*main\.js[\s\S]*task: 'ka-receivables'/);
  expect(inLine.stderr).not.toMatch(/create new worker/);
  const json = JSON.parse(inWorker.stdout);
  expect(json.credit.receivables).toBeGreaterThan(0);
  expect(inWorker.stdout).toBe(inLine.stdout);
  // The Aging tab lists the open items with their invoice numbers: the same workbook either way.
  expect(fs.readFileSync(path.join(dir, "rw.xlsx")).equals(fs.readFileSync(path.join(dir, "rl.xlsx")))).toBe(true);
});

test("the calibration fits' own problems come back from the worker as in line (calibration end on the ledger's second day)", () => {
  const args = ["analyze", "--json", "-", "--quiet", "--out", "r2.xlsx", "--calibration-end", "2023-01-03"];
  const inWorker = ka(args, dir, { KA_BACKTEST_WORKER_CUSTOMERS: "0", NODE_DEBUG: "worker" });
  const inLine = ka(args, dir, { KA_BACKTEST_WORKER_CUSTOMERS: "Infinity", KA_INTERVAL_WORKER_DRAWS: "Infinity" });
  expect([inWorker.code, inLine.code]).toEqual([0, 0]);
  expect(inWorker.stderr).toMatch(/task: 'ka-backtest'/);
  const warnings = (out: string) => (JSON.parse(out).warnings as { code: string; message: string }[]).filter((w) => w.code.startsWith("backtest"));
  expect(warnings(inWorker.stdout).map((w) => w.code)).toContain("backtestModel");
  expect(warnings(inWorker.stdout)).toEqual(warnings(inLine.stdout));
});

test("a backtest that throws in the worker answers with the problem (code and message), not a crash", async () => {
  const rows = { customer: Int32Array.from([0, 1, 0]), day: Int32Array.from([100, 101, 150]), amount: Float64Array.from([10, 20, 30]), nCustomers: 2 };
  const worker = new Worker(path.join(ROOT, "lib/cli/main.js"), { workerData: { task: "ka-backtest", rows, options: { calibrationEnd: 200, holdoutEnd: 150, unit: "week" } } });
  const reply = await new Promise<{ ok: boolean; problem?: { code: string; message: string } }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  expect(reply.ok).toBe(false);
  expect(reply.problem?.code).toBe("badArgument");
  expect(reply.problem?.message).toMatch(/must be before the hold-out end/);
});

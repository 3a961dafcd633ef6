/**
 * Never lose the user's file: `ka analyze --out` writes to a temporary file beside the report and renames it into
 * place. Killed mid-write (SIGINT, SIGTERM), the process removes its temporary file and the previous report stays
 * byte for byte; after a SIGKILL (no handler can run) the next write sweeps the orphan away.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeXlsxFile } from "../../../src/workbook/xlsx/write-xlsx";
import { fixtureReport } from "./fixture-report";

const KA = path.resolve(__dirname, "../../../bin/ka.js");
let dir: string;
let ledger: string;
let previous: Buffer;
const out = () => path.join(dir, "report.xlsx");
const temps = () => fs.readdirSync(dir).filter((n) => n.startsWith(".report.xlsx.") && n.endsWith(".tmp"));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-interrupt-"));
  // 40,000 customers: an Accounts table of 40,000 rows, so the write takes a while.
  ledger = path.join(dir, "big.csv");
  const lines = ["Customer,Date,Amount"];
  for (let i = 0; i < 40_000; i++) lines.push(`Customer ${i},2024-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 10}`, `Customer ${i},2024-1${i % 3}-0${1 + (i % 9)},${(i % 101) + 5}`);
  fs.writeFileSync(ledger, lines.join("\n") + "\n");
  await writeXlsxFile(fixtureReport(), out());
  previous = fs.readFileSync(out());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Starts `ka analyze big.csv --out report.xlsx` and sends `signal` once its temporary file is being written. */
function interrupted(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; sawTemp: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KA, "analyze", ledger, "--out", out(), "--quiet"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let sawTemp = 0;
    const poll = setInterval(() => {
      const t = temps();
      if (t.length === 0) return;
      const size = fs.statSync(path.join(dir, t[0]), { throwIfNoEntry: false })?.size ?? 0;
      if (size === 0) return; // created, nothing written yet: wait for bytes
      sawTemp = size;
      clearInterval(poll);
      child.kill(signal);
    }, 2);
    child.on("error", reject);
    child.on("exit", (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, sawTemp, stderr });
    });
  });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  test(`${signal} mid-write: the previous report is byte-for-byte unchanged and no temporary file remains`, async () => {
    const r = await interrupted(signal);
    expect(r.sawTemp).toBeGreaterThan(0); // it was interrupted while writing, not before or after
    expect(r.signal).toBe(signal); // the signal ended the process, as it would have without the handler
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(temps()).toEqual([]);
    expect(fs.readFileSync(out()).equals(previous)).toBe(true);
  }, 180_000);
}

test("after a SIGKILL (no handler runs) the orphaned temporary file is removed by the next write", async () => {
  const r = await interrupted("SIGKILL");
  expect(r.signal).toBe("SIGKILL");
  expect(temps()).toHaveLength(1); // what a kill -9 leaves
  expect(fs.readFileSync(out()).equals(previous)).toBe(true);
  await writeXlsxFile(fixtureReport(), out());
  expect(temps()).toEqual([]);
}, 180_000);

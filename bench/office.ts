/**
 * The pane's Office adapter over office-addin-mock (the same fake Excel as the adapter tests): `context.sync()`
 * calls and the adapter's own time to read a full-height ledger and to write the report of 10,000 customers.
 * Excel's own time is not in these figures — there is no Excel here; the sync count is what costs round trips.
 */
import * as path from "path";
import Module from "module";

// office-addin-mock pulls an ESM-only chain through office-addin-manifest, which the mock never calls (Jest maps it
// to the same stub in jest.config.js).
const resolve = (Module as unknown as { _resolveFilename: (r: string, ...rest: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: (r: string, ...rest: unknown[]) => string })._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === "office-addin-manifest") return path.resolve(__dirname, "../test/stubs/office-addin-manifest.js");
  return resolve.call(this, request, ...rest);
};

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function benchOffice(): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { FakeExcel } = require("../test/workbook/office/fake-excel");
  const { reportOf, syntheticLedger } = require("../test/workbook/office/ledger-fixture");
  const { OfficeHost } = require("../src/workbook/office/host");
  const { runExcel } = require("../src/workbook/office/excel-run");
  const { writeReport } = require("../src/workbook/office/write");
  /* eslint-enable @typescript-eslint/no-require-imports */

  const rows = 1_048_576;
  const read = new FakeExcel();
  read.virtual.set("LEDGER", {
    rows,
    cols: 8,
    cell: (r: number, c: number) => (r === 0 ? ["Customer", "Invoice", "Date", "Due", "Amount", "Paid", "Region", "Rep"][c] : c === 0 ? `Customer ${r % 9973}` : c === 4 ? 100 + (r % 997) / 10 : c === 2 ? 44927 + (r % 730) : `v${r % 50}`),
  });
  read.wb.addSheet("Ledger", []);
  read.install();
  let n = 0;
  let t0 = process.hrtime.bigint();
  await new OfficeHost().read({ kind: "sheet", sheet: "Ledger", address: `A1:H${rows}` }, { begin() {}, rows: (chunk: unknown[]) => (n += chunk.length) });
  const readMs = ms(t0);
  line(`read ${n.toLocaleString("en-US")} rows × 8 (target ≤ 60 syncs)`, `${read.syncs} syncs, largest request ${(Math.max(...read.syncBytes) / 1e6).toFixed(2)} MB, ${readMs.toFixed(0)} ms adapter + mock`);

  const report = await reportOf(syntheticLedger(10_000));
  const write = new FakeExcel();
  write.wb.addSheet("Sheet1", [["x"]]);
  write.install();
  t0 = process.hrtime.bigint();
  await runExcel((ctx: unknown) => writeReport(ctx, report));
  line("write the report of 10,000 customers (target ≤ 20 syncs)", `${write.syncs} syncs, largest request ${(Math.max(...write.syncBytes) / 1e6).toFixed(2)} MB, ${ms(t0).toFixed(0)} ms adapter + mock`);
}

function line(label: string, value: string) {
  process.stdout.write(`  ${label.padEnd(56)} ${value}\n`);
}

if (require.main === module || path.resolve(process.argv[1] ?? "") === __filename) {
  benchOffice().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}

/**
 * Generates a large synthetic ledger for the scale benchmark (issue 17 item 12): ROWS invoice lines over two years
 * for CUSTOMERS customers whose sizes follow a power law (a few key accounts, a long tail), with due and paid dates
 * (a fifth paid late, a twentieth still open), credit notes (3 %), and an invoice number per line. Deterministic
 * (mulberry32, no clock), so two runs write the same bytes.
 *
 * Run: `node bin/run-ts.js scripts/make-scale-ledger.ts ROWS CUSTOMERS OUT.csv`
 * (e.g. `2000000 100000 /tmp/ka-2m.csv`; about 60 bytes a row).
 */
import * as fs from "fs";
import { dayFromYmd, isoFromDay } from "../src/engine/day";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the ledger; resolves when the file is flushed. */
export async function writeScaleLedger(rows: number, customers: number, out: string, seed = 17): Promise<void> {
  const rnd = mulberry32(seed);
  const start = dayFromYmd(2023, 1, 1);
  const span = 730;
  const file = fs.createWriteStream(out);
  const write = (text: string) => (file.write(text) ? Promise.resolve() : new Promise<void>((r) => file.once("drain", () => r())));
  await write("Invoice No,Invoice Date,Customer,Amount,Due Date,Paid Date\n");
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    // Customer k with probability ∝ 1/(k+1)^0.8 (a power law), drawn by inverting its continuous approximation.
    const u = rnd();
    const k = Math.min(customers - 1, Math.floor(Math.pow(u * (Math.pow(customers, 0.2) - 1) + 1, 5) - 1));
    const day = start + Math.floor((i / rows) * span);
    const credit = rnd() < 0.03;
    const amount = (credit ? -1 : 1) * Math.round(100 * (20 + 2000 * rnd() * rnd())) / 100;
    const due = day + 30;
    const r = rnd();
    const paid = r < 0.05 ? "" : isoFromDay(due + (r < 0.25 ? 1 + Math.floor(90 * rnd()) : -Math.floor(20 * rnd())));
    batch.push(`INV${1000000 + i},${isoFromDay(day)},Customer ${String(k + 1).padStart(6, "0")},${amount.toFixed(2)},${isoFromDay(due)},${paid}`);
    if (batch.length === 10000) {
      await write(batch.join("\n") + "\n");
      batch = [];
    }
  }
  if (batch.length > 0) await write(batch.join("\n") + "\n");
  await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/**
 * A ledger of `customers` rows, each its own customer (named by its number, one invoice of 1 on 2024-01-15): the
 * smallest file with more customers than a sheet's rows, for the workbook's row limit (about 20 bytes a row).
 */
export function writeOneRowPerCustomer(customers: number, out: string): void {
  const fd = fs.openSync(out, "w");
  try {
    fs.writeSync(fd, "Customer,Date,Amount\n");
    for (let from = 1; from <= customers; from += 100_000) {
      const lines: string[] = [];
      for (let k = from; k < Math.min(customers + 1, from + 100_000); k++) lines.push(`${k},2024-01-15,1`);
      fs.writeSync(fd, lines.join("\n") + "\n");
    }
  } finally {
    fs.closeSync(fd);
  }
}

if (process.argv[1]?.endsWith("make-scale-ledger.ts")) {
  const [rows, customers, out] = process.argv.slice(2);
  if (!rows || !customers || !out) {
    process.stderr.write("usage: make-scale-ledger.ts ROWS CUSTOMERS OUT.csv\n");
    process.exit(2);
  }
  writeScaleLedger(Number(rows), Number(customers), out).catch((e) => {
    process.stderr.write(`${e}\n`);
    process.exit(1);
  });
}

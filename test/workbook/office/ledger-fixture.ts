/** Builders for tests: a Ledger straight from (customer, day, amount) rows, and its report. */
import { analyze } from "../../../src/engine/analysis";
import type { Ledger } from "../../../src/engine/ledger/types";
import { buildReport } from "../../../src/engine/report";
import type { Report } from "../../../src/engine/report/types";
import { makeLedger as ledgerOf } from "../../helpers/ledger";

export function makeLedger(rows: { customer: string; day: number; amount: number }[]): Ledger {
  return {
    ...ledgerOf(rows),
    mapping: { customer: "Customer", date: "Date", amount: "Amount" },
    columns: { customer: 0, date: 1, amount: 2 },
    headers: ["Customer", "Date", "Amount"],
  };
}

/** n customers, customer i buying i+1 times (amounts vary), deterministic. */
export function syntheticLedger(n: number, names: (i: number) => string = (i) => `Customer ${String(i).padStart(5, "0")}`): Ledger {
  const rows: { customer: string; day: number; amount: number }[] = [];
  for (let i = 0; i < n; i++) {
    const k = 1 + (i % 4);
    for (let j = 0; j < k; j++) rows.push({ customer: names(i), day: 19000 + ((i * 7 + j * 31) % 700), amount: 100 + ((i * 37 + j * 11) % 9000) + 0.25 });
  }
  return makeLedger(rows);
}

export async function reportOf(ledger: Ledger): Promise<Report> {
  const analysis = await analyze(ledger, {});
  return buildReport(analysis, { label: "Sheet1!A1:C100", kind: "range" });
}

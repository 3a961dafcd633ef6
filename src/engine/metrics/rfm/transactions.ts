import { aggregateCustomers } from "../../customers";
import type { CustomerRows } from "../../customers";
import type { Day } from "../../day";
import { customerDisplay, customerKey } from "../../ledger/customer-key";
import type { RawCell } from "../../ledger/types";
import { problem } from "../../problems";
import { rfmCodeOf, rfmColumns } from "./columns";
import type { RfmColumns, RfmOptions } from "./columns";

export interface RfmTable {
  /** Display name per customer (first spelling seen), in order of first appearance. */
  customers: string[];
  columns: RfmColumns;
  /** RFM code per customer ("545"; "" when unscored). */
  codes: string[];
  asOf: Day;
}

/**
 * RFM straight from transaction rows (what `KA.RFM` receives): aligned arrays of customer names, days and
 * amounts. Rows dated after `asOf` are out of scope and skipped; `asOf` defaults to the latest day. Customers are
 * shown and compared as the ledger does (`customerDisplay`, `customerKey`: trimmed, case- and width-insensitive), and
 * the per-customer aggregation is the analysis' own (`aggregateCustomers`), so the function and the tabs agree.
 *
 * @example rfmFromTransactions(["A", "B", "a"], [100, 105, 110], [50, 20, 30]).columns.frequency // [2, 1]
 * @throws KaProblem sizeMismatch (arrays of different lengths), notANumber / notADate (row named), noRows.
 */
export function rfmFromTransactions(
  names: ArrayLike<RawCell>,
  days: ArrayLike<number>,
  amounts: ArrayLike<number>,
  opts: RfmOptions & { asOf?: Day } = {},
): RfmTable {
  if (days.length !== names.length || amounts.length !== names.length) {
    throw problem("sizeMismatch", `customers, dates and amounts must have the same length (got ${names.length}, ${days.length}, ${amounts.length})`, { path: "dates" });
  }
  let asOf = opts.asOf;
  for (let i = 0; i < names.length; i++) {
    if (!Number.isInteger(days[i])) throw problem("notADate", `dates: value ${i + 1} is not a date`, { path: "dates", row: i + 1 });
    if (!Number.isFinite(amounts[i])) throw problem("notANumber", `amounts: value ${i + 1} is not a number`, { path: "amounts", row: i + 1 });
    if (customerDisplay(names[i]) === "") throw problem("badArgument", `customers: value ${i + 1} is blank`, { path: "customers", row: i + 1 });
    if (opts.asOf === undefined && (asOf === undefined || days[i] > asOf)) asOf = days[i];
  }
  if (asOf === undefined) throw problem("noRows", "customers: there are no transactions");

  const codeOf = new Map<string, number>();
  const display: string[] = [];
  const customer: number[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  const sourceRow: number[] = [];
  for (let i = 0; i < names.length; i++) {
    if (days[i] > asOf) continue;
    const name = customerDisplay(names[i]);
    const key = customerKey(name);
    let code = codeOf.get(key);
    if (code === undefined) {
      code = display.length;
      codeOf.set(key, code);
      display.push(name);
    }
    customer.push(code);
    day.push(days[i]);
    amount.push(amounts[i]);
    sourceRow.push(i + 1);
  }
  if (customer.length === 0) throw problem("noRows", "dates: every transaction is after the as-of date");
  const rows: CustomerRows = {
    customer: Int32Array.from(customer),
    customers: display,
    day: Int32Array.from(day),
    amount: Float64Array.from(amount),
    sourceRow: Int32Array.from(sourceRow),
    used: customer.length,
    asOf,
  };
  const columns = rfmColumns(aggregateCustomers(rows), opts);
  const codes = display.map((_, c) => rfmCodeOf(columns, c));
  return { customers: display, columns, codes, asOf };
}

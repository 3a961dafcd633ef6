/**
 * Inputs of the customer-behaviour functions (KA.RFMSEGMENT, KA.RFM), built from Excel arguments with the shared
 * coercion rules of coerce.ts: whole-number score grids, and transaction rows (customer, date, amount) for KA.RFM.
 */
import { customerDisplay } from "../engine/ledger/customer-key";
import type { RawCell } from "../engine/ledger/types";
import { problem } from "../engine/problems";
import { asRange, cellPosition, dateGrid, errorCodeOf, numberGrid, requireSameShape, shapeOf } from "./coerce";
import type { NumberGrid, Shape } from "./coerce";

/**
 * Whole-number scores 1..bins of a range, cell by cell (NaN where blank): what KA.RFMSEGMENT reads. A score that
 * is not a whole number in 1..bins is a bad cell, named by position.
 */
export function scoreGrid(value: unknown, arg: string, bins: number): NumberGrid {
  const g = numberGrid(value, arg);
  for (let i = 0; i < g.values.length; i++) {
    const s = g.values[i];
    if (s !== s) continue;
    if (!Number.isInteger(s) || s < 1 || s > bins) {
      const r = Math.floor(i / g.columns);
      throw problem("badArgument", `${cellPosition(arg, r, i - r * g.columns, g)} is ${s}, not a score from 1 to ${bins}`, { path: arg, row: r + 1 });
    }
  }
  return g;
}

/** Transaction rows for KA.RFM: customer display names, days and amounts, blank rows dropped. */
export interface Transactions {
  names: string[];
  days: number[];
  amounts: number[];
}

/**
 * Rows of (customer, date, amount) from three ranges of one shape. A row whose three cells are blank is skipped;
 * a row with some but not all of them is an error naming the missing cell (a purchase without a date or customer
 * cannot be placed). Dates are read by `dateGrid` (the ledger's rules; `d/m/yyyy` vs `m/d/yyyy` settled by the range).
 */
export function transactionRows(customersValue: unknown, datesValue: unknown, amountsValue: unknown): Transactions {
  const customers = asRange(customersValue, "customers");
  const shape: Shape = shapeOf(customers, "customers");
  const dates = dateGrid(datesValue, "dates");
  requireSameShape(shape, "customers", dates, "dates");
  const amounts = numberGrid(amountsValue, "amounts");
  requireSameShape(shape, "customers", amounts, "amounts");

  const out: Transactions = { names: [], days: [], amounts: [] };
  for (let i = 0; i < dates.days.length; i++) {
    const r = Math.floor(i / shape.columns);
    const c = i - r * shape.columns;
    const cell = customers[r][c];
    const code = errorCodeOf(cell);
    if (code) throw problem("errorCell", `${cellPosition("customers", r, c, shape)} is the error ${code}`, { path: "customers", row: r + 1 });
    const name = customerDisplay(cell as RawCell);
    const day = dates.days[i];
    const amount = amounts.values[i];
    const hasDay = day === day;
    const hasAmount = amount === amount;
    if (name === "" && !hasDay && !hasAmount) continue;
    const missing = name === "" ? "customers" : !hasDay ? "dates" : !hasAmount ? "amounts" : undefined;
    if (missing) throw problem("badArgument", `${cellPosition(missing, r, c, shape)} is blank, but the other cells of the row are not`, { path: missing, row: r + 1 });
    out.names.push(name);
    out.days.push(day);
    out.amounts.push(amount);
  }
  if (out.names.length === 0) throw problem("noRows", "customers: there are no transactions (every row is blank)", { path: "customers" });
  return out;
}

import type { Ledger } from "../../ledger/types";
import { NO_DAY } from "../../ledger/types";

/** The ledger columns the credit metrics read (a `Ledger` has them; tests build small ones). */
export type ReceivableRows = Pick<Ledger, "used" | "day" | "amount" | "dueDay" | "paidDay" | "paidAmount" | "balance"> & Partial<Pick<Ledger, "invoice" | "sourceRow">>;

/** Which column decided a row's open balance. */
export type OpenBalanceSource = "balance" | "paidAmount" | "paidDate" | "blankBalance" | "unpaid";

/**
 * True when the ledger can say what is still owed: a balance, paid-amount or paid-date column (docs/metrics.md#credit).
 */
export function hasOpenBalanceColumns(rows: ReceivableRows): boolean {
  return rows.balance !== undefined || rows.paidAmount !== undefined || rows.paidDay !== undefined;
}

/**
 * Open (still owed) amount of one ledger row at `asOf` (docs/metrics.md#credit), first rule that applies:
 * 1. the balance column, when the row has a balance;
 * 2. amount − paidAmount, when the row has a paid amount — unless its paid date is after `asOf`, when the
 *    payment had not happened yet and the whole amount is open;
 * 3. with a paid-date column: the amount when the paid date is blank or after `asOf`, else 0 (paid in full);
 * 4. with a paid-amount column but a blank cell: nothing paid, the amount is open;
 * 5. only a balance column, and its cell blank: 0 (ERP exports leave settled lines blank) — counted as
 *    `blankBalance` so the report can say how many rows this assumption touched.
 * Credit notes (negative amounts) follow the same rules: an unapplied credit note (no paid/applied date) is a
 * negative open amount and reduces the customer's open balance (for aging it is applied to the customer's most
 * overdue open invoices: see `analyzeReceivables`); a paid date marks it applied (0). Overpayments
 * (paid > amount) are negative open amounts too.
 *
 * @example with paid amounts: amount 1000, paid 400 → 600 open
 */
export function openAmount(rows: ReceivableRows, i: number, asOf: number): { open: number; source: OpenBalanceSource } {
  const amount = rows.amount[i];
  const bal = rows.balance ? rows.balance[i] : NaN;
  if (Number.isFinite(bal)) return { open: bal, source: "balance" };
  const paidDay = rows.paidDay ? rows.paidDay[i] : NO_DAY;
  const paidLater = paidDay !== NO_DAY && paidDay > asOf;
  const paid = rows.paidAmount ? rows.paidAmount[i] : NaN;
  if (Number.isFinite(paid)) return { open: paidLater ? amount : amount - paid, source: "paidAmount" };
  if (rows.paidDay) return { open: paidDay === NO_DAY || paidLater ? amount : 0, source: "paidDate" };
  if (rows.paidAmount) return { open: amount, source: "unpaid" };
  return { open: 0, source: "blankBalance" };
}

/**
 * Open amount per used row at `asOf` (see `openAmount` for the rules), with how many rows each rule decided.
 * NaN everywhere when the ledger has no balance, paid-amount or paid-date column.
 */
export function openAmounts(rows: ReceivableRows, asOf: number): { open: Float64Array; sources: Record<OpenBalanceSource, number> } {
  const n = rows.used;
  const open = new Float64Array(n);
  const sources: Record<OpenBalanceSource, number> = { balance: 0, paidAmount: 0, paidDate: 0, blankBalance: 0, unpaid: 0 };
  if (!hasOpenBalanceColumns(rows)) return { open: open.fill(NaN), sources };
  for (let i = 0; i < n; i++) {
    const r = openAmount(rows, i, asOf);
    open[i] = r.open;
    sources[r.source]++;
  }
  return { open, sources };
}

/**
 * The report's currency (docs/metrics.md#conventions, "Money"): amounts in different currencies are never added
 * together. A ledger whose currency column holds one currency is reported in it; a ledger holding several is refused
 * with a message naming them until the user chooses one (`--currency`, the pane's Currency parameter), and then the
 * rows in the other currencies are excluded with their reason and counted. A ledger without a currency column is
 * reported in the currency the user names, or without a symbol.
 */
import { currencyCode } from "./i18n/currency";
import { messages } from "./i18n";
import type { Lang } from "./i18n";
import { LEDGER_FIELDS } from "./ledger/fields";
import type { ExcludedRow, Ledger } from "./ledger/types";
import { problem } from "./problems";

/** Label the ledger reader gives blank currency cells. */
const BLANK_LABEL = "(none)";
const KEEP_PER_REASON = 1000;

export interface CurrencyChoice {
  /** ISO code of the report's currency; undefined when neither the ledger nor the user names one. */
  code?: string;
  /** The ledger to analyse: the input itself, or its rows in `code` only. */
  ledger: Ledger;
  /** Net revenue per currency of the whole ledger when it holds several (About lists them). */
  totals?: { currency: string; revenue: number }[];
  /** Rows excluded because they are in another currency (or a blank one beside several). */
  excluded: number;
}

/** A currency label as compared and shown: its ISO code when it is one, else the label itself. */
function labelCode(label: string): string {
  return currencyCode(label) ?? label;
}

export function chooseCurrency(ledger: Ledger, requested: string | undefined, lang: Lang): CurrencyChoice {
  const m = messages(lang).currency;
  const want = requested === undefined ? undefined : currencyCode(requested);
  if (requested !== undefined && want === undefined) throw problem("badArgument", m.notACode({ label: requested }), { path: "currency" });
  if (!ledger.currency || !ledger.currencies) return { code: want, ledger, excluded: 0 };

  const byLabel = ledger.currencies.map((l) => (l === BLANK_LABEL ? undefined : labelCode(l)));
  const codes = [...new Set(byLabel.filter((c): c is string => c !== undefined))];
  if (codes.length === 0) return { code: want, ledger, excluded: 0 };
  const totals = codes.length > 1 ? currencyTotals(ledger, byLabel, codes) : undefined;
  if (want === undefined) {
    if (codes.length > 1) throw problem("mixedCurrencies", m.mixed({ codes }), { path: "currency" });
    // One currency (blank cells beside it are read as the same); a label that is no currency code gets no symbol.
    return { code: currencyCode(codes[0]), ledger, excluded: 0 };
  }
  if (!codes.includes(want)) throw problem("badArgument", m.notInLedger({ code: want, codes }), { path: "currency" });
  if (codes.length === 1) return { code: want, ledger, excluded: 0 };
  const keepLabel = byLabel.map((c) => c === want);
  const kept = keepRows(ledger, (i) => keepLabel[ledger.currency![i]], (i) => ledger.currencies![ledger.currency![i]]);
  return { code: want, ledger: kept, totals, excluded: ledger.used - kept.used };
}

function currencyTotals(ledger: Ledger, byLabel: (string | undefined)[], codes: string[]): { currency: string; revenue: number }[] {
  const sum = new Float64Array(codes.length);
  const comp = new Float64Array(codes.length);
  const index = byLabel.map((c) => (c === undefined ? -1 : codes.indexOf(c)));
  for (let i = 0; i < ledger.used; i++) {
    const k = index[ledger.currency![i]];
    if (k < 0) continue;
    const s = sum[k];
    const v = ledger.amount[i];
    const t = s + v;
    comp[k] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    sum[k] = t;
  }
  return codes.map((currency, k) => ({ currency, revenue: sum[k] + comp[k] }));
}

const PER_CUSTOMER = new Set<string>(LEDGER_FIELDS.filter((f) => (f as { perCustomer?: boolean }).perCustomer).map((f) => f.field));
/** Keys of a Ledger that are lists but not one entry per used row. */
const NOT_PER_ROW = new Set(["customers", "currencies", "segments", "headers", "notes", "excluded"]);

/**
 * The ledger restricted to the rows `keep` accepts; the others become excluded rows ("other currency"), counted,
 * the first of them kept with their sheet rows. Customers left without a row are dropped and the rest re-coded in
 * their order, so no customer appears with nothing to show; per-customer columns follow them.
 */
function keepRows(ledger: Ledger, keep: (i: number) => boolean, labelOf: (i: number) => string): Ledger {
  const n = ledger.used;
  const rows: number[] = [];
  const excluded: ExcludedRow[] = [];
  const header = ledger.mapping.currency ?? "currency";
  for (let i = 0; i < n; i++) {
    if (keep(i)) rows.push(i);
    else if (excluded.length < KEEP_PER_REASON) excluded.push({ row: ledger.sourceRow[i], reason: "other currency", detail: `'${labelOf(i)}' in ${header}` });
  }
  const newCode = new Int32Array(ledger.customers.length).fill(-1);
  const customers: string[] = [];
  const oldOf: number[] = [];
  for (const i of rows) {
    const c = ledger.customer[i];
    if (newCode[c] < 0) {
      newCode[c] = customers.length;
      customers.push(ledger.customers[c]);
      oldOf.push(c);
    }
  }
  const out: Record<string, unknown> = { ...ledger };
  for (const [key, value] of Object.entries(ledger)) {
    if (NOT_PER_ROW.has(key) || !(ArrayBuffer.isView(value) || Array.isArray(value))) continue;
    const list = value as unknown as ArrayLike<unknown>;
    if (PER_CUSTOMER.has(key)) out[key] = pick(list, oldOf);
    else if (list.length === n) out[key] = pick(list, rows);
  }
  out.customer = Int32Array.from(rows, (i) => newCode[ledger.customer[i]]);
  out.customers = customers;
  out.used = rows.length;
  const otherRows = n - rows.length;
  out.excludedCounts = { ...ledger.excludedCounts, "other currency": otherRows };
  out.excluded = [...ledger.excluded, ...excluded];
  // The reader's note that several currencies were found no longer describes what is analysed.
  out.notes = ledger.notes.filter((t) => !t.startsWith(`currency (${header})`));
  return out as unknown as Ledger;
}

/** The entries at `index` of a typed array or array, in the same kind of container. */
function pick(list: ArrayLike<unknown>, index: readonly number[]): unknown {
  if (Array.isArray(list)) return index.map((i) => list[i]);
  const Ctor = (list as unknown as { constructor: new (n: number) => { [i: number]: unknown } }).constructor;
  const out = new Ctor(index.length);
  for (let k = 0; k < index.length; k++) out[k] = list[index[k]];
  return out;
}


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
import { pick, selectRows } from "./ledger/rows";
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

const PER_CUSTOMER = LEDGER_FIELDS.filter((f) => (f as { perCustomer?: boolean }).perCustomer).map((f) => f.field as keyof Ledger);

/**
 * The ledger restricted to the rows `keep` accepts; the others become excluded rows ("other currency"), counted,
 * the first of them (by sheet row) kept with their sheet rows. Customers left without a row are dropped and the rest
 * re-coded in their order, so no customer appears with nothing to show; per-customer columns follow them.
 */
function keepRows(ledger: Ledger, keep: (i: number) => boolean, labelOf: (i: number) => string): Ledger {
  const n = ledger.used;
  const rows: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < n; i++) (keep(i) ? rows : others).push(i);
  const header = ledger.mapping.currency ?? "currency";
  // The ledger's rows are in customer order: the first excluded rows are found by their sheet row.
  others.sort((x, y) => ledger.sourceRow[x] - ledger.sourceRow[y]);
  const excluded: ExcludedRow[] = others.slice(0, KEEP_PER_REASON).map((i) => ({ row: ledger.sourceRow[i], reason: "other currency", detail: `'${labelOf(i)}' in ${header}` }));
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
  const out = selectRows(ledger, rows);
  const perCustomer = out as unknown as Record<string, ArrayLike<unknown> | undefined>;
  for (const key of PER_CUSTOMER) {
    const column = perCustomer[key];
    if (column !== undefined) perCustomer[key] = pick(column, oldOf);
  }
  out.customer = Int32Array.from(rows, (i) => newCode[ledger.customer[i]]);
  out.customers = customers;
  if (ledger.shortenedNames) out.shortenedNames = ledger.shortenedNames.map((c) => newCode[c]).filter((c) => c >= 0);
  out.excludedCounts = { ...ledger.excludedCounts, "other currency": others.length };
  out.excluded = [...ledger.excluded, ...excluded];
  // The reader's note that several currencies were found no longer describes what is analysed.
  out.notes = ledger.notes.filter((t) => !t.startsWith(`currency (${header})`));
  return out;
}


/**
 * Arguments as Excel hands them to a custom function → typed values for the engine. Every KA function goes through
 * here, so that a cell is read the same way everywhere (docs/metrics.md#reading-a-ledger for the number rules,
 * docs/functions.md for blanks and errors):
 *
 * - ranges arrive as `any[][]` (row-major); a blank cell is `null` on the web and `""` or `0` elsewhere, so
 *   blank and zero are told apart only where it matters, and a blank is otherwise ignored;
 * - text numbers (`"1,234.50"`, `"(12)"`, `"80%"`, full-width digits) are read by the ledger's `parseNumber`;
 * - booleans, other text and error values (`"#N/A"`, or an error object) are bad cells: a KaProblem whose
 *   message names the argument and the cell's position in its range ("amounts: row 7 is text 'abc'"),
 *   which `errors.ts` turns into #VALUE!;
 * - an omitted optional argument is `null` (Excel) or `undefined` (a JavaScript caller).
 *
 * Functions here throw KaProblems; the wrappers (areas/*.ts, through guard.ts) catch them: a custom function never
 * throws.
 */
import { problem } from "../engine/problems";
import { parseNumber } from "../engine/ledger/parse-number";
import { describeCell, excelError as excelErrorOfText } from "../engine/ledger/cells";
import { customerDisplay, customerKey } from "../engine/ledger/customer-key";
import type { RawCell } from "../engine/ledger/types";
import { parseDate, parseDateColumn } from "../engine/ledger/parse-date";
import type { ListPositions } from "../engine/list-positions";

/** A range as Excel passes it: rows of cells. */
export type Range = any[][];

export interface Shape {
  rows: number;
  columns: number;
}

/** "amounts: row 7" in a one-column (or one-row) range, "amounts: row 7, column 2" in a block. */
export function cellPosition(arg: string, row: number, column: number, shape: Shape): string {
  if (shape.columns === 1) return `${arg}: row ${row + 1}`;
  if (shape.rows === 1) return `${arg}: column ${column + 1}`;
  return `${arg}: row ${row + 1}, column ${column + 1}`;
}

/**
 * How the engine's list functions name a value of a range of `shape` (flattened row by row) in messages:
 * "lossRates: row 3" — the same words as the bad-cell messages here.
 */
export function rangePositions(shape: Shape): ListPositions {
  return {
    name: (arg, i) => cellPosition(arg, Math.floor(i / shape.columns), i % shape.columns, shape),
    row: (i) => Math.floor(i / shape.columns) + 1,
  };
}

/** Excel passes a lone value for a range parameter as [[value]]; a JavaScript caller may pass the value itself. */
export function asRange(value: unknown, arg: string): Range {
  if (value === null || value === undefined) throw problem("badArgument", `${arg}: is missing`, { path: arg });
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) throw problem("noRows", `${arg}: the range is empty`, { path: arg });
  if (!Array.isArray(value[0])) return [value]; // a flat list: one row
  return value as Range;
}

/** Rows × columns of a range; ragged rows (never from Excel) are a bad argument. */
export function shapeOf(range: Range, arg: string): Shape {
  const columns = range[0].length;
  for (let r = 1; r < range.length; r++) {
    if (range[r].length !== columns) throw problem("badArgument", `${arg}: row ${r + 1} has ${range[r].length} cells, row 1 has ${columns}`, { path: arg });
  }
  return { rows: range.length, columns };
}

function describeShape(s: Shape): string {
  return `${s.rows} row${s.rows === 1 ? "" : "s"} × ${s.columns} column${s.columns === 1 ? "" : "s"}`;
}

/** Ranges that pair up cell by cell (amounts beside customers) must have the same shape. */
export function requireSameShape(a: Shape, aName: string, b: Shape, bName: string): void {
  if (a.rows !== b.rows || a.columns !== b.columns) {
    throw problem("sizeMismatch", `${bName}: ${describeShape(b)}, but ${aName} has ${describeShape(a)}; they must match cell for cell`, {
      path: bName,
    });
  }
}

/** Where a cell is, for messages: its position in a range, or just the argument's name for a single value. */
function where(arg: string, row: number, column: number, shape: Shape | undefined): string {
  return shape ? cellPosition(arg, row, column, shape) : arg;
}

/** The code of an error value, whether it came as text ("#N/A") or as an error object ({ code: "#N/A" }). */
export function errorCodeOf(cell: unknown): string | undefined {
  if (typeof cell === "string") {
    const e = excelErrorOfText(cell);
    return e && e.kind === "errorCell" ? e.code : undefined;
  }
  if (typeof cell === "object" && cell !== null && typeof (cell as { code?: unknown }).code === "string") {
    return (cell as { code: string }).code;
  }
  return undefined;
}

/**
 * One cell as a number, `undefined` when blank. The cell is at (`row`, `column`) of a range of `shape` named
 * `arg`; a scalar argument has no shape and is named by `arg` alone. Plain finite numbers return at once.
 * (Position arguments rather than a message callback: a closure over the loop counters would allocate a
 * context per cell in the callers' loops.)
 */
export function readNumberCell(cell: unknown, arg: string, row = 0, column = 0, shape?: Shape): number | undefined {
  if (typeof cell === "number" && cell - cell === 0) return cell; // finite
  const at = shape ? { path: arg, row: row + 1, column: column + 1 } : { path: arg };
  const code = errorCodeOf(cell);
  if (code !== undefined) throw problem("errorCell", `${where(arg, row, column, shape)} is the error ${code}`, at);
  if (typeof cell === "number") throw problem("notANumber", `${where(arg, row, column, shape)} is ${cell}, not a finite number`, at);
  if (typeof cell === "object" && cell !== null) throw problem("notANumber", `${where(arg, row, column, shape)} is not a number`, at);
  const parsed = parseNumber(cell as RawCell);
  if (parsed === undefined || typeof parsed === "number") return parsed;
  if (typeof cell === "boolean") throw problem("notANumber", `${where(arg, row, column, shape)} is ${describeCell(cell)}, not a number`, at);
  const why = parsed.kind === "invalid" && parsed.why ? ` (${parsed.why})` : "";
  throw problem("notANumber", `${where(arg, row, column, shape)} is text ${describeCell(cell as RawCell)}${why}`, at);
}

/**
 * The numbers of a range in Excel's reading order (row by row), blanks skipped.
 * @example numbers([[1], [null], ["2,000"]], "amounts") // Float64Array [1, 2000]
 */
export function numbers(value: unknown, arg: string): Float64Array {
  const range = asRange(value, arg);
  const shape = shapeOf(range, arg);
  const out = new Float64Array(shape.rows * shape.columns);
  let n = 0;
  for (let r = 0; r < shape.rows; r++) {
    const row = range[r];
    for (let c = 0; c < shape.columns; c++) {
      const cell = row[c];
      if (typeof cell === "number" && cell - cell === 0) {
        out[n++] = cell;
        continue;
      }
      const v = readNumberCell(cell, arg, r, c, shape);
      if (v !== undefined) out[n++] = v;
    }
  }
  return out.subarray(0, n);
}

/** A range's numbers cell by cell (row-major), NaN where a cell is blank, with its shape. */
export interface NumberGrid extends Shape {
  values: Float64Array;
}

export function numberGrid(value: unknown, arg: string): NumberGrid {
  const range = asRange(value, arg);
  const shape = shapeOf(range, arg);
  const values = new Float64Array(shape.rows * shape.columns);
  let i = 0;
  for (let r = 0; r < shape.rows; r++) {
    const row = range[r];
    for (let c = 0; c < shape.columns; c++, i++) {
      const cell = row[c];
      if (typeof cell === "number" && cell - cell === 0) values[i] = cell;
      else {
        const v = readNumberCell(cell, arg, r, c, shape);
        values[i] = v === undefined ? NaN : v;
      }
    }
  }
  return { ...shape, values };
}

/** One numeric range that pairs cell by cell with a customers range. */
export interface CustomerColumn {
  value: unknown;
  arg: string;
}

/** Per-customer totals of one or more value ranges: `totals[j][k]` is column j summed over customer `keys[k]`. */
export interface CustomerTotals {
  keys: string[];
  totals: Float64Array[];
}

/**
 * Sums value ranges per customer (amounts per customer for concentration, revenue per customer for NRR).
 * Customer cells are normalised as the ledger does (trimmed, white space collapsed, case and width folded), so
 * `Acme Ltd` and `ACME  LTD` are one customer; normalisation is cached per distinct raw value and customers are
 * numbered, so a million rows over ten thousand customers cost one hash lookup a row and ten thousand normalisations.
 * Sums are Neumaier-compensated (money totals keep their cents).
 *
 * Every value range must have the customers range's shape. In a row a blank value counts as 0 and a row whose
 * values are all blank is skipped; a customer total beyond the number range is outOfRange; a blank customer beside a non-zero value is an error (that revenue would
 * otherwise vanish silently); an error value in a customer cell is an error.
 * @example customerTotals([["a"], ["A "]], "customers", [{ value: [[1], [2]], arg: "amounts" }]) // keys ["a"], totals [[3]]
 */
export function customerTotals(customersValue: unknown, customersArg: string, columns: CustomerColumn[]): CustomerTotals {
  const customers = asRange(customersValue, customersArg);
  const shape = shapeOf(customers, customersArg);
  const grids = columns.map((col) => {
    const g = numberGrid(col.value, col.arg);
    requireSameShape(shape, customersArg, g, col.arg);
    return g.values;
  });
  const m = grids.length;
  const n = shape.rows * shape.columns;
  const codeOfText = new Map<string, number>(); // raw cell text → customer number
  const codeOfNumber = new Map<number, number>(); // numeric id → customer number
  const codeOfKey = new Map<string, number>(); // normalised key → customer number
  const keys: string[] = [];
  const codeOf = (cell: unknown, r: number, c: number): number => {
    let key: string;
    if (typeof cell === "string") {
      const code = errorCodeOf(cell);
      if (code !== undefined) throw problem("errorCell", `${cellPosition(customersArg, r, c, shape)} is the error ${code}`, { path: customersArg, row: r + 1 });
      key = customerKey(customerDisplay(cell));
    } else if (typeof cell === "number") {
      if (!Number.isFinite(cell)) throw problem("notANumber", `${cellPosition(customersArg, r, c, shape)} is ${cell}`, { path: customersArg, row: r + 1 });
      key = customerKey(customerDisplay(cell));
    } else if (typeof cell === "boolean") {
      key = customerKey(customerDisplay(cell));
    } else {
      const code = errorCodeOf(cell);
      throw problem("errorCell", `${cellPosition(customersArg, r, c, shape)} is ${code ? `the error ${code}` : "not a name"}`, { path: customersArg, row: r + 1 });
    }
    if (key === "") return -1;
    let k = codeOfKey.get(key);
    if (k === undefined) {
      k = keys.length;
      codeOfKey.set(key, k);
      keys.push(key);
    }
    return k;
  };
  // Pass 1: the customer number of each cell that has a value (-1: no value in the row, nothing to attribute).
  const codes = new Int32Array(n);
  let previousText: string | undefined;
  let previousCode = -1;
  let i = 0;
  for (let r = 0; r < shape.rows; r++) {
    const row = customers[r];
    for (let c = 0; c < shape.columns; c++, i++) {
      let nonZero = -1;
      let anyValue = false;
      for (let j = 0; j < m; j++) {
        const v = grids[j][i];
        if (v === v) {
          anyValue = true;
          if (v !== 0 && nonZero < 0) nonZero = j;
        }
      }
      if (!anyValue) {
        codes[i] = -1;
        continue;
      }
      const cell = row[c];
      let k: number | undefined;
      if (typeof cell === "string") {
        // Sorted or grouped ranges repeat the previous customer: a string compare is cheaper than hashing.
        if (cell === previousText) k = previousCode;
        else {
          k = codeOfText.get(cell);
          if (k === undefined) {
            k = codeOf(cell, r, c);
            codeOfText.set(cell, k);
          }
          previousText = cell;
          previousCode = k;
        }
      } else if (typeof cell === "number") {
        k = codeOfNumber.get(cell);
        if (k === undefined) {
          k = codeOf(cell, r, c);
          codeOfNumber.set(cell, k);
        }
      } else if (cell === null || cell === undefined) {
        k = -1;
      } else {
        k = codeOf(cell, r, c);
      }
      if (k < 0 && nonZero >= 0) {
        throw problem("badArgument", `${cellPosition(customersArg, r, c, shape)} is blank but ${columns[nonZero].arg} there is ${grids[nonZero][i]}`, {
          path: customersArg,
          row: r + 1,
        });
      }
      codes[i] = k;
    }
  }
  // Pass 2: Neumaier-compensated sums per customer, one column at a time (the compensation carries the
  // low-order bits a running sum drops).
  const totals = grids.map((values, j) => {
    const sum = new Float64Array(keys.length);
    const comp = new Float64Array(keys.length);
    for (let q = 0; q < n; q++) {
      const k = codes[q];
      const v = values[q];
      if (k < 0 || v !== v) continue;
      const s0 = sum[k];
      const t = s0 + v;
      comp[k] += Math.abs(s0) >= Math.abs(v) ? s0 - t + v : v - t + s0;
      sum[k] = t;
    }
    for (let k = 0; k < keys.length; k++) {
      sum[k] += comp[k];
      // a customer's total beyond the number range has no value to share out: #NUM!, never Infinity or NaN
      if (!Number.isFinite(sum[k])) throw problem("outOfRange", `${columns[j].arg}: the total of customer '${keys[k]}' is beyond the number range (about 1.8e308)`, { path: columns[j].arg });
    }
    return sum;
  });
  return { keys, totals };
}

/** A scalar argument's value: a 1×1 range counts as its cell; a bigger range is a bad argument. */
export function scalarOf(value: unknown, arg: string): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) return value[0][0];
  throw problem("badArgument", `${arg}: expects one value, not a range`, { path: arg });
}

/**
 * An optional numeric argument: a number, text read as a number (`"80%"` → 0.8), or `undefined` when blank or
 * omitted (for options whose absence means something, e.g. no horizon). Messages read "periods is text 'x'".
 */
export function optionalNumberArg(value: unknown, arg: string): number | undefined {
  return readNumberCell(scalarOf(value, arg), arg);
}

/** A numeric argument (`n`, `scale`, `retention` …); blank or omitted gives `fallback`, or #VALUE! when there is none. */
export function numberArg(value: unknown, arg: string, fallback?: number): number {
  const n = optionalNumberArg(value, arg);
  if (n !== undefined) return n;
  if (fallback !== undefined) return fallback;
  throw problem("badArgument", `${arg} is required but blank`, { path: arg });
}

/**
 * A yes/no argument: TRUE/FALSE, 1/0, or the text "TRUE"/"FALSE" (any case); blank or omitted gives `fallback`.
 * @example booleanArg("true", "lowerIsBetter", false) // true
 */
export function booleanArg(value: unknown, arg: string, fallback: boolean): boolean {
  const v = scalarOf(value, arg);
  if (v === null || v === undefined || v === "") return fallback;
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  throw problem("badArgument", `${arg} must be TRUE or FALSE, not ${typeof v === "string" ? `'${v}'` : String(v)}`, { path: arg });
}

/** Whether an optional range argument was given (Excel passes `null` for an omitted one). */
export function isOmitted(value: unknown): boolean {
  return value === null || value === undefined;
}

/** A range's dates cell by cell (row-major): Day numbers (UTC days since 1970-01-01), NaN where blank. */
export interface DateGrid extends Shape {
  days: Float64Array;
}

/**
 * Dates as the ledger reads them (docs/metrics.md#reading-a-ledger): Excel serials (what a date cell holds), ISO and
 * the other text forms, `a/b/yyyy` settled over the whole range. A 0 counts as blank (desktop Excel passes a blank as
 * 0, and serial 0 is no real date). A bad cell throws naming the argument and its position.
 * @example dateGrid([[45352], ["2024-03-01"], [null]], "dueDates") // days [19783, 19783, NaN]
 */
export function dateGrid(value: unknown, arg: string): DateGrid {
  const range = asRange(value, arg);
  const shape = shapeOf(range, arg);
  const cells: RawCell[] = [];
  for (let r = 0; r < shape.rows; r++) {
    for (let c = 0; c < shape.columns; c++) {
      const cell = range[r][c];
      const code = errorCodeOf(cell);
      if (code !== undefined) throw problem("errorCell", `${cellPosition(arg, r, c, shape)} is the error ${code}`, { path: arg, row: r + 1 });
      cells.push(cell === 0 ? null : (cell as RawCell));
    }
  }
  const { days: parsed } = parseDateColumn(cells, { column: arg });
  const days = new Float64Array(parsed.length);
  parsed.forEach((d, i) => {
    if (d === undefined) days[i] = NaN;
    else if (typeof d === "number") days[i] = d;
    else {
      const r = Math.floor(i / shape.columns);
      const c = i - r * shape.columns;
      const why = d.kind === "invalid" && d.why ? ` (${d.why})` : "";
      throw problem("notADate", `${cellPosition(arg, r, c, shape)} is not a date: ${describeCell(cells[i])}${why}`, { path: arg, row: r + 1 });
    }
  });
  return { ...shape, days };
}

/** An optional date argument (a date serial or text date); `undefined` when blank or omitted. */
export function optionalDateArg(value: unknown, arg: string): number | undefined {
  const cell = scalarOf(value, arg);
  if (cell === null || cell === undefined || cell === "" || cell === 0) return undefined;
  const code = errorCodeOf(cell);
  if (code !== undefined) throw problem("errorCell", `${arg} is the error ${code}`, { path: arg });
  const d = parseDate(cell as RawCell);
  if (typeof d === "number") return d;
  if (d === undefined) return undefined;
  const why = d.kind === "invalid" && d.why ? ` (${d.why})` : "";
  throw problem("notADate", `${arg} is not a date: ${describeCell(cell as RawCell)}${why}`, { path: arg });
}

import type { RawCell } from "./types";
import type { ParseError } from "./cells";
import { excelError } from "./cells";

/**
 * Reading a number from a cell (docs/metrics.md#reading-a-ledger, "Numbers").
 *
 * Accepted:
 * - JS numbers as they are (NaN and ±Infinity are not numbers);
 * - text: `1234.5`, `+12`, `-12`, `1.2E3`, `.5`; thousands separators `,` (or a space) in groups of exactly
 *   three digits (`1,234,567.89`, `1 234 567`); surrounding spaces (NBSP and thin spaces too);
 *   one currency mark before or after the number: `$ € £ ¥ ￥ 元 円`, `US$ HK$ NT$ A$ C$ S$`, or one of the
 *   ISO codes `USD EUR GBP CNY RMB JPY HKD TWD SGD AUD CAD CHF KRW INR` (any case, `USD 12`, `12 CNY`);
 *   a trailing `%` (divided by 100: `12.5%` → 0.125); accounting negatives `(1,234.50)`; a sign before or
 *   after the currency mark (`-$12`, `$-12`); a trailing minus as SAP exports it (`1,234.50-`);
 *   full-width digits and punctuation (`１２，３４５．６`, `－５`, `（１２）`) through NFKC; the minus sign U+2212.
 *
 * Refused (a `ParseError` of kind "invalid"):
 * - decimal commas: `1,2` and `1.234,56` are ambiguous between locales (is `1,234` 1234 or 1.234?), so a
 *   comma is only ever a thousands separator in groups of three; anything else is not a number;
 * - booleans (TRUE is not 1 here), multipliers (`12万`, `1.2k`), two signs, hex/binary literals, `Infinity`.
 *
 * Blank (`null`, `undefined`, `""`, white space) is `undefined`; an Excel error value is a `ParseError`
 * of kind "errorCell". A value is returned as a plain number, so the common path allocates nothing.
 *
 * @example parseNumber("(1,234.50)") // -1234.5
 * @example parseNumber("¥1,000") // 1000
 * @example parseNumber("12.5%") // 0.125
 * @example parseNumber("") // undefined
 * @example parseNumber("1,2") // { kind: "invalid", text: "1,2", why: "…" }
 */
export function parseNumber(cell: RawCell, mark: DecimalMark = "."): number | undefined | ParseError {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : { kind: "invalid", text: String(cell), why: "not a finite number" };
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === "boolean") return { kind: "invalid", text: cell ? "TRUE" : "FALSE", why: "TRUE/FALSE is not a number" };
  if (cell.length === 0) return undefined;
  const fast = mark === "." ? plainDecimal(cell, COMMA, POINT) : plainDecimal(cell, POINT, COMMA);
  if (fast === fast && fast !== undefined) return fast; // (NaN: plain text that is no number with this mark)
  if (fast !== undefined && mark === ",") return { kind: "invalid", text: cell }; // the slow path would refuse it too
  const err = excelError(cell);
  if (err) return err;
  if (cell.trim().length === 0) return undefined;
  if (mark === ".") return parseNumberText(cell);
  // Decimal comma: the same grammar with the two marks' roles swapped ("1.234,50" reads as "1,234.50" does).
  const r = parseNumberText(swapMarks(cell));
  return typeof r === "number" ? r : { kind: "invalid", text: cell, why: r.kind === "invalid" && r.why && !r.why.startsWith("a comma") ? r.why : undefined };
}

/** The decimal mark of text numbers: `.` (1,234.50) or `,` (1.234,50; also 1 234,50). */
export type DecimalMark = "." | ",";

const COMMA = 44;
const POINT = 46;

/** `1.234,50` → `1,234.50`. */
function swapMarks(s: string): string {
  return s.replace(/[.,，．]/g, (c) => (c === "." || c === "．" ? "," : "."));
}

/** True when `parseNumber` (or another parser) gave a `ParseError` rather than a value or a blank. */
export function isParseError(x: unknown): x is ParseError {
  return typeof x === "object" && x !== null && "kind" in x;
}

/** Powers of ten exact in binary64 (up to 1e22). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Fast path: plain ASCII decimal text (`123`, `-4.5`, `1,234.50`, `1.2E3`) with no spaces, currency or
 * parentheses. `g` is the thousands mark and `d` the decimal mark (`,` and `.`, or the other way round for a decimal
 * comma). Thousands marks must form groups (1–3 digits not starting with 0, then groups of exactly 3, before any
 * decimal mark). With at most 15 digits and no exponent the value is `M / 10^k` (M the digits as an integer, k the
 * fraction digits): both are exact doubles and one IEEE division is correctly rounded, so the result is the double
 * `Number()` gives (Clinger's fast path), without building a string. Otherwise `Number` reads it.
 * Undefined when the text is not plain: the slow path decides. NaN when it is plain (sign, digits, the two marks,
 * an exponent) but no number with these marks: the slow path accepts nothing more of such text.
 */
function plainDecimal(s: string, g: number, d: number): number | undefined {
  const n = s.length;
  if (n > 40) return undefined;
  const c0 = s.charCodeAt(0);
  const start = c0 === 45 || c0 === 43 ? 1 : 0;
  let m = 0;
  let digits = 0;
  let frac = -1; // fraction digits; -1 before the decimal mark
  let lastGroup = -1;
  let i = start;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === g) {
      const len = i - (lastGroup < 0 ? start : lastGroup + 1);
      if (frac >= 0 || (lastGroup < 0 ? len < 1 || len > 3 || s.charCodeAt(start) === 48 : len !== 3)) return plainRest(s, i);
      lastGroup = i;
    } else if (c === d) {
      if (frac >= 0 || (lastGroup >= 0 && i - lastGroup - 1 !== 3)) return plainRest(s, i);
      frac = 0;
    } else if (c === 101 /* e */ || c === 69 /* E */) break;
    else return undefined;
  }
  if (digits === 0) return undefined;
  if (lastGroup >= 0 && frac < 0 && i - lastGroup - 1 !== 3) return i === n ? NaN : undefined;
  if (i === n && digits <= 15) {
    const v = frac > 0 ? m / POW10[frac] : m;
    return c0 === 45 ? -v : v;
  }
  if (i < n) {
    // Exponent: an optional sign, then digits only.
    let j = i + 1;
    const e0 = s.charCodeAt(j);
    if (e0 === 45 || e0 === 43) j++;
    if (j === n) return undefined;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c < 48 || c > 57) return undefined;
    }
  }
  let text = s;
  if (d === COMMA) text = swapMarks(s);
  const v = Number(lastGroup >= 0 || d === COMMA ? text.replaceAll(",", "") : text);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * `plainDecimal` of ASCII bytes of the simplest shape, `[+-]digits[.digits]` with 1–15 digits (no thousands mark,
 * no exponent): the same value (M / 10^k, one correctly rounded division). NaN for any other bytes: read them as
 * text. For a text file's byte path, which reads most amounts without making a string.
 */
export function plainDecimalBytes(b: Uint8Array, s: number, e: number): number {
  const c0 = b[s];
  let i = c0 === 45 || c0 === 43 ? s + 1 : s;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === POINT && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = frac > 0 ? m / POW10[frac] : m;
  return c0 === 45 ? -v : v;
}

/** Digits after the `.` of bytes `plainDecimalBytes` read; -1 when there is no `.`. */
export function fractionDigitsOfBytes(b: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; i++) if (b[i] === POINT) return e - i - 1;
  return -1;
}

/** NaN when the rest of `s` from `i` is plain (digits and the two marks only), so no other reading can accept it. */
function plainRest(s: string, i: number): number | undefined {
  for (let k = i; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || c === 44 || c === 46)) return undefined;
  }
  return NaN;
}

const CURRENCY_MARKS = ["US$", "HK$", "NT$", "A$", "C$", "S$", "$", "€", "£", "¥", "元", "円"];
const CURRENCY_CODES = ["USD", "EUR", "GBP", "CNY", "RMB", "JPY", "HKD", "TWD", "SGD", "AUD", "CAD", "CHF", "KRW", "INR"];

function startsWithCurrency(t: string): number {
  for (const m of CURRENCY_MARKS) if (t.startsWith(m)) return m.length;
  if (t.length >= 3) {
    const head = t.slice(0, 3).toUpperCase();
    if (CURRENCY_CODES.includes(head) && !/^[a-z]/i.test(t.slice(3))) return 3;
  }
  return 0;
}

function endsWithCurrency(t: string): number {
  for (const m of CURRENCY_MARKS) if (t.endsWith(m)) return m.length;
  if (t.length >= 3) {
    const tail = t.slice(-3).toUpperCase();
    if (CURRENCY_CODES.includes(tail) && !/[a-z]$/i.test(t.slice(0, -3))) return 3;
  }
  return 0;
}

// Mantissa: digits with optional thousands groups (all commas or all spaces), optional fraction; optional exponent.
const BODY = /^(?:((?!0[, ])\d{1,3}(?:,\d{3})+|(?!0[, ])\d{1,3}(?: \d{3})+|\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/**
 * The slow path of `parseNumber` for text that is not plain: NFKC, signs, parentheses, currency, percent,
 * separators. Returns the number or a ParseError of kind "invalid" (with a reason when one helps).
 */
function parseNumberText(cell: string): number | ParseError {
  const bad = (why?: string): ParseError => ({ kind: "invalid", text: cell, why });
  let t = cell.normalize("NFKC").replace(/[\u2212\u2013]/g, "-").trim();
  let negative = false;
  let signed = false;
  let paren = false;
  if (t.length >= 2 && t.charCodeAt(0) === 40 /* ( */ && t.charCodeAt(t.length - 1) === 41 /* ) */) {
    paren = true;
    negative = true;
    t = t.slice(1, -1).trim();
  }
  const takeSign = (): boolean => {
    const c = t.charCodeAt(0);
    if (c !== 45 && c !== 43) return true;
    if (signed || paren) return false; // "--5", "(-5)": two signs
    signed = true;
    negative = c === 45;
    t = t.slice(1).trimStart();
    return true;
  };
  if (!takeSign()) return bad("two signs");
  let currency = startsWithCurrency(t);
  if (currency > 0) {
    t = t.slice(currency).trimStart();
    if (!takeSign()) return bad("two signs");
  }
  let percent = false;
  if (t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1).trimEnd();
  }
  if (currency === 0) {
    currency = endsWithCurrency(t);
    if (currency > 0) t = t.slice(0, -currency).trimEnd();
  }
  if (!percent && t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1).trimEnd();
  }
  if (!signed && !paren && t.length > 1 && t.endsWith("-")) {
    negative = true; // SAP-style trailing minus: "1,234.50-"
    t = t.slice(0, -1).trimEnd();
  }
  const m = BODY.exec(t);
  if (!m) {
    if (/^\d+(?:[.\s]\d{3})*,\d+$/.test(t) || /^\d{1,3}(?:,\d{1,2}|,\d{4,})$/.test(t)) {
      return bad("a comma is read only as a thousands separator in groups of three digits (1,234.5); decimal commas are ambiguous");
    }
    return bad();
  }
  const mantissa = (m[1] ?? "").replace(/[ ,]/g, "") + (m[3] !== undefined ? "." + m[3] : m[2] !== undefined ? "." + m[2] : "");
  let value: number;
  if (percent) value = m[4] === undefined ? Number(mantissa + "e-2") : Number(mantissa + "e" + m[4]) / 100; // "e-2": correctly rounded ÷100
  else value = Number(m[4] === undefined ? mantissa : mantissa + "e" + m[4]);
  if (!Number.isFinite(value)) return bad("too large");
  return negative ? -value : value;
}

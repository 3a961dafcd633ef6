import type { RawCell } from "./types";

/**
 * Customer keys (docs/metrics.md#reading-a-ledger): a customer cell is shown as written but trimmed, with every run of
 * white space (full-width space U+3000, NBSP, tabs, line breaks included) collapsed to one space; two cells are the
 * same customer when their displays match after NFKC and lower-casing (`ACME  Ltd`, `acme ltd`, `ＡＣＭＥ Ltd`).
 *
 * Numbers: the number 17850, the text `"17850"` and the text `"17850.0"` (what some exports write for an
 * integer id) are the same customer, shown as `17850`. Other numeric text is kept as written: leading zeros
 * are significant in ids (`00123` is not `123`), and `17850.5` stays `17850.5`.
 * A formula-like name (`=HYPERLINK("x")`) is an ordinary name: kept verbatim, the writers store it as text.
 * Booleans are shown as Excel shows them: `TRUE`, `FALSE`.
 */

const ZERO_FRACTION = /^([+-]?\d+)\.0+$/;

/**
 * How a customer cell is shown: trimmed, white-space runs collapsed; "" when blank. Integer-valued numeric
 * text loses a zero fraction (`"17850.0"` → `"17850"`).
 * @example customerDisplay("  Acme\u3000\u3000Ltd ") // "Acme Ltd"
 * @example customerDisplay(17850) // "17850"
 */
export function customerDisplay(cell: RawCell): string {
  if (typeof cell === "string") {
    const s = isTidyAscii(cell) ? cell : cell.trim().replace(/\s+/g, " ");
    if (s.length > 2 && s.charCodeAt(s.length - 1) === 48 /* 0 */) {
      const m = ZERO_FRACTION.exec(s);
      if (m) return m[1];
    }
    return s;
  }
  if (typeof cell === "number") return Object.is(cell, -0) ? "0" : String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return "";
}

/**
 * The comparison key of a display (from `customerDisplay`): NFKC, white space collapsed again (NFKC makes
 * spaces of some characters), lower case.
 * @example customerKey("ACME Ltd") === customerKey("acme ltd")
 */
export function customerKey(display: string): string {
  if (isPlainAscii(display)) return display.toLowerCase();
  return display.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Printable ASCII with no leading/trailing space and no double space: already a display. */
function isTidyAscii(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  let prevSpace = true; // a leading space fails
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (c > 32 && c < 127) prevSpace = false;
    else return false;
  }
  return !prevSpace;
}

/** ASCII only: NFKC changes nothing and `toLowerCase` is enough. */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 126) return false;
  return true;
}

/** FNV-1a over UTF-16 code units, mixed so that the low bits (the table index) depend on every character (the invoice column keeps one per row; exported for tests). */
export function textHash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/**
 * Text that Excel would not keep as typed text. Both writers store such text as text with the quote prefix (the
 * xlsx writer: a `quotePrefix` cell format; the Office writer: a leading apostrophe, which Excel turns into the same
 * prefix), so that editing the cell later keeps it text (OWASP CSV-injection guidance: `=`, `+`, `-`, `@`, tab, CR).
 */

/**
 * True when Excel would not keep `text` as typed text if it were entered into a cell: it could be read as a formula
 * (`=`, `+`, `-`, `@`), a number, date, time, percentage, fraction, boolean or error value, or it starts with an
 * apostrophe (which Excel would swallow) or white space (tab, CR, LF, space).
 * @example needsTextGuard("=HYPERLINK(\"x\")") // true
 * @example needsTextGuard("\tcmd") // true
 * @example needsTextGuard("Acme Ltd") // false
 */
export function needsTextGuard(text: string): boolean {
  if (text.length === 0) return false;
  if (/^[=+\-@'#\s]/.test(text)) return true;
  if (/[0-9０-９]/.test(text)) return true; // 00123, 1/2, 3-Mar, 10:30, 1e5, 12% would all be converted
  return /^(true|false)$/i.test(text.trim());
}

/** Longest text a cell holds (Excel specifications and limits), in UTF-16 code units. */
export const MAX_CELL_TEXT = 32767;

/** Text cut to Excel's cell limit, never inside a surrogate pair. */
export function fitCellText(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let end = MAX_CELL_TEXT;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return text.slice(0, end);
}

/**
 * One worksheet part (`xl/worksheets/sheetN.xml`), streamed row by row into its zip entry: the blocks of a SheetSpec
 * are swept top to bottom, each row gathering the cells of the blocks it crosses (left to right), so memory holds one
 * row and one compression chunk, never the sheet. Element order follows CT_Worksheet (ECMA-376 §18.3.1.99).
 *
 * Cells: numbers as `<v>`; text as inline strings (no workbook-wide shared-string table to hold in memory), with the
 * quote-prefix format when Excel would not keep it as text on editing (`=…`, `+…`, `-…`, `@…`, tab/CR first,
 * `00123`); a formula as `<f>` with the engine's value cached (`t="str"`, `"b"` or `"e"` for text, booleans, errors),
 * a table column's one formula as a shared formula (`sharedFormulas`).
 * NaN/±Infinity are written blank. Text is cut to Excel's 32,767 characters, cached formula text too.
 */
import { putShortestNumber } from "./number-text";
import { absoluteA1, columnLetters } from "../../engine/report/refs";
import type { Block, Cell, ConditionalFormat, KeyValueBlock, LinkTarget, MatrixBlock, Report, Scalar, SheetSpec, TableBlock, TextBlock } from "../../engine/report/types";
import { bodyColumnCell, bodyRowCount, isFormulaCell } from "../../engine/report/types";
import { conditionToA1 } from "../conditions";
import type { TablePlace } from "../conditions";
import { fitCellText, needsTextGuard } from "../text-guard";
import { blockRect, headerFooterCode, hexColour } from "../validate-report";
import type { StyleRegistry, FontKind } from "./styles";
import { escapeAttr, escapeText, escapeXml, needsPreserve, NS, XML_DECL } from "./xml";
import type { ZipEntryWriter } from "./zip";

const EXCEL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);

/** What a sheet writer needs from the workbook around it. */
export interface SheetContext {
  report: Report;
  styles: StyleRegistry;
  /** Final sheet name of each role. */
  sheetOf: (role: SheetSpec["role"]) => string;
  tables: Map<string, TablePlace>;
  /** Relationship ids of this sheet's tables (by table name) and drawing. */
  tableRels: { name: string; rId: string }[];
  drawingRel?: string;
  /** Cells written so far, for progress; throws "cancelled" when aborted. */
  progress(cells: number): void;
  /** A1 range of a report range reference on its sheet, sheet-qualified (`'KA Accounts'!$A$2:$A$40`). */
  rangeA1(ref: import("../../engine/report/types").RangeRef): string;
  /** Body rows from which a table's columns of one formula are written as shared formulas (`sharedFormulas`). */
  sharedFormulasFrom?: number;
}

/** Where cell XML goes: text, bytes already encoded (a repeated formula), or bytes written in place (`reserve`). */
interface Out {
  str(s: string): void;
  bytes(b: Buffer): void;
  reserve(n: number): number;
  readonly buffer: Buffer;
  at: number;
}

/** One block's cells, row by row. */
interface Piece {
  top: number;
  /** Last row, inclusive. */
  bottom: number;
  left: number;
  /** Writes the `<c>` elements of sheet row `r` (0-based), left to right. */
  row(r: number, out: Out): void;
  /** Cells per row, for progress. */
  width: number;
}

/** `<f>…</f>` per formula text, encoded once: a table column repeats one formula in every row. */
class FormulaCache {
  private readonly map = new Map<string, Buffer>();
  /** Last formula per table column: most rows repeat it, and comparing beats hashing a 300-character key. */
  private readonly lastKey: string[] = [];
  private readonly lastVal: Buffer[] = [];
  get(formula: string, slot = -1): Buffer {
    if (slot >= 0 && this.lastKey[slot] === formula) return this.lastVal[slot];
    let x = this.map.get(formula);
    if (x === undefined) {
      x = Buffer.from(`<f>${escapeXml(formula.trim())}</f>`, "utf8");
      if (this.map.size < 50_000) this.map.set(formula, x);
    }
    if (slot >= 0) {
      this.lastKey[slot] = formula;
      this.lastVal[slot] = x;
    }
    return x;
  }
}

function textXml(ref: string, s: number, text: string): string {
  const t = fitCellText(text);
  const sa = s ? ` s="${s}"` : "";
  return needsPreserve(t) ? `<c r="${ref}"${sa} t="inlineStr"><is><t xml:space="preserve">${escapeText(t)}</t></is></c>` : `<c r="${ref}"${sa} t="inlineStr"><is><t>${escapeText(t)}</t></is></c>`;
}

/** Writes cells in one style family: `plain` for values, `quoted` for text that needs the quote prefix. */
interface CellStyles {
  plain: number;
  quoted: () => number;
}

function writeCell(out: Out, ref: string, c: Cell | undefined, st: CellStyles, formulas: FormulaCache, keepBlankStyle: boolean, slot = -1): void {
  if (c === null || c === undefined) {
    if (keepBlankStyle && st.plain) out.str(`<c r="${ref}" s="${st.plain}"/>`);
    return;
  }
  const sa = st.plain ? ` s="${st.plain}"` : "";
  switch (typeof c) {
    case "number":
      if (Number.isFinite(c)) out.str(`<c r="${ref}"${sa}><v>${c}</v></c>`);
      else if (keepBlankStyle && st.plain) out.str(`<c r="${ref}"${sa}/>`);
      return;
    case "string":
      if (c !== "") out.str(textXml(ref, needsTextGuard(c) ? st.quoted() : st.plain, c));
      else if (keepBlankStyle && st.plain) out.str(`<c r="${ref}"${sa}/>`);
      return;
    case "boolean":
      out.str(`<c r="${ref}"${sa} t="b"><v>${c ? 1 : 0}</v></c>`);
      return;
  }
  if (!isFormulaCell(c)) return;
  const f = formulas.get(c.formula, slot);
  const v = c.value;
  if (typeof v === "number") {
    out.str(`<c r="${ref}"${sa}>`);
    out.bytes(f);
    out.str(Number.isFinite(v) ? `<v>${v}</v></c>` : "</c>");
  } else if (typeof v === "boolean") {
    out.str(`<c r="${ref}"${sa} t="b">`);
    out.bytes(f);
    out.str(`<v>${v ? 1 : 0}</v></c>`);
  } else if (typeof v === "string") {
    const err = EXCEL_ERRORS.has(v);
    out.str(`<c r="${ref}"${sa} t="${err ? "e" : "str"}">`);
    out.bytes(f);
    out.str(`<v>${err ? v : escapeText(fitCellText(v))}</v></c>`);
  } else {
    out.str(`<c r="${ref}"${sa}>`);
    out.bytes(f);
    out.str("</c>");
  }
}

/** Per-sheet state while writing. */
class SheetState {
  readonly merges: string[] = [];
  readonly conditional: string[] = [];
  readonly links: { ref: string; to: LinkTarget; tooltip?: string; display?: string }[] = [];
  /** Cells drawn with the link font (`row,col`). */
  readonly linkCells = new Set<string>();
  priority = 1;
  sharedFormulaCount = 0;
  readonly formulas = new FormulaCache();
  constructor(
    readonly spec: SheetSpec,
    readonly ctx: SheetContext,
  ) {
    for (const h of spec.hyperlinks ?? []) {
      this.links.push({ ref: `${columnLetters(h.col)}${h.row + 1}`, to: h.to, tooltip: h.tooltip });
      this.linkCells.add(`${h.row},${h.col}`);
    }
  }
  styles(numFmt?: string, font?: FontKind, extra: { fill?: boolean; wrap?: boolean } = {}): CellStyles {
    const reg = this.ctx.styles;
    const plain = reg.cell({ numFmt, font, ...extra });
    let quoted: number | undefined;
    return { plain, quoted: () => (quoted ??= reg.cell({ numFmt, font, ...extra, quotePrefix: true })) };
  }
  isLink(row: number, col: number): boolean {
    return this.linkCells.size > 0 && this.linkCells.has(`${row},${col}`);
  }
  addLink(row: number, col: number, to: LinkTarget): void {
    this.links.push({ ref: `${columnLetters(col)}${row + 1}`, to });
    this.linkCells.add(`${row},${col}`);
  }
}

function textPiece(st: SheetState, b: TextBlock): Piece {
  if (b.link) st.addLink(b.row, b.col, b.link);
  const span = Math.max(1, b.mergeCols ?? 1);
  if (span > 1) st.merges.push(`${columnLetters(b.col)}${b.row + 1}:${columnLetters(b.col + span - 1)}${b.row + 1}`);
  const font: FontKind | undefined = b.link ? "link" : b.style;
  const styles = st.styles(undefined, font, { wrap: b.wrap });
  const ref = `${columnLetters(b.col)}${b.row + 1}`;
  return { top: b.row, bottom: b.row, left: b.col, width: 1, row: (_r, out) => writeCell(out, ref, b.text, styles, st.formulas, false) };
}

function keyValuePiece(st: SheetState, b: KeyValueBlock): Piece {
  const first = b.row + (b.title ? 1 : 0);
  b.items.forEach((it, i) => it.link && st.addLink(first + i, b.col, it.link));
  const heading = st.styles(undefined, "heading");
  const wrap = { wrap: b.wrap };
  const label = st.styles(undefined, undefined, wrap);
  const link = st.styles(undefined, "link", wrap);
  const note = st.styles(undefined, "note");
  const valueStyles = new Map<string, CellStyles>();
  const valueStyle = (fmt: string | undefined) => {
    const k = fmt ?? "";
    let s = valueStyles.get(k);
    if (!s) valueStyles.set(k, (s = st.styles(fmt, undefined, wrap)));
    return s;
  };
  const a = columnLetters(b.col);
  const v = columnLetters(b.col + 1);
  const n = columnLetters(b.col + 2);
  return {
    top: b.row,
    bottom: first + b.items.length - 1,
    left: b.col,
    width: 3,
    row(r, out) {
      if (b.title && r === b.row) return writeCell(out, `${a}${r + 1}`, b.title, heading, st.formulas, false);
      const it = b.items[r - first];
      if (!it) return;
      const rn = r + 1;
      writeCell(out, `${a}${rn}`, it.label, it.link || st.isLink(r, b.col) ? link : label, st.formulas, false);
      writeCell(out, `${v}${rn}`, it.value, valueStyle(it.numberFormat), st.formulas, true);
      if (it.note) writeCell(out, `${n}${rn}`, it.note, note, st.formulas, false);
    },
  };
}

function matrixPiece(st: SheetState, b: MatrixBlock): Piece {
  const heading = st.styles(undefined, "heading");
  const header = st.styles(undefined, "bold", { fill: true });
  const body = st.styles(b.numberFormat);
  const headerRow = b.row + (b.title ? 1 : 0);
  const letters = Array.from({ length: 1 + b.columnHeaders.length }, (_, j) => columnLetters(b.col + j));
  if (b.rowHeaders.length > 0 && b.columnHeaders.length > 0) {
    const ref = `${letters[1]}${headerRow + 2}:${letters[letters.length - 1]}${headerRow + 1 + b.rowHeaders.length}`;
    for (const cf of b.conditionalFormats ?? []) addConditional(st, ref, cf, { row: headerRow + 1, col: b.col + 1 });
  }
  return {
    top: b.row,
    bottom: headerRow + b.rowHeaders.length,
    left: b.col,
    width: letters.length,
    row(r, out) {
      const rn = r + 1;
      if (b.title && r === b.row) return writeCell(out, `${letters[0]}${rn}`, b.title, heading, st.formulas, false);
      if (r === headerRow) {
        out.str(`<c r="${letters[0]}${rn}" s="${header.plain}"/>`);
        for (let j = 0; j < b.columnHeaders.length; j++) writeCell(out, `${letters[j + 1]}${rn}`, b.columnHeaders[j], header, st.formulas, true);
        return;
      }
      const i = r - headerRow - 1;
      writeCell(out, `${letters[0]}${rn}`, b.rowHeaders[i], header, st.formulas, true);
      const cells = b.cells[i] ?? [];
      for (let j = 0; j < b.columnHeaders.length; j++) writeCell(out, `${letters[j + 1]}${rn}`, cells[j] ?? null, body, st.formulas, false);
    },
  };
}

const ascii = (s: string) => Buffer.from(s, "latin1");
const V_OPEN = ascii("<v>");
const V_CLOSE = ascii("</v></c>");
const C_CLOSE = ascii("</c>");
const TRUE_V = ascii("<v>1</v></c>");
const FALSE_V = ascii("<v>0</v></c>");

/** Copies a piece (a loop beats a native call for a few dozen bytes, not for a long formula). */
function put(buf: Buffer, at: number, b: Uint8Array): number {
  if (b.length > 64) buf.set(b, at);
  else for (let i = 0; i < b.length; i++) buf[at + i] = b[i];
  return at + b.length;
}

/** An ASCII string such as a row number. */
function putAscii(buf: Buffer, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[at + i] = s.charCodeAt(i);
  return at + s.length;
}

/**
 * A finite number as `String(v)` writes it (at most 25 characters), without making the string where that is easy:
 * whole numbers digit by digit, and amounts in cents (`v` the double nearest to k/100, |v| < 10¹²). For those the
 * shortest decimal that reads back as `v` is k/100 with its trailing zeros dropped: another decimal of as few digits
 * differs by 0.01 or more, and near 10¹² doubles are 10⁻⁴ apart, so it reads back as another double. (V8's shortest
 * form of a general double takes ~0.5 µs, and KA Accounts at 100,000 customers holds millions of them.)
 */
function putNumber(buf: Buffer, at: number, v: number): number {
  if (Number.isSafeInteger(v)) return putDigits(buf, at, v, 0);
  const cents = Math.round(v * 100);
  if (cents / 100 === v && Math.abs(v) < 1e12) return putDigits(buf, at, cents, 2);
  const end = putShortestNumber(buf, at, v);
  return end >= 0 ? end : putAscii(buf, at, String(v));
}

/** The whole number `k` / 10^`point` (point 0 or 2), as `String` writes it: trailing fraction zeros dropped. */
function putDigits(buf: Buffer, at: number, k: number, point: number): number {
  if (k < 0) {
    buf[at++] = 45; // '-'
    k = -k;
  }
  // Drop trailing zeros of the fraction (k = 1250, point 2: "12.5").
  while (point > 0 && k % 10 === 0) {
    k /= 10;
    point--;
  }
  let digits = 1;
  for (let t = k; t >= 10; t = Math.floor(t / 10)) digits++;
  if (digits <= point) digits = point + 1; // 0.05: a leading "0"
  const end = at + digits + (point > 0 ? 1 : 0);
  let i = end - 1;
  for (let d = 0; d < digits; d++) {
    if (point > 0 && d === point) buf[i--] = 46; // '.'
    buf[i--] = 48 + (k % 10);
    k = Math.floor(k / 10);
  }
  return end;
}

/**
 * The byte pieces of one table column's body cells: `<c r="` and its letters, and what follows the row number for
 * each kind of value in the column's style. Body cells are written straight into the zip chunk from these: at
 * 100,000 customers the Accounts tab is 0.4 GB of XML even with shared formulas, and building a string per cell
 * and encoding it was most of the writing time.
 */
interface ColumnBytes {
  open: Buffer;
  number: Buffer;
  blank: Buffer | undefined;
  formula: Buffer;
  formulaBool: Buffer;
  formulaText: Buffer;
  formulaError: Buffer;
}

function columnBytes(letters: string, s: number): ColumnBytes {
  const sa = s ? ` s="${s}"` : "";
  return {
    open: ascii(`<c r="${letters}`),
    number: ascii(`"${sa}><v>`),
    blank: s ? ascii(`"${sa}/>`) : undefined,
    formula: ascii(`"${sa}>`),
    formulaBool: ascii(`"${sa} t="b">`),
    formulaText: ascii(`"${sa} t="str">`),
    formulaError: ascii(`"${sa} t="e">`),
  };
}

/** `<v>…</v></c>` of a formula's text result, encoded once per distinct text (a tier, Yes/No, a segment). */
class TextValueCache {
  private readonly map = new Map<string, Buffer>();
  get(v: string): Buffer {
    let x = this.map.get(v);
    if (x === undefined) {
      x = Buffer.from(`<v>${EXCEL_ERRORS.has(v) ? v : escapeText(fitCellText(v))}</v></c>`, "utf8");
      if (this.map.size < 10_000) this.map.set(v, x);
    }
    return x;
  }
}

/** Opens a body cell in room for `n` more bytes: `<c r="` letters, the row number, then `after`. */
function openCell(out: Out, n: number, col: ColumnBytes, row: string, after: Buffer): number {
  const at = out.reserve(n); // may start a new chunk: read `buffer` after it
  const buf = out.buffer;
  return put(buf, putAscii(buf, put(buf, at, col.open), row), after);
}

/**
 * Writes a table body cell as writeCell does with keepBlankStyle, in place; false for text and booleans (left to
 * writeCell: they need the text guard and escaping).
 */
function writeBodyCell(out: Out, col: ColumnBytes, row: string, c: Cell | undefined, formulas: FormulaCache, texts: TextValueCache, slot: number, shared?: Buffer): boolean {
  if (c === null || c === undefined || typeof c === "number") {
    writeNumberCell(out, col, row, c ?? NaN);
    return true;
  }
  if (typeof c !== "object" || !isFormulaCell(c)) return false;
  writeFormulaCell(out, col, row, shared ?? formulas.get(c.formula, slot), c.value, texts);
  return true;
}

/** A number cell; not finite: blank (kept only for its style). */
function writeNumberCell(out: Out, col: ColumnBytes, row: string, v: number): void {
  if (!Number.isFinite(v)) {
    if (col.blank) out.at = openCell(out, 64, col, row, col.blank);
    return;
  }
  const at = openCell(out, 96, col, row, col.number);
  const buf = out.buffer;
  out.at = put(buf, putNumber(buf, at, v), V_CLOSE);
}

/** A formula cell: `f` is its `<f>` element, `v` the cached value. */
function writeFormulaCell(out: Out, col: ColumnBytes, row: string, f: Buffer, v: Scalar, texts: TextValueCache): void {
  let open: Buffer = col.formula;
  let tail: Buffer = C_CLOSE;
  if (typeof v === "boolean") {
    open = col.formulaBool;
    tail = v ? TRUE_V : FALSE_V;
  } else if (typeof v === "string") {
    open = EXCEL_ERRORS.has(v) ? col.formulaError : col.formulaText;
    tail = texts.get(v);
  }
  let at = openCell(out, 96 + f.length + tail.length, col, row, open);
  const buf = out.buffer;
  buf.set(f, at);
  at += f.length;
  if (typeof v === "number" && Number.isFinite(v)) at = put(buf, putNumber(buf, put(buf, at, V_OPEN), v), V_CLOSE);
  else if (tail.length > 32) {
    buf.set(tail, at);
    at += tail.length;
  } else at = put(buf, at, tail);
  out.at = at;
}

function tablePiece(st: SheetState, b: TableBlock): Piece {
  const width = b.columns.length;
  const letters = b.columns.map((_, j) => columnLetters(b.col + j));
  const headerStyles = st.styles(undefined, undefined, { wrap: b.wrapHeader });
  const body = b.columns.map((c) => st.styles(c.numberFormat));
  const link = st.styles(undefined, "link");
  const bodyRows = Math.max(1, bodyRowCount(b));
  for (const cf of b.conditionalFormats ?? []) {
    const j = cf.column === undefined ? -1 : b.columns.findIndex((c) => c.header === cf.column);
    const ref = j < 0 ? `${letters[0]}${b.row + 2}:${letters[width - 1]}${b.row + 1 + bodyRows}` : `${letters[j]}${b.row + 2}:${letters[j]}${b.row + 1 + bodyRows}`;
    addConditional(st, ref, cf, { row: b.row + 1, col: j < 0 ? b.col : b.col + j });
  }
  const empty: Cell[] = [];
  const bytes = letters.map((l, j) => columnBytes(l, body[j].plain));
  const texts = new TextValueCache();
  const shared = sharedFormulas(st, b, letters);
  // A number column's cell is `<c r="` letters, the row, then what sits between the row and the number (its style,
  // its formula and `<v>`), encoded once per column: for the first body row and for the others (a shared formula).
  const numberMids = (b.body?.columns ?? []).map((c, j): [Buffer, Buffer] | undefined => {
    if (!(c.values instanceof Float64Array)) return undefined;
    if (c.formula === undefined) return [bytes[j].number, bytes[j].number];
    const [first, other] = shared[j] ?? [st.formulas.get(c.formula), st.formulas.get(c.formula)];
    return [Buffer.concat([bytes[j].formula, first, V_OPEN]), Buffer.concat([bytes[j].formula, other, V_OPEN])];
  });
  /** A row of a columnar body: number columns straight from their arrays, no cell made. */
  const bodyRow = (out: Out, i: number, row: string, r: number) => {
    const columns = (b.body as NonNullable<TableBlock["body"]>).columns;
    const links = st.linkCells.size > 0;
    for (let j = 0; j < width; j++) {
      const c = columns[j];
      if (c === undefined) continue;
      const values = c.values;
      const mids = numberMids[j];
      if (links && st.isLink(r, b.col + j)) writeCell(out, letters[j] + row, bodyColumnCell(c, i), link, st.formulas, true, j);
      else if (mids !== undefined && i < values.length) {
        const v = values[i] as number;
        if (Number.isFinite(v)) {
          const mid = mids[i === 0 ? 0 : 1];
          const at = openCell(out, 96 + mid.length, bytes[j], row, mid);
          const buf = out.buffer;
          out.at = put(buf, putNumber(buf, at, v), V_CLOSE);
        } else if (c.formula === undefined) writeNumberCell(out, bytes[j], row, v);
        else writeFormulaCell(out, bytes[j], row, shared[j]?.[i === 0 ? 0 : 1] ?? st.formulas.get(c.formula, j), "", texts);
      } else {
        const cell = bodyColumnCell(c, i);
        if (!writeBodyCell(out, bytes[j], row, cell, st.formulas, texts, j, shared[j]?.[i === 0 ? 0 : 1])) writeCell(out, letters[j] + row, cell, body[j], st.formulas, true, j);
      }
    }
  };
  return {
    top: b.row,
    bottom: b.row + bodyRows,
    left: b.col,
    width,
    row(r, out) {
      const rn = r + 1;
      if (r === b.row) {
        for (let j = 0; j < width; j++) writeCell(out, `${letters[j]}${rn}`, b.columns[j].header, headerStyles, st.formulas, false);
        return;
      }
      const row = String(rn); // once per row, not per cell
      if (b.body && r - b.row - 1 < b.body.length) {
        bodyRow(out, r - b.row - 1, row, r);
        return;
      }
      // (an empty body's one blank row, as an empty table of rows writes it)
      const src = b.rows[r - b.row - 1] ?? empty;
      const links = st.linkCells.size > 0;
      for (let j = 0; j < width; j++) {
        if (links && st.isLink(r, b.col + j)) writeCell(out, letters[j] + row, src[j], link, st.formulas, true, j);
        else if (!writeBodyCell(out, bytes[j], row, src[j], st.formulas, texts, j, shared[j]?.[r === b.row + 1 ? 0 : 1])) writeCell(out, letters[j] + row, src[j], body[j], st.formulas, true, j);
      }
    },
  };
}

/**
 * A table column whose body cells all hold one formula that reads the same in every row (structured references,
 * names, absolute references) is written as a shared formula (ECMA-376 §18.3.1.40): the text once in the first row,
 * `<f t="shared" si="…"/>` below it — in tables of `sharedFormulasFrom` rows or more (write-xlsx.ts says why). Per
 * column: [first row's `<f>`, every other row's], or undefined where the formula is written whole in each cell.
 */
function sharedFormulas(st: SheetState, b: TableBlock, letters: string[]): ([Buffer, Buffer] | undefined)[] {
  const out: ([Buffer, Buffer] | undefined)[] = [];
  const n = bodyRowCount(b);
  if (n < Math.max(2, st.ctx.sharedFormulasFrom ?? Infinity)) return out;
  const linked = new Set<number>();
  for (const k of st.linkCells) linked.add(Number(k.slice(k.indexOf(",") + 1)));
  const first = b.row + 2;
  const last = b.row + 1 + n;
  for (let j = 0; j < b.columns.length; j++) {
    const formula = linked.has(b.col + j) ? undefined : oneFormulaInEveryRow(b, j, readsAlikeInEveryRow);
    if (formula === undefined) continue;
    const si = st.sharedFormulaCount++;
    out[j] = [Buffer.from(`<f t="shared" ref="${letters[j]}${first}:${letters[j]}${last}" si="${si}">${escapeXml(formula.trim())}</f>`, "utf8"), Buffer.from(`<f t="shared" si="${si}"/>`, "latin1")];
  }
  return out;
}

/**
 * Whether a formula means the same in every cell it is shared to: no relative A1 reference (a shared formula's
 * relative references move with the cell). String literals, quoted sheet names and structured references' brackets
 * are set aside first; anything that looks like a cell, column or row reference that is not fully absolute ($A$1)
 * counts as relative (a doubtful formula is simply written whole in each cell).
 */
export function readsAlikeInEveryRow(formula: string): boolean {
  let f = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
  for (let prev = ""; prev !== f; ) [prev, f] = [f, f.replace(/\[[^[\]]*\]/g, "[]")];
  f = f.replace(/\$[A-Za-z]{1,3}\$\d+/g, "");
  return !/(?<![\w$.])\$?[A-Za-z]{1,3}\$?\d+(?![\w(])|(?<![\w$.])\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![\w(])|(?<![\w$.])\$?\d+:\$?\d+(?![\w(])/.test(f);
}

/**
 * One conditional format over `ref`:
 * - colorScale: white at the minimum to `color` (default 5B9BD5) at the maximum;
 * - dataBar: bars in `color` (default 5B9BD5) from the minimum to the maximum;
 * - highlight: fill `color` (default FFC7CE, Excel's light red) where `condition` holds, rewritten to A1 by
 *   `conditionToA1` (Excel refuses structured references in conditional formats).
 */
function addConditional(st: SheetState, ref: string, cf: ConditionalFormat, anchor: { row: number; col: number }): void {
  const p = st.priority++;
  let rule: string;
  switch (cf.kind) {
    case "colorScale":
      rule = `<cfRule type="colorScale" priority="${p}"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="FFFFFFFF"/><color rgb="FF${hexColour(cf.color ?? "5B9BD5")}"/></colorScale></cfRule>`;
      break;
    case "dataBar":
      rule = `<cfRule type="dataBar" priority="${p}"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF${hexColour(cf.color ?? "5B9BD5")}"/></dataBar></cfRule>`;
      break;
    case "highlight": {
      const formula = conditionToA1((cf.condition ?? "").replace(/^=/, ""), { ...anchor, sheet: st.spec.name }, st.ctx.tables);
      const dxf = st.ctx.styles.fill(hexColour(cf.color ?? "FFC7CE"));
      rule = `<cfRule type="expression" dxfId="${dxf}" priority="${p}"><formula>${escapeXml(formula)}</formula></cfRule>`;
      break;
    }
  }
  st.conditional.push(`<conditionalFormatting sqref="${ref}">${rule}</conditionalFormatting>`);
}

function pieceOf(st: SheetState, b: Block): Piece | undefined {
  switch (b.kind) {
    case "text":
      return textPiece(st, b);
    case "keyValue":
      return b.items.length > 0 || b.title ? keyValuePiece(st, b) : undefined;
    case "matrix":
      return matrixPiece(st, b);
    case "table":
      return tablePiece(st, b);
    case "chart":
      return undefined;
  }
}

interface LineInfo {
  width?: number;
  height?: number;
  hidden?: boolean;
  level?: number;
  collapsed?: boolean;
}

/** Outline levels, hidden spans and the summary line after a collapsed group (Excel marks it `collapsed`). */
function outlineInfo(groups: SheetSpec["columnGroups"], hidden: { from: number; to: number }[] | undefined, info: Map<number, LineInfo>): void {
  const at = (i: number) => {
    let x = info.get(i);
    if (!x) info.set(i, (x = {}));
    return x;
  };
  for (const g of groups ?? []) {
    const level = g.level ?? 1;
    for (let i = g.from; i <= g.to; i++) {
      const x = at(i);
      x.level = Math.max(x.level ?? 0, level);
      if (g.collapsed) x.hidden = true;
    }
    if (g.collapsed) at(g.to + 1).collapsed = true;
  }
  for (const h of hidden ?? []) for (let i = h.from; i <= h.to; i++) at(i).hidden = true;
}

function colsXml(spec: SheetSpec): { xml: string; maxLevel: number } {
  const info = new Map<number, LineInfo>();
  const widths = new Map<number, number>();
  for (const b of spec.blocks) if (b.kind === "table") b.columns.forEach((c, i) => c.width !== undefined && widths.set(b.col + i, c.width));
  (spec.columnWidths ?? []).forEach((w, i) => widths.set(i, w));
  for (const [i, w] of widths) if (w > 0) info.set(i, { width: w });
  outlineInfo(spec.columnGroups, spec.hiddenColumns, info);
  const cols = [...info.keys()].sort((a, b) => a - b);
  if (cols.length === 0) return { xml: "", maxLevel: 0 };
  const same = (a: LineInfo, b: LineInfo) => a.width === b.width && !!a.hidden === !!b.hidden && (a.level ?? 0) === (b.level ?? 0) && !!a.collapsed === !!b.collapsed;
  let xml = "<cols>";
  let maxLevel = 0;
  for (let k = 0; k < cols.length; ) {
    const start = cols[k];
    const x = info.get(start) as LineInfo;
    let end = start;
    while (k + 1 < cols.length && cols[k + 1] === end + 1 && same(info.get(cols[k + 1]) as LineInfo, x)) end = cols[++k];
    k++;
    maxLevel = Math.max(maxLevel, x.level ?? 0);
    xml += `<col min="${start + 1}" max="${end + 1}" width="${x.width ?? 9.140625}"${x.width !== undefined ? ' customWidth="1"' : ""}${x.hidden ? ' hidden="1"' : ""}${x.level ? ` outlineLevel="${x.level}"` : ""}${x.collapsed ? ' collapsed="1"' : ""}/>`;
  }
  return { xml: `${xml}</cols>`, maxLevel };
}

function rowInfo(spec: SheetSpec): Map<number, LineInfo> {
  const info = new Map<number, LineInfo>();
  for (const h of spec.rowHeights ?? []) info.set(h.row, { height: h.height });
  outlineInfo(spec.rowGroups, spec.hiddenRows, info);
  return info;
}

function rowAttrs(x: LineInfo | undefined): string {
  if (!x) return "";
  return `${x.height !== undefined ? ` ht="${x.height}" customHeight="1"` : ""}${x.hidden ? ' hidden="1"' : ""}${x.level ? ` outlineLevel="${x.level}"` : ""}${x.collapsed ? ' collapsed="1"' : ""}`;
}

function linkLocation(to: LinkTarget, ctx: SheetContext): string {
  if ("name" in to) return to.name;
  return `'${ctx.sheetOf(to.sheet).replace(/'/g, "''")}'!${columnLetters(to.col ?? 0)}${(to.row ?? 0) + 1}`;
}

const PAPER: Record<string, number> = { letter: 1, legal: 5, A3: 8, A4: 9 };

/** Writes the worksheet part into `out` (an open zip entry), streaming its rows. */
export async function writeSheet(out: ZipEntryWriter, spec: SheetSpec, ctx: SheetContext, opts: { tabSelected: boolean; checkCancel(): void }): Promise<void> {
  const st = new SheetState(spec, ctx);
  const pieces = spec.blocks.map((b) => pieceOf(st, b)).filter((p): p is Piece => p !== undefined);
  pieces.sort((a, b) => a.top - b.top || a.left - b.left);
  const rows = rowInfo(spec);
  const attrRows = [...rows.keys()].sort((a, b) => a - b);

  // Extent of written cells (the dimension element); a sheet with no cells says A1.
  let maxRow = -1;
  let maxCol = -1;
  for (const b of spec.blocks) {
    const r = blockRect(b);
    if (!r) continue;
    maxRow = Math.max(maxRow, r.row + r.rows - 1);
    maxCol = Math.max(maxCol, r.col + r.cols - 1);
  }
  const cols = colsXml(spec);
  const rowLevel = Math.max(0, ...[...rows.values()].map((x) => x.level ?? 0));

  let head = `${XML_DECL}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">`;
  const ps = spec.pageSetup;
  const fit = ps !== undefined && (ps.fitToWidth !== undefined || ps.fitToHeight !== undefined);
  const hasGroups = (spec.columnGroups?.length ?? 0) > 0 || (spec.rowGroups?.length ?? 0) > 0;
  if (spec.tabColor || fit || hasGroups) {
    head += "<sheetPr>";
    if (spec.tabColor) head += `<tabColor rgb="FF${hexColour(spec.tabColor)}"/>`;
    if (hasGroups) head += '<outlinePr summaryBelow="1" summaryRight="1"/>';
    if (fit) head += '<pageSetUpPr fitToPage="1"/>';
    head += "</sheetPr>";
  }
  head += `<dimension ref="${maxRow < 0 ? "A1" : `A1:${columnLetters(Math.max(0, maxCol))}${maxRow + 1}`}"/>`;
  head += `<sheetViews><sheetView workbookViewId="0"${spec.showGridLines === false ? ' showGridLines="0"' : ""}${opts.tabSelected ? ' tabSelected="1"' : ""}`;
  const f = spec.freeze;
  if (f && (f.rows > 0 || f.cols > 0)) {
    const pane = f.rows > 0 && f.cols > 0 ? "bottomRight" : f.rows > 0 ? "bottomLeft" : "topRight";
    head += `><pane${f.cols > 0 ? ` xSplit="${f.cols}"` : ""}${f.rows > 0 ? ` ySplit="${f.rows}"` : ""} topLeftCell="${columnLetters(f.cols)}${f.rows + 1}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`;
  } else head += "/></sheetViews>";
  head += `<sheetFormatPr defaultRowHeight="15"${rowLevel ? ` outlineLevelRow="${rowLevel}"` : ""}${cols.maxLevel ? ` outlineLevelCol="${cols.maxLevel}"` : ""}/>`;
  head += cols.xml;
  head += "<sheetData>";
  out.str(head);

  // Sweep rows top to bottom; `active` holds the pieces crossing the current row, in column order.
  let next = 0;
  let attrNext = 0;
  let active: Piece[] = [];
  let r = Math.min(pieces[0]?.top ?? Infinity, attrRows[0] ?? Infinity);
  let sinceCheck = 0;
  while (Number.isFinite(r)) {
    while (next < pieces.length && pieces[next].top <= r) {
      active.push(pieces[next++]);
      active.sort((a, b) => a.left - b.left);
    }
    active = active.filter((p) => p.bottom >= r);
    while (attrNext < attrRows.length && attrRows[attrNext] < r) attrNext++;
    const attrs = attrRows[attrNext] === r ? rowAttrs(rows.get(r)) : "";
    if (active.length === 0 && attrs === "") {
      r = Math.min(pieces[next]?.top ?? Infinity, attrRows.find((x) => x > r) ?? Infinity);
      continue;
    }
    let width = 0;
    out.str(`<row r="${r + 1}"${attrs}>`);
    for (const p of active) {
      p.row(r, out);
      width += p.width;
    }
    out.str("</row>");
    if (out.behind) await out.drain();
    sinceCheck += width;
    if (sinceCheck >= 20_000) {
      ctx.progress(sinceCheck);
      sinceCheck = 0;
      opts.checkCancel();
    }
    // Next row: the following one while blocks are active, else jump to the next block or attributed row.
    if (active.length > 0) r++;
    else r = Math.min(pieces[next]?.top ?? Infinity, attrRows.find((x) => x > r) ?? Infinity);
  }
  ctx.progress(sinceCheck);

  let tail = "</sheetData>";
  if (st.merges.length > 0) tail += `<mergeCells count="${st.merges.length}">${st.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  tail += st.conditional.join("");
  const dv = spec.validations ?? [];
  if (dv.length > 0) {
    tail += `<dataValidations count="${dv.length}">`;
    for (const v of dv) {
      const sqref = `${columnLetters(v.col)}${v.row + 1}${(v.rows ?? 1) > 1 || (v.cols ?? 1) > 1 ? `:${columnLetters(v.col + (v.cols ?? 1) - 1)}${v.row + (v.rows ?? 1)}` : ""}`;
      const source = Array.isArray(v.source) ? `"${v.source.join(",")}"` : ctx.rangeA1(v.source);
      tail += `<dataValidation type="list" allowBlank="${v.allowBlank === false ? 0 : 1}" showInputMessage="${v.prompt ? 1 : 0}" showErrorMessage="1"`;
      if (v.error) tail += ` error="${escapeAttr(v.error.slice(0, 255))}"`;
      if (v.prompt?.title) tail += ` promptTitle="${escapeAttr(v.prompt.title.slice(0, 32))}"`;
      if (v.prompt) tail += ` prompt="${escapeAttr(v.prompt.text.slice(0, 255))}"`;
      tail += ` sqref="${sqref}"><formula1>${escapeXml(source)}</formula1></dataValidation>`;
    }
    tail += "</dataValidations>";
  }
  if (st.links.length > 0) {
    tail += "<hyperlinks>";
    for (const l of st.links) tail += `<hyperlink ref="${l.ref}" location="${escapeAttr(linkLocation(l.to, ctx))}"${l.tooltip ? ` tooltip="${escapeAttr(l.tooltip.slice(0, 255))}"` : ""}/>`;
    tail += "</hyperlinks>";
  }
  if (ps?.centerHorizontally) tail += '<printOptions horizontalCentered="1"/>';
  const m = ps?.margins ?? {};
  tail += `<pageMargins left="${m.left ?? 0.7}" right="${m.right ?? 0.7}" top="${m.top ?? 0.75}" bottom="${m.bottom ?? 0.75}" header="${m.header ?? 0.3}" footer="${m.footer ?? 0.3}"/>`;
  if (ps && (ps.orientation || ps.paperSize || fit)) {
    tail += "<pageSetup";
    if (ps.paperSize) tail += ` paperSize="${PAPER[ps.paperSize]}"`;
    if (fit) tail += ` fitToWidth="${ps.fitToWidth ?? 1}" fitToHeight="${ps.fitToHeight ?? 0}"`;
    if (ps.orientation) tail += ` orientation="${ps.orientation}"`;
    tail += "/>";
  }
  const hf = spec.headerFooter;
  if (hf && (hf.header || hf.footer)) {
    tail += "<headerFooter>";
    if (hf.header) tail += `<oddHeader>${escapeXml(headerFooterCode(hf.header))}</oddHeader>`;
    if (hf.footer) tail += `<oddFooter>${escapeXml(headerFooterCode(hf.footer))}</oddFooter>`;
    tail += "</headerFooter>";
  }
  if (ctx.drawingRel) tail += `<drawing r:id="${ctx.drawingRel}"/>`;
  if (ctx.tableRels.length > 0) tail += `<tableParts count="${ctx.tableRels.length}">${ctx.tableRels.map((t) => `<tablePart r:id="${t.rId}"/>`).join("")}</tableParts>`;
  tail += "</worksheet>";
  out.str(tail);
}

/** The table part of a table block: range, columns (with the formula of a calculated column), style. */
export function tableXml(b: TableBlock, id: number): string {
  const bodyRows = Math.max(1, bodyRowCount(b));
  const ref = `${columnLetters(b.col)}${b.row + 1}:${columnLetters(b.col + b.columns.length - 1)}${b.row + 1 + bodyRows}`;
  const cols = b.columns.map((c, j) => {
    const f = calculatedFormula(b, j);
    return `<tableColumn id="${j + 1}" name="${escapeAttr(c.header.replace(/\n/g, "_x000a_"))}"${f ? `><calculatedColumnFormula>${escapeXml(f)}</calculatedColumnFormula></tableColumn>` : "/>"}`;
  });
  return (
    `${XML_DECL}<table xmlns="${NS.main}" id="${id}" name="${b.name}" displayName="${b.name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${b.columns.length}">${cols.join("")}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(b.style ?? "TableStyleMedium2")}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** The formula of a column when every body row holds the same one (a calculated column: Excel fills new rows with it). */
function calculatedFormula(b: TableBlock, j: number): string | undefined {
  return oneFormulaInEveryRow(b, j, (f) => f.includes("[#This Row]"))?.trim();
}

/**
 * The formula that every body row of the table's column `j` holds, when there are two rows or more, they all hold
 * the same one, and it passes `fits` (asked of the first row's before the others are read).
 */
function oneFormulaInEveryRow(b: TableBlock, j: number, fits: (formula: string) => boolean): string | undefined {
  if (bodyRowCount(b) < 2) return undefined;
  if (b.body) {
    const f = b.body.columns[j]?.formula;
    return f !== undefined && fits(f) ? f : undefined;
  }
  const first = b.rows[0][j];
  if (!isFormulaCell(first) || !fits(first.formula)) return undefined;
  for (let i = 1; i < b.rows.length; i++) {
    const c = b.rows[i][j];
    if (!isFormulaCell(c) || c.formula !== first.formula) return undefined;
  }
  return first.formula;
}

/** Absolute A1 of a 0-based rectangle. */
export function absoluteRange(row: number, col: number, rows: number, cols: number): string {
  const tl = absoluteA1(row, col);
  return rows === 1 && cols === 1 ? tl : `${tl}:${absoluteA1(row + rows - 1, col + cols - 1)}`;
}

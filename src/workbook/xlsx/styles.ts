/**
 * Cell formats of the written workbook, registered as sheets are written and serialised last (`xl/styles.xml`).
 * A format is a number format, a font (plain, title, heading, note, bold, link), a fill (matrix headers), wrapping,
 * and the quote prefix (text that Excel must keep as text when the cell is edited: `=…`, `+…`, `-…`, `@…`, `00123`).
 * Highlight rules of conditional formats get differential formats (dxf): a fill colour.
 */
import { escapeAttr, NS, XML_DECL } from "./xml";

export type FontKind = "plain" | "title" | "heading" | "note" | "bold" | "link";

export interface CellFormat {
  numFmt?: string;
  font?: FontKind;
  /** Light grey fill of matrix headers. */
  fill?: boolean;
  wrap?: boolean;
  quotePrefix?: boolean;
}

const FONTS: Record<FontKind, string> = {
  plain: '<font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  title: '<font><b/><sz val="14"/><color rgb="FF1F4E79"/><name val="Calibri"/><family val="2"/></font>',
  heading: '<font><b/><sz val="12"/><color rgb="FF1F4E79"/><name val="Calibri"/><family val="2"/></font>',
  note: '<font><i/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>',
  bold: '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  link: '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font>',
};
const FONT_ORDER: FontKind[] = ["plain", "title", "heading", "note", "bold", "link"];

/** Number formats Excel knows by id (ECMA-376 §18.8.30); others get ids from 164. */
const BUILTIN_NUMFMT: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

export class StyleRegistry {
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = new Map<string, number>();
  private readonly xfXml: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly dxfs = new Map<string, number>();

  constructor() {
    this.xfs.set("", 0);
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_NUMFMT[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  /** The `s` index of a cell format (0 = default). */
  cell(f: CellFormat): number {
    if (!f.numFmt && (f.font === undefined || f.font === "plain") && !f.fill && !f.wrap && !f.quotePrefix) return 0;
    const key = `${f.numFmt ?? ""}\u0001${f.font ?? ""}\u0001${f.fill ? 1 : 0}${f.wrap ? 1 : 0}${f.quotePrefix ? 1 : 0}`;
    let id = this.xfs.get(key);
    if (id !== undefined) return id;
    const numFmtId = f.numFmt ? this.numFmtId(f.numFmt) : 0;
    const fontId = FONT_ORDER.indexOf(f.font ?? "plain");
    const fillId = f.fill ? 2 : 0;
    let xml = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"`;
    if (numFmtId !== 0) xml += ' applyNumberFormat="1"';
    if (fontId !== 0) xml += ' applyFont="1"';
    if (fillId !== 0) xml += ' applyFill="1"';
    if (f.wrap) xml += ' applyAlignment="1"';
    if (f.quotePrefix) xml += ' quotePrefix="1"';
    xml += f.wrap ? '><alignment vertical="top" wrapText="1"/></xf>' : "/>";
    id = this.xfXml.length;
    this.xfXml.push(xml);
    this.xfs.set(key, id);
    return id;
  }

  /** A differential format filling the cell with `rgb` (`FFC7CE`), for a highlight rule. */
  fill(rgb: string): number {
    let id = this.dxfs.get(rgb);
    if (id === undefined) {
      id = this.dxfs.size;
      this.dxfs.set(rgb, id);
    }
    return id;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    const dxfs = [...this.dxfs.keys()].map((rgb) => `<dxf><fill><patternFill patternType="solid"><bgColor rgb="FF${rgb}"/></patternFill></fill></dxf>`);
    return (
      `${XML_DECL}<styleSheet xmlns="${NS.main}">` +
      (numFmts.length > 0 ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
      `<fonts count="${FONT_ORDER.length}">${FONT_ORDER.map((k) => FONTS[k]).join("")}</fonts>` +
      '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
      '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfXml.length}">${this.xfXml.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${dxfs.length}">${dxfs.join("")}</dxfs>` +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}

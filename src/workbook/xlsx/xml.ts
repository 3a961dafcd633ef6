/**
 * Text into SpreadsheetML: escaping that keeps every string exactly as the report holds it.
 * - `&`, `<`, `>` (and `"` in attributes) as entities;
 * - characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF) as SpreadsheetML's `_xHHHH_`,
 *   and a literal `_xHHHH_` in the text with its underscore escaped (`_x005F_xHHHH_`), as Excel does (ECMA-376 §22.9.2.19);
 * - CR as `&#13;` (an XML parser would turn a raw CR into LF); in attributes tab, LF and CR as character references
 *   (attribute normalisation would turn them into spaces).
 * Lone UTF-16 surrogates become U+FFFD when the text is encoded as UTF-8.
 */

const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/;
const TEXT_ALL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
const ATTR_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/;
const ATTR_ALL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

function replacement(ch: string): string {
  switch (ch) {
    case "&":
      return "&amp;";
    case "<":
      return "&lt;";
    case ">":
      return "&gt;";
    case '"':
      return "&quot;";
    case "\t":
      return "&#9;";
    case "\n":
      return "&#10;";
    case "\r":
      return "&#13;";
    case "_":
      return "_x005F_";
    default:
      return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
  }
}

/** Element text (cell strings, formulas, titles). */
export function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_ALL, replacement) : s;
}

/** Attribute values (table column names, hyperlink locations, tooltips). */
export function escapeAttr(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(ATTR_ALL, replacement) : s;
}

/** Plain XML escaping for text that is not a cell string (formulas are never `_xHHHH_`-decoded by Excel). */
export function escapeXml(s: string): string {
  return /[&<>\r"]/.test(s) ? s.replace(/[&<>\r"]/g, replacement) : s;
}

/** `<t>` needs `xml:space="preserve"` when the text starts or ends with white space (else readers may trim it). */
export function needsPreserve(s: string): boolean {
  return s.length > 0 && (/^\s/.test(s) || /\s$/.test(s));
}

/** A number as it goes into `<v>` (shortest round-trip form; finite only). */
export function numberText(x: number): string {
  return String(x);
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  drawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
} as const;

export const REL_TYPE = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  coreProperties: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  extendedProperties: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  theme: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
} as const;

export const CONTENT_TYPE = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  theme: "application/vnd.openxmlformats-officedocument.theme+xml",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  app: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

/** A relationships part from `[id, type, target]` triples. */
export function relsXml(rels: [string, string, string][]): string {
  return `${XML_DECL}<Relationships xmlns="${NS.pkgRel}">${rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`).join("")}</Relationships>`;
}

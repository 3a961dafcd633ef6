/**
 * Print and screen setup shared by every tab: landscape A4, all columns on one page width (or the whole tab on one
 * page), the table header repeated on every page, and a header/footer with the tab's name, the as-of date and the
 * page number, in the report's language.
 */
import { isoFromDay } from "../day";
import type { ReportContext } from "./model";
import { blockHeight } from "./layout";
import { updateTable, type Block, type PageSetup, type SheetSpec } from "./types";

export interface PrintOptions {
  /** The whole tab on one page (KA Summary); default: one page wide, as many tall as needed. */
  onePage?: boolean;
  /** 0-based sheet row of the main table's header: repeated on every printed page. */
  headerRow?: number;
  printArea?: PageSetup["printArea"];
}

export function printSetup(ctx: ReportContext, opts: PrintOptions = {}): Pick<SheetSpec, "pageSetup" | "headerFooter"> {
  const asOf = ctx.t("As of {date}", { date: isoFromDay(ctx.a.asOf) });
  return {
    pageSetup: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: opts.onePage ? 1 : 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
      centerHorizontally: true,
      printArea: opts.printArea,
      titleRows: opts.headerRow === undefined ? undefined : { from: opts.headerRow, to: opts.headerRow },
    },
    headerFooter: {
      header: { left: "{sheet}", right: asOf },
      footer: { left: ctx.t("KA Risk"), center: asOf, right: ctx.t("Page {page} of {pages}") },
    },
  };
}

/** Freeze the rows above a table's body (its header included) and, optionally, its first column. */
export function freezeAtHeader(headerRow: number, cols = 0): SheetSpec["freeze"] {
  return { rows: headerRow + 1, cols };
}

/** The ledger's name as the reader sees it: a file or range as given; the bundled sample in the report's words. */
export function sourceLabel(ctx: ReportContext): string {
  if (ctx.source.kind !== "sample") return ctx.source.label;
  const path = /\(([^()]+)\)\s*$/.exec(ctx.source.label)?.[1] ?? "assets/sample-ledger.csv";
  return ctx.t("bundled sample ledger ({path})", { path });
}

/** Width of a text in Excel character units: CJK and full-width characters take two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Columns a block covers (a key-value block: label, value, note). */
function blockCols(b: Block): number {
  switch (b.kind) {
    case "table":
      return b.columns.length;
    case "keyValue":
      return 3;
    case "matrix":
      return 1 + b.columnHeaders.length;
    case "chart":
      return b.widthCols ?? 8;
    case "text":
      return b.mergeCols ?? 1;
  }
}

/** Excel's default column width, for columns a tab leaves unset. */
const DEFAULT_WIDTH = 8.43;
/** Points per wrapped line of a note (10–11 pt text). */
const LINE_POINTS = 14;

/**
 * A note longer than the tab's tables would spill to the right of them, and a printed page one page wide takes in the
 * spill: every column it crosses, so the whole tab prints smaller. Each such note is merged across the columns its
 * neighbours use (up to the first block in its row), wrapped, and its row made tall enough for its lines.
 */
export function wrapLongNotes(sheet: SheetSpec): SheetSpec {
  const others = sheet.blocks.filter((b) => b.kind !== "text");
  if (others.length === 0) return sheet;
  const right = Math.max(...others.map((b) => b.col + blockCols(b)));
  const width = (c: number) => sheet.columnWidths?.[c] ?? DEFAULT_WIDTH;
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  let changed = false;
  const blocks = sheet.blocks.map((b): Block => {
    if (b.kind !== "text" || b.style === "title" || b.style === "heading" || b.mergeCols !== undefined || b.link) return b;
    // The block's row is free from its column to the first other block that covers this row on its right.
    let end = right;
    for (const o of sheet.blocks) {
      if (o === b || o.col <= b.col || o.row > b.row || o.row + blockHeight(o) <= b.row) continue;
      end = Math.min(end, o.col);
    }
    let room = 0;
    for (let c = b.col; c < end; c++) room += width(c);
    const need = textWidth(b.text);
    if (end - b.col < 2 || need <= room) return b;
    changed = true;
    const lines = Math.ceil(need / Math.max(1, room - 2));
    heights.set(b.row, Math.min(409, Math.max(heights.get(b.row) ?? 0, LINE_POINTS * lines + 3)));
    return { ...b, mergeCols: end - b.col, wrap: true };
  });
  if (!changed) return sheet;
  return { ...sheet, blocks, rowHeights: [...heights].map(([row, height]) => ({ row, height })).sort((x, y) => x.row - y.row) };
}

/** Room a table header's filter button takes at the right of its cell, in characters. */
const FILTER_BUTTON = 2;

/**
 * A table header wider than its column would print cut short: the header row of such a table wraps, and is made tall
 * enough for its longest header's lines.
 */
export function wrapTableHeaders(sheet: SheetSpec): SheetSpec {
  const widths = new Map<number, number>();
  (sheet.columnWidths ?? []).forEach((w, i) => widths.set(i, w));
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  let changed = false;
  const blocks = sheet.blocks.map((b): Block => {
    if (b.kind !== "table") return b;
    let lines = 1;
    b.columns.forEach((c, j) => {
      const w = widths.get(b.col + j) ?? c.width ?? DEFAULT_WIDTH;
      lines = Math.max(lines, Math.ceil(textWidth(c.header) / Math.max(1, w - FILTER_BUTTON)));
    });
    if (lines === 1) return b;
    changed = true;
    heights.set(b.row, Math.min(409, Math.max(heights.get(b.row) ?? 0, LINE_POINTS * lines + 3)));
    return updateTable(b, { wrapHeader: true });
  });
  if (!changed) return sheet;
  return { ...sheet, blocks, rowHeights: [...heights].map(([row, height]) => ({ row, height })).sort((x, y) => x.row - y.row) };
}

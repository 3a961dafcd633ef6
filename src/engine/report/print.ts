/**
 * Print and screen setup shared by every tab: landscape A4, all columns on one page width (or the whole tab on one
 * page), the table header repeated on every page, and a header/footer with the tab's name, the as-of date and the
 * page number, in the report's language.
 */
import { isoFromDay } from "../day";
import type { ReportContext } from "./model";
import type { PageSetup, SheetSpec } from "./types";

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

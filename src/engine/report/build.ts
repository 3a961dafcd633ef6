import type { Analysis } from "../analysis/types";
import { collectAccountColumns } from "./account-columns";
import { CATALOGUE } from "./catalogue";
import { namesOf } from "./layout";
import { wrapLongNotes, wrapTableHeaders } from "./print";
import type { Catalogue, ReportContext, SourceInfo } from "./model";
import { tableRefs } from "./tables";
import { messages } from "../i18n";
import { reportNote, reportText } from "./language";
import { linkFindings } from "./finding-links";
import type { TextResolver } from "./text";
import type { Report, SheetSpec } from "./types";
import { applyCurrencyFormats } from "./currency-formats";

export interface BuildOptions {
  /** Resolves every catalogued string (headers, tab names, titles); default: the language of `params.lang`. */
  text?: TextResolver;
  /** Told of every string written without a translation (test/report/language.test.ts fails on any). */
  onMissingText?(id: string, english: string): void;
}

/**
 * Step 1 of the build: the context every builder receives — the Accounts columns that apply to this analysis, with
 * their headers resolved, and references to them by key.
 */
export function reportContext(
  a: Analysis,
  source: SourceInfo,
  text: TextResolver = reportText(a.params.lang),
  catalogue: Catalogue = CATALOGUE,
  onMissingText?: (id: string, english: string) => void,
): ReportContext {
  const { columns, refs } = collectAccountColumns(a, catalogue.accountGroups, text);
  return {
    a,
    source,
    catalogue,
    text,
    t: (english, vars) => text(english, english, vars),
    note: reportNote(a.params.lang, onMissingText && ((english) => onMissingText("note", english))),
    m: messages(a.params.lang, a.params.currency),
    accountColumns: columns,
    accounts: refs,
    table: (def) => tableRefs(text, def),
  };
}

/** The host-neutral workbook for an analysis: what the pane and the CLI both write. Step 2: the tabs, in catalogue order. */
export function buildReport(analysis: Analysis, source: SourceInfo, opts: BuildOptions = {}): Report {
  const ctx = reportContext(analysis, source, opts.text ?? reportText(analysis.params.lang, opts.onMissingText), CATALOGUE, opts.onMissingText);
  const sheets: SheetSpec[] = [];
  for (const tab of ctx.catalogue.tabs) {
    const body = tab.build(ctx);
    if (body) sheets.push(wrapTableHeaders(wrapLongNotes({ name: ctx.text(`tab.${tab.role}`, tab.name), role: tab.role, ...body })));
  }
  for (const sheet of sheets) sheet.blocks = sheet.blocks.map((b) => (b.kind === "keyValue" ? { ...b, items: b.items.map((it) => (typeof it.value === "boolean" ? { ...it, value: it.value ? ctx.m.common.yes : ctx.m.common.no } : it)) } : b));
  const names = Object.assign({}, ...sheets.map(namesOf), linkFindings(analysis, sheets));
  return applyCurrencyFormats({ sheets, names, properties: { language: analysis.params.lang } }, analysis.params.currency);
}

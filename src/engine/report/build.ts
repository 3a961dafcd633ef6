import type { Analysis } from "../analysis/types";
import { collectAccountColumns } from "./account-columns";
import { CATALOGUE } from "./catalogue";
import { namesOf } from "./layout";
import type { Catalogue, ReportContext, SourceInfo } from "./model";
import { tableRefs } from "./tables";
import { englishText } from "./text";
import type { TextResolver } from "./text";
import type { Report, SheetSpec } from "./types";
import { applyCurrencyFormats } from "./currency-formats";

export interface BuildOptions {
  /** Resolves every catalogued string (headers, tab names, titles); default English. */
  text?: TextResolver;
}

/**
 * Step 1 of the build: the context every builder receives — the Accounts columns that apply to this analysis, with
 * their headers resolved, and references to them by key.
 */
export function reportContext(a: Analysis, source: SourceInfo, text: TextResolver = englishText, catalogue: Catalogue = CATALOGUE): ReportContext {
  const { columns, refs } = collectAccountColumns(a, catalogue.accountGroups, text);
  return { a, source, catalogue, text, accountColumns: columns, accounts: refs, table: (def) => tableRefs(text, def) };
}

/** The host-neutral workbook for an analysis: what the pane and the CLI both write. Step 2: the tabs, in catalogue order. */
export function buildReport(analysis: Analysis, source: SourceInfo, opts: BuildOptions = {}): Report {
  const ctx = reportContext(analysis, source, opts.text);
  const sheets: SheetSpec[] = [];
  for (const tab of ctx.catalogue.tabs) {
    const body = tab.build(ctx);
    if (body) sheets.push({ name: ctx.text(`tab.${tab.role}`, tab.name), role: tab.role, ...body });
  }
  const names = Object.assign({}, ...sheets.map(namesOf));
  return applyCurrencyFormats({ sheets, names }, analysis.params.currency);
}

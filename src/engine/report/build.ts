import type { Analysis } from "../analysis/types";
import { buildAboutSheet } from "./about";
import type { SourceInfo } from "./about";
import { buildAccountsSheet } from "./accounts";
import { namesOf } from "./layout";
import { buildSummarySheet } from "./summary";
import { buildSegmentsSheet } from "./segments";
import { buildCohortsSheet } from "./cohorts";
import type { Report, SheetSpec } from "./types";
import { buildAgingSheet } from "./credit";
import { buildAlertsSheet } from "./risk";

/**
 * Tabs in workbook order. Each builder returns its sheet, or undefined when its data is missing
 * (e.g. no credit fields: no Aging tab — About says why). Areas insert their tabs here.
 */
export const TAB_BUILDERS: ((a: Analysis, source: SourceInfo) => SheetSpec | undefined)[] = [
  (a, s) => buildSummarySheet(a, s.label),
  (a) => buildAccountsSheet(a),
  (a) => buildSegmentsSheet(a),
  (a) => buildAgingSheet(a),
  (a) => buildCohortsSheet(a),
  (a) => buildAlertsSheet(a),
  (a, s) => buildAboutSheet(a, s),
];

/** The host-neutral workbook for an analysis: what the pane and the CLI both write. */
export function buildReport(analysis: Analysis, source: SourceInfo): Report {
  const sheets = TAB_BUILDERS.map((b) => b(analysis, source)).filter((s): s is SheetSpec => s !== undefined);
  const names = Object.assign({}, ...sheets.map(namesOf));
  return { sheets, names };
}

/**
 * THE place where areas register what they put into the report. Every list is in report order; an area plugs in
 * by declaring its pieces in its own file (areas/<area>.ts, tabs/<tab>.ts) and adding them here — no builder
 * changes. README "Architecture" says how; docs/report.md describes the result.
 */
import { behaviourJson, behaviourSummary, retentionParameters, rfmColumns, segmentRulesPanel, stabilityColumns } from "./areas/behaviour";
import { backtestJson, clvColumns, clvJson, clvSummary, forecastAboutPanel, forecastIntervalColumns, forecastParameters, recencyChurnColumns } from "./areas/clv";
import { LORENZ_CHART, TOP_CUSTOMERS_CHART, concentrationColumns, concentrationJson, concentrationSummary, revenueAtRiskPanel } from "./areas/concentration";
import { creditAboutPanel, creditCollectionJson, creditColumns, creditIfrs9Json, creditJson, creditOpenItemsJson, creditParameters, creditSummary } from "./areas/credit";
import { dependenceJson, dependenceParameters, drillColumns, eclColumns, marginColumns, shiftColumns, stressJson, trendJson } from "./areas/dependence";
import { currenciesJson, generalParameters, identityColumns, ledgerJson, ledgerSummary, warningsJson } from "./areas/ledger";
import { findingsJson } from "./areas/findings";
import { riskColumns, riskJson, riskParameters, riskSummary } from "./areas/risk";
import type { AccountColumnDef, AccountGroupDef, Catalogue, ChartDef, JsonSection, PanelSource, ParameterSource, SummaryGroupSource, TabDef } from "./model";
import { aboutTab } from "./tabs/about";
import { accountsTab } from "./tabs/accounts";
import { agingTab, COLLECTION_CHART } from "./tabs/aging";
import { alertsTab } from "./tabs/alerts";
import { cohortsTab } from "./tabs/cohorts";
import { drillTab, rowsTab } from "./tabs/drill";
import { groupsTab } from "./tabs/groups";
import { stressTab } from "./tabs/stress";
import { CR_TREND_CHART, HHI_TREND_CHART, trendsTab } from "./tabs/trends";
import { CONDITIONAL_CHART, TRACKING_CHART, forecastTab } from "./tabs/forecast";
import { SEGMENTS_CHART, segmentsTab } from "./tabs/segments";
import { summaryTab } from "./tabs/summary";
import type { SheetRole } from "./types";

/** Tabs in workbook order. A tab whose data is missing builds nothing (e.g. no credit fields: no KA Aging). */
export const TABS: readonly TabDef[] = [summaryTab, accountsTab, segmentsTab, agingTab, cohortsTab, forecastTab, trendsTab, stressTab, groupsTab, alertsTab, drillTab, rowsTab, aboutTab];

/** Column groups of KA Accounts (and keys of the `--accounts` JSON), left to right. */
export const ACCOUNT_GROUPS = [identityColumns, concentrationColumns, rfmColumns, stabilityColumns, clvColumns, forecastIntervalColumns, recencyChurnColumns, creditColumns, riskColumns, shiftColumns, marginColumns, eclColumns, drillColumns] as const satisfies readonly AccountGroupDef[];

/** Every area's figures with their formulas, top to bottom: KA About's "Figures in detail" (KA Summary shows the key findings and a few headline figures). */
export const SUMMARY_GROUPS: readonly SummaryGroupSource[] = [ledgerSummary, concentrationSummary, behaviourSummary, clvSummary, creditSummary, riskSummary];

/** Tables and charts that go with the detailed figures on KA About (the Summary draws the top-customer chart itself). */
export const SUMMARY_PANELS: readonly PanelSource[] = [revenueAtRiskPanel];

/** Parameters on KA About (named cells), top to bottom. */
export const PARAMETERS: readonly ParameterSource[] = [generalParameters, retentionParameters, forecastParameters, creditParameters, riskParameters, dependenceParameters];

/** Blocks on KA About after the notes (rule tables, how loss rates were found). */
export const ABOUT_PANELS: readonly PanelSource[] = [segmentRulesPanel, forecastAboutPanel, creditAboutPanel];

/** Every native chart the report can draw (ids are the text ids of their titles). */
export const CHARTS: readonly ChartDef[] = [TOP_CUSTOMERS_CHART, LORENZ_CHART, SEGMENTS_CHART, COLLECTION_CHART, HHI_TREND_CHART, CR_TREND_CHART, TRACKING_CHART, CONDITIONAL_CHART];

/** Parts of the JSON summary in key order (docs/json.md). */
export const JSON_SECTIONS: readonly JsonSection[] = [...ledgerJson, concentrationJson, trendJson, ...behaviourJson, clvJson, backtestJson, creditJson, creditIfrs9Json, creditCollectionJson, creditOpenItemsJson, riskJson, stressJson, dependenceJson, currenciesJson, warningsJson, findingsJson];

export const CATALOGUE: Catalogue = {
  tabs: TABS,
  accountGroups: ACCOUNT_GROUPS,
  summaryGroups: SUMMARY_GROUPS,
  summaryPanels: SUMMARY_PANELS,
  parameters: PARAMETERS,
  aboutPanels: ABOUT_PANELS,
  charts: CHARTS,
  json: JSON_SECTIONS,
};

/** Every Accounts column by key with its group, built once (the pane's column list, lookups in tests). */
export const ACCOUNT_COLUMNS: ReadonlyMap<string, { def: AccountColumnDef; group: AccountGroupDef }> = new Map(
  ACCOUNT_GROUPS.flatMap((group) => group.columns.map((def) => [def.key, { def, group }] as const)),
);

/** English tab name by role (a writer finds its earlier tabs by these when the new report has no such tab). */
export const TAB_NAMES: Readonly<Partial<Record<SheetRole, string>>> = Object.fromEntries(TABS.map((t) => [t.role, t.name]));

/** The report: a host-neutral description of the tabs, and the JSON summary. */
export * from "./types";
export { buildReport, TAB_BUILDERS } from "./build";
export type { SourceInfo } from "./about";
export { PARAMETER_ITEMS, ABOUT_PANELS } from "./about";
export { summaryJson, accountsJson, JSON_SECTIONS } from "./json";
export { ACCOUNT_COLUMN_GROUPS, ACCOUNTS_TABLE, TOTAL_POSITIVE, accountColumns, accountOrder } from "./accounts";
export type { AccountColumn, AccountColumnGroup } from "./accounts";
export { SUMMARY_GROUPS, SUMMARY_PANELS, crFormula } from "./summary";
export type { SummaryGroup, KeyValueItem } from "./summary";
export { column, thisRow, str, num, columnLetters, absoluteA1 } from "./refs";

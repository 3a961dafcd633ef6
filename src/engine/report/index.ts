/** The report: a host-neutral description of the tabs, and the JSON summary. */
export * from "./types";
export { buildReport, reportContext } from "./build";
export type { BuildOptions } from "./build";
export { CATALOGUE, TABS, ACCOUNT_GROUPS, ACCOUNT_COLUMNS, SUMMARY_GROUPS, SUMMARY_PANELS, PARAMETERS, ABOUT_PANELS, CHARTS, JSON_SECTIONS, TAB_NAMES } from "./catalogue";
export type * from "./model";
export { summaryJson, accountsJson, accountsJsonChunks } from "./json";
export type { SummaryJson, AccountJson } from "./json";
export type { Summary } from "./summary-schema";
export { jsonSection, jsonSubsection } from "./model";
export { ACCOUNTS_TABLE, accountOrder } from "./account-columns";
export { accountGroupSpans } from "./tabs/accounts";
export { crFormula, totalPositive } from "./areas/concentration";
export { englishText, fillVars } from "./text";
export { reportText } from "./language";
export type { TextResolver, TextVars } from "./text";
export { column, thisRow, str, num, columnLetters, absoluteA1 } from "./refs";
export { EXCEL_MAX_DATA_ROWS } from "./tabs/drill";

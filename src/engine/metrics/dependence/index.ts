/**
 * Dependence over time and by group: the concentration trend per month or quarter, share shifts with the "rising
 * dependence" alert, "what if we lose them" stress tests, and concentration within regions, reps, product lines,
 * channels or entities. Inputs are the ledger's columns and per-customer arrays; nothing here reads a workbook.
 */
export { concentrationTrend } from "./trend";
export type { ConcentrationTrend, TrendNote, TrendOptions, TrendRow, TrendRows } from "./trend";
export { monthsOfPeriod, periodLabel, periodOfMonth, monthsPerPeriod } from "./periods";
export type { TrendBasis, TrendPeriod } from "./periods";
export { shareShifts } from "./shifts";
export type { RisingDependence, ShareShiftOptions, ShareShifts } from "./shifts";
export { eclByCustomer, loseCustomers, marginByCustomer, stressTests } from "./stress";
export type { StressInputs, StressOptions, StressResult, StressTests } from "./stress";
export { dependenceByGroup } from "./groups";
export type { GroupDependence, GroupDependenceOptions } from "./groups";
export { detectGroupColumns, groupKindOfHeader, GROUP_KINDS } from "../../ledger/group-columns";
export type { GroupColumnFound } from "../../ledger/group-columns";
export type { GroupKind, LedgerGroupColumn } from "../../ledger/types";
export { loseTopK, trendOfTransactions } from "./lists";
export { analysedLedger, rowsOfCustomer } from "./rows";
export type { AnalysedLedgerOf, CustomerRows } from "./rows";
export type { TransactionList } from "./lists";

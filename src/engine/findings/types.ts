/** What a key finding is (src/engine/findings): kept apart from the rules so the analysis types can name it without a cycle. */

export type FindingCode =
  | "noPositiveRevenue"
  | "majorCustomers"
  | "concentration"
  | "alerts"
  | "receivablesOverdue"
  | "expectedLoss"
  | "revenueAtRisk"
  | "pareto"
  | "nonPositiveCustomers"
  | "rowsExcluded";

/** How the finding's number is shown: a fraction as a percentage, money in the report currency, a count, an index. */
export type FindingUnit = "percent" | "money" | "count" | "index";

/** Where the rows behind a finding are: a tab (by sheet role) and, on it, which records. */
export interface FindingLink {
  tab: "accounts" | "aging" | "alerts" | "about";
  /** Customer codes: their rows of the Accounts table. */
  customers?: number[];
  /** Indexes into `analysis.risk.alerts`: rows of the KA Alerts table, in its order. */
  alerts?: number[];
}

export interface Finding {
  code: FindingCode;
  /** The sentence(s), in the report's language. */
  text: string;
  value: number;
  unit: FindingUnit;
  link: FindingLink;
}

/**
 * The JSON summary's contract (CLI `--json`, the pane's Results page), described once: these zod schemas give the
 * TypeScript types the builders must return, validate output in the tests, and are published as JSON Schema in
 * docs/summary.schema.json (`npm run schema`; a test keeps it current). Keys are stable: areas add keys, existing keys
 * never change meaning. docs/json.md explains each key for a user.
 *
 * Adding a section (any area): describe it here — a top-level key in `SummarySchema`, or an optional key inside an
 * existing section (`concentration.trend`, `credit.ifrs9`) — then register its builder in catalogue.ts `JSON_SECTIONS`
 * with `jsonSection(key, …)` or `jsonSubsection(key, sub, …)`, which only compile when the builder returns this shape.
 * Per-customer keys (`accounts`) come from the Accounts column catalogue instead (json-schema.ts).
 */
import { z } from "zod";
import type { HhiBand } from "../metrics/concentration/hhi";
import type { AlertReason } from "../metrics/risk";
import type { FindingCode, FindingLink, FindingUnit } from "../findings/types";

/** A number the JSON writes; a value that is not finite (undefined, no data) is null instead, never NaN. */
const num = z.number();
const int = z.number().int();
const count = z.number().int().min(0);
const fraction = z.number();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("a calendar date, yyyy-mm-dd");

export const RowsSchema = z
  .strictObject({
    read: count.describe("data rows read from the ledger"),
    used: count.describe("rows analysed"),
    excluded: count.describe("rows left out; used + excluded = read"),
    reasons: z.record(z.string(), count).describe("excluded rows per reason (e.g. 'date is blank'); only reasons that occurred"),
  })
  .describe("row accounting: every ledger row is used or excluded with one reason");

const HHI_BANDS = ["unconcentrated", "moderately concentrated", "highly concentrated"] as const satisfies readonly HhiBand[];

const TrendNoteSchema = z.discriminatedUnion("code", [
  z.strictObject({ code: z.literal("noPositiveRevenue") }),
  z.strictObject({ code: z.literal("partialStart"), from: isoDate.describe("the ledger's first row falls inside the period") }),
  z.strictObject({ code: z.literal("partialEnd"), through: isoDate.describe("the period ends early, at the as-of date") }),
]);

export const TrendPeriodSchema = z
  .strictObject({
    period: z.string().describe("2024-Q1 or 2024-03; on a rolling basis the period whose end closes the 12-month window"),
    start: isoDate.describe("first day measured"),
    end: isoDate.describe("last calendar day of the period (see notes for an early end)"),
    revenue: num.describe("net revenue of every row in the period"),
    customers: count.describe("customers with a row in the period"),
    positiveCustomers: count.describe("customers with positive net revenue in the period (the ones with a share)"),
    hhi: num.min(0).max(10000).nullable().describe("HHI of the period; null when no customer is positive"),
    band: z.enum(["unconcentrated", "moderately concentrated", "highly concentrated"]).nullable(),
    cr1: fraction.nullable(),
    cr5: fraction.nullable(),
    cr10: fraction.nullable(),
    effectiveCustomers: num.nullable(),
    gini: fraction.nullable(),
    top10: z.array(z.string()).describe("the 10 largest customers of the period, largest first"),
    entered: z.array(z.string()).nullable().describe("customers new in the top 10 against the period before (null on the first)"),
    left: z.array(z.string()).nullable().describe("customers who left the top 10"),
    moved: z.array(z.strictObject({ customer: z.string(), from: int, to: int })).nullable().describe("rank changes inside the top 10"),
    notes: z.array(TrendNoteSchema),
  })
  .describe("concentration of one period");

export const ConcentrationSchema = z
  .strictObject({
    hhi: num.min(0).max(10000).describe("Herfindahl–Hirschman index, 0–10 000"),
    band: z.enum(HHI_BANDS).describe("HHI band by the chosen yardsticks (2023: 1000/1800)"),
    cr1: fraction.describe("revenue share of the largest customer"),
    cr5: fraction.describe("revenue share of the 5 largest"),
    cr10: fraction.describe("revenue share of the 10 largest"),
    gini: fraction.describe("Gini coefficient across customers with positive revenue"),
    effectiveCustomers: num.describe("10 000 / HHI"),
    pareto: z.strictObject({
      threshold: fraction.describe("cumulative share to reach (default 0.8)"),
      customers: count.describe("fewest customers, largest first, whose share reaches the threshold"),
      fraction: fraction.describe("… as a share of customers with positive revenue"),
    }),
    positiveCustomers: count.describe("customers with net revenue > 0 (the only ones with a share)"),
    nonPositiveCustomers: count.describe("customers with net revenue ≤ 0"),
    abc: z.strictObject({ A: count, B: count, C: count }).describe("customers per ABC class"),
    trend: z.array(TrendPeriodSchema).optional().describe("concentration per month or quarter (dependence.trendPeriod), oldest first"),
  })
  .describe("concentration of net revenue; null when no customer has positive net revenue");

export const RfmSchema = z
  .strictObject({
    bins: int.min(2).max(10),
    segments: z.record(z.string(), count).describe("customers per segment name, every segment listed (zeros included)"),
    unsegmented: count.describe("customers without a purchase: no RFM score or segment"),
  })
  .describe("RFM segmentation");

export const RetentionSchema = z
  .strictObject({
    period: z.enum(["month", "quarter", "year"]),
    rate: fraction.nullable().describe("customers who bought in both periods ÷ customers of the earlier period"),
    churn: fraction.nullable().describe("1 − rate"),
    nrr: num.nullable().describe("net revenue retention: this period's revenue of last period's buyers ÷ their revenue then"),
    from: z.string().nullable().describe("the earlier period (e.g. 2024-11, 2024-Q3, 2024)"),
    to: z.string().nullable().describe("the last complete period"),
  })
  .describe("retention into the last complete period");

const se = (keys: readonly string[]) =>
  z
    .strictObject(Object.fromEntries(keys.map((k) => [k, num.nullable()])))
    .describe("standard errors from the observed information; null where the fit gives none (not converged)");

export const ClvSchema = z
  .strictObject({
    unit: z.enum(["day", "week", "month"]).describe("time unit of the model parameters"),
    bgnbd: z
      .strictObject({ r: num, alpha: num, a: num, b: num, logLikelihood: num, converged: z.boolean(), se: se(["r", "alpha", "a", "b"]) })
      .nullable()
      .describe("BG/NBD fit (Fader, Hardie & Lee 2005); null when not fitted"),
    paretoNbd: z
      .strictObject({ r: num, alpha: num, s: num, beta: num, logLikelihood: num, converged: z.boolean(), se: se(["r", "alpha", "s", "beta"]) })
      .nullable()
      .describe("Pareto/NBD fit (Schmittlein, Morrison & Colombo 1987); null when not fitted"),
    nbd: z
      .strictObject({ r: num, alpha: num, logLikelihood: num, converged: z.boolean(), se: se(["r", "alpha"]) })
      .nullable()
      .describe("NBD fit (no dropout), only when the forecasts use the NBD limit; else null"),
    gammaGamma: z
      .strictObject({ p: num, q: num, v: num, converged: z.boolean(), correlation: num.nullable().describe("frequency–spend correlation (the model assumes none)"), se: se(["p", "q", "v"]) })
      .nullable()
      .describe("Gamma-Gamma spend fit; null when not fitted or unusable"),
    model: z
      .strictObject({
        name: z.enum(["bgnbd", "paretonbd", "nbd"]).nullable().describe("the model behind P(alive), expected purchases and CLV; null when none could be fitted"),
        criterion: z.enum(["forced", "holdout", "bic", "only", "noDropout"]).describe("why: the user's choice, lower hold-out error, lower BIC, the only usable model, or no dropout identified (NBD limit)"),
        reason: z.string().describe("the reason as a sentence, in the report's language"),
        pAliveEstimated: z.boolean().describe("false under the NBD limit: P(alive) = 1 is then an assumption, and churn alerts use recency"),
      })
      .describe("which repeat-purchase model the forecasts use, and why"),
    intervals: z
      .strictObject({ level: fraction, draws: count.describe("parameter sets drawn (0: no intervals)"), seed: int })
      .describe("the per-customer … low / … high intervals: percentiles over parameter draws from the fitted sampling distribution"),
    predicted12m: num.nullable().describe("Σ predicted CLV over the horizon (discounted); null when the models give none"),
  })
  .describe("probabilistic customer lifetime value models");

const MovementSchema = z
  .strictObject({
    from: isoDate.describe("opening date (--compare-as-of)"),
    to: isoDate.describe("closing date (the as-of date)"),
    opening: num.describe("loss allowance at the opening date"),
    newReceivables: num.describe("closing allowance of items dated after the opening date"),
    collected: num.describe("opening allowance released on amounts paid or credited (≤ 0 as a rule)"),
    writeOffs: num.describe("gross amounts written off in the period (≤ 0)"),
    remeasurement: num.describe("the rest: ageing, changed rates, the top-up of written-off items"),
    closing: num.describe("loss allowance at the closing date; opening + the lines above = closing"),
  })
  .describe("loss-allowance movement (IFRS 7 §35H); null without --compare-as-of");

export const Ifrs9Schema = z
  .strictObject({
    overlay: num.describe("forward-looking factor on every loss rate"),
    bucketMultipliers: z.record(z.string(), num).describe("loss-rate multiplier per aging bucket"),
    scenarios: z
      .array(z.strictObject({ name: z.string(), weight: fraction, multiplier: num, ecl: num.describe("the allowance in this scenario alone") }))
      .describe("probability-weighted scenarios; weights sum to 1"),
    writeOffDays: num.nullable().describe("items owed more than this many days past due are written off; null: never"),
    disclosure: z
      .strictObject({
        buckets: z
          .array(z.strictObject({ bucket: z.string(), gross: num.describe("gross carrying amount"), lossRate: fraction.describe("expected loss rate (scenario-weighted)"), allowance: num }))
          .describe("per aging bucket, IFRS 7 §35N"),
        gross: num.describe("gross carrying amount: owed, without credit balances and written-off items"),
        allowance: num.describe("loss allowance (= ecl)"),
        lossRate: fraction.nullable().describe("allowance ÷ gross carrying amount"),
        creditBalances: num.describe("customers' credit balances (≤ 0): liabilities, not receivables"),
        writtenOff: num.describe("owed but written off (not in the gross carrying amount)"),
      })
      .describe("the provision-matrix disclosure"),
    movement: MovementSchema.nullable(),
  })
  .describe("IFRS 9 simplified approach: adjusted loss rates, disclosure, allowance movement");

const PeriodKpisSchema = {
  cei: fraction.nullable().describe("collection effectiveness index (B + S − E) ÷ (B + S − C)"),
  dso: num.nullable().describe("E ÷ S × days"),
  bestPossibleDso: num.nullable().describe("C ÷ S × days"),
  add: num.nullable().describe("average days delinquent: DSO − best-possible DSO"),
};

export const CollectionSchema = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    ...PeriodKpisSchema,
    dsoTrend: num.nullable().describe("least-squares slope of monthly DSO over the last 12 months, days per month"),
    monthly: z
      .array(
        z.strictObject({
          month: z.string().regex(/^\d{4}-\d{2}$/),
          begin: num.describe("receivables at the start (B)"),
          sales: num.describe("net sales (S)"),
          end: num.describe("receivables at the end (E)"),
          current: num.describe("of E, not yet due (C)"),
          ...PeriodKpisSchema,
        }),
      )
      .describe("calendar months from the first invoice to the as-of month"),
  })
  .describe("collection KPIs over the 365 days to as-of and by month; null without paid dates");

const perModel = <T extends z.ZodType>(t: T) => z.strictObject({ bgnbd: t, paretoNbd: t, nbd: t });

export const BacktestSchema = z
  .strictObject({
    calibrationEnd: isoDate.describe("last day of the calibration period (the models are fitted up to it)"),
    holdoutEnd: isoDate.describe("last day of the hold-out period (the as-of date)"),
    unit: z.enum(["day", "week", "month"]).describe("time unit of the models"),
    period: z.enum(["week", "month"]).describe("tracking period"),
    customers: count.describe("customers with a purchase in the calibration period (the backtest's customers)"),
    actual: count.describe("their purchases (days with a positive net amount) in the hold-out"),
    models: perModel(
      z
        .strictObject({
          predicted: num.describe("Σ predicted hold-out purchases"),
          actual: count,
          errorPct: num.nullable().describe("(predicted − actual) ÷ actual × 100; null when there were no hold-out purchases"),
          mae: num.describe("mean absolute error per customer, in purchases"),
          converged: z.boolean(),
        })
        .nullable(),
    ).describe("per model; null when it could not be fitted on the calibration period"),
    tracking: z
      .array(z.strictObject({ periodEnd: isoDate, actual: count, bgnbd: num.nullable(), paretoNbd: num.nullable(), nbd: num.nullable() }))
      .describe("cumulative hold-out purchases at the end of each period, actual and predicted"),
    conditional: z
      .array(z.strictObject({ frequency: z.string().describe("calibration repeat purchases: 0 … 6, 7+"), customers: count, actual: num.nullable(), bgnbd: num.nullable(), paretoNbd: num.nullable(), nbd: num.nullable() }))
      .describe("mean hold-out purchases by calibration frequency, actual and predicted (Fader, Hardie & Lee 2005, Figure 4)"),
    segments: z
      .array(z.strictObject({ segment: z.string(), customers: count, actual: num, bgnbd: num.nullable(), paretoNbd: num.nullable(), nbd: num.nullable() }))
      .describe("mean absolute error per customer by RFM segment at the calibration end"),
  })
  .describe("calibration / hold-out test of the forecasts; null when none ran");

export const CreditSchema = z
  .strictObject({
    receivables: num.describe("open balance at the as-of date"),
    overdue: num.describe("open amounts past their due date"),
    dso: num.nullable().describe("days sales outstanding over 365 days"),
    ecl: num.describe("expected credit loss by the provision matrix"),
    aging: z.record(z.string(), num).describe("open balance per aging bucket label (Current, 1–30, …)"),
    dso90: num.nullable().describe("DSO over 90 days"),
    avgDaysLate: num.nullable().describe("amount-weighted days late: paid amounts at their payment date, owed amounts at their days past due so far; null without paid dates"),
    lateShare: fraction.nullable().describe("share of that money (paid or still owed) that was or is late"),
    lossRateMethod: z.enum(["given", "rollRate"]).describe("where the loss rates came from"),
    lossRates: z.record(z.string(), fraction).describe("loss rate per aging bucket"),
    ifrs9: Ifrs9Schema.optional(),
    collection: CollectionSchema.nullable().optional(),
    openItems: z.strictObject({ count: count.describe("open items on KA Aging (invoices still owed, customers' credit balances)"), total: num.describe("what they add up to: the receivables") }).optional(),
  })
  .describe("receivables and credit risk; null without credit columns (due date and a payment column)");

const ALERT_REASON_KEYS = ["seriousOverdue", "churnRisk", "revenueDecline", "highUtilisation", "contractEnd", "risingDependence", "majorCustomer"] as const satisfies readonly AlertReason[];

export const AlertsSchema = z
  .strictObject(Object.fromEntries(ALERT_REASON_KEYS.map((r) => [r, count])) as Record<AlertReason, typeof count>)
  .describe("alerts per reason, every reason listed (zeros included)");

export const CurrencySchema = z.strictObject({ currency: z.string(), revenue: num });

export const WarningSchema = z.strictObject({
  code: z.string().describe("stable code (e.g. noPositiveRevenue, bgnbdNotConverged)"),
  message: z.string().describe("what happened and what it means for the numbers"),
});

const FINDING_CODES = [
  "noPositiveRevenue",
  "majorCustomers",
  "concentration",
  "alerts",
  "receivablesOverdue",
  "expectedLoss",
  "revenueAtRisk",
  "pareto",
  "nonPositiveCustomers",
  "rowsExcluded",
] as const satisfies readonly FindingCode[];

export const FindingSchema = z.strictObject({
  code: z.enum(FINDING_CODES).describe("which rule found it"),
  text: z.string().describe("the finding as a sentence, in the report's language"),
  value: num.describe("its number"),
  unit: z.enum(["percent", "money", "count", "index"] as const satisfies readonly FindingUnit[]).describe("how to read the number: percent is a fraction (0.35 = 35 %)"),
  tab: z.enum(["accounts", "aging", "alerts", "about"] as const satisfies readonly FindingLink["tab"][]).describe("the tab (by role) with the rows behind it"),
});

const StressResultShape = {
  revenueLost: num.describe("positive net revenue of the customers lost"),
  shareLost: fraction.nullable().describe("revenueLost ÷ total positive revenue (for the top k: CRk)"),
  marginLost: num.nullable().describe("their gross margin (revenue − cost); null without a cost column"),
  receivablesExposed: num.nullable().describe("their open receivables (credit balances count 0); null without credit columns"),
  eclExposed: num.nullable().describe("their expected credit loss; null without credit columns"),
  remainingHhi: num.nullable().describe("HHI of the customers who remain; null when none remains"),
};

export const StressSchema = z
  .strictObject({
    totalPositive: num.describe("total positive net revenue: the base of every share"),
    topK: z.array(z.strictObject({ k: count, ...StressResultShape })).describe("lose the k largest customers, k = 1, 2, 3, 5, 10"),
    customers: z
      .array(z.strictObject({ customer: z.string(), picked: z.boolean().describe("named by the user"), ...StressResultShape }))
      .describe("lose one customer: each with at least the stress share (default 5 %), then the ones named"),
  })
  .describe("what losing customers costs");

export const DependenceSchema = z
  .strictObject({
    trendPeriod: z.enum(["month", "quarter"]),
    trendBasis: z.enum(["period", "rolling12"]),
    shareShifts: z.strictObject({
      from: isoDate.describe("first day of the earlier 12 months"),
      split: isoDate.describe("last day of the earlier 12 months"),
      to: isoDate.describe("last day of the last 12 months (the as-of date)"),
      covered: z.boolean().describe("the ledger reaches back to the earlier 12 months' first month; else no changes or alerts"),
      threshold: fraction.describe("a share rise of at least this (0.05 = 5 pp) is rising dependence"),
      rising: z
        .array(
          z.strictObject({
            customer: z.string(),
            shareThen: fraction.nullable(),
            shareNow: fraction.nullable(),
            changePp: num.describe("change of share in percentage points"),
            rise: z.boolean().describe("rose by the threshold or more"),
            crossed: z.boolean().describe("crossed the 10 % disclosure line from below"),
          }),
        )
        .describe("customers with rising dependence, largest rise first"),
    }),
    groups: z
      .array(
        z.strictObject({
          header: z.string().describe("the grouping column"),
          kind: z.enum(["region", "salesRep", "productLine", "channel", "entity", "other"]),
          groups: z.array(
            z.strictObject({
              group: z.string().describe("the value (\"\" for blank cells)"),
              revenue: num,
              revenueShare: fraction.nullable().describe("of the ledger's net revenue"),
              customers: count,
              positiveCustomers: count,
              hhi: num.nullable(),
              band: z.enum(["unconcentrated", "moderately concentrated", "highly concentrated"]).nullable(),
              topCustomer: z.string().nullable(),
              topShare: fraction.nullable().describe("the largest customer's share of the group's positive revenue"),
              overdue: num.nullable().describe("overdue open amounts of the group's rows; null without credit columns"),
              oneCustomer: z.boolean().describe("the group hangs on one customer"),
            }),
          ),
        }),
      )
      .describe("dependence within each grouping column (region, sales rep, …)"),
  })
  .describe("dependence over time and by group");

/** The summary without `accounts` (which `--accounts` adds; json-schema.ts). Key order is output order. */
export const SummarySchema = z.strictObject({
  asOf: isoDate.describe("analysis date"),
  rows: RowsSchema,
  customers: count.describe("customers with at least one used row"),
  revenue: num.describe("net revenue of all used rows (credit notes deducted)"),
  concentration: ConcentrationSchema.nullable(),
  rfm: RfmSchema.nullable(),
  retention: RetentionSchema.nullable(),
  clv: ClvSchema.nullable(),
  backtest: BacktestSchema.nullable(),
  credit: CreditSchema.nullable(),
  alerts: AlertsSchema.nullable(),
  stress: StressSchema.nullable(),
  dependence: DependenceSchema.nullable(),
  currencies: z.array(CurrencySchema).optional().describe("net revenue per currency, only when the ledger holds several"),
  warnings: z.array(WarningSchema),
  findings: z.array(FindingSchema).max(10).describe("at most ten key findings, most important first"),
});

export type Summary = z.infer<typeof SummarySchema>;

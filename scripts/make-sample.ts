/**
 * Generates the bundled sample ledger `assets/sample-ledger.csv`: three years of invoices of a fictional
 * B2B supplier (about 300 customers, about 26,000 rows, CNY), with the features the report must find —
 * dominant key accounts, seasonality, growth/decline/churn, credit notes, late and unpaid invoices,
 * credit limits, contract ends — and a few documented dirty rows. `assets/README-sample.md` describes it.
 *
 * Deterministic: one seeded PRNG (mulberry32) drives every draw, so `generateSample(SAMPLE_SEED)` returns
 * the committed file byte for byte (test/sample checks it). Only IEEE-exact arithmetic, `Math.sqrt`,
 * `Math.log` and `Math.exp` touch the draws (V8's fdlibm ports, the same on every platform); never
 * `Math.random` or the clock.
 *
 * Run: `npm run sample` (writes assets/sample-ledger.csv); `--seed N --out FILE` for experiments.
 */
import * as fs from "fs";
import * as path from "path";
import { dayFromYmd, isoFromDay, type Day } from "../src/engine/day";

/** The seed of the committed file. */
export const SAMPLE_SEED = 20251231;
/** As-of date of the sample: the last invoice is on this day and nothing is dated after it. */
export const SAMPLE_AS_OF = "2025-12-31";
/** First day of the three-year window. */
export const SAMPLE_START = "2023-01-01";

export const SAMPLE_HEADER = [
  "Invoice No", "Invoice Date", "Customer", "Region", "Sales Rep", "Amount",
  "Currency", "Due Date", "Paid Date", "Paid Amount", "Credit Limit", "Contract End",
] as const;

/**
 * Dirty rows, by sheet row number (the header is row 1, so row n is the CSV's n-th line). Each is
 * inserted at exactly that row; assets/README-sample.md lists the same numbers.
 */
export const DIRTY_ROWS: readonly { row: number; defect: DirtyDefect }[] = [
  { row: 138, defect: "blankCustomer" },
  { row: 3_141, defect: "amountText:n/a" },
  { row: 7_777, defect: "amountError:#N/A" },
  { row: 9_180, defect: "badDate:31/02/2024" },
  { row: 12_345, defect: "formulaCustomer" },
  { row: 18_402, defect: "blankCustomer" },
  { row: 23_760, defect: "amountText:TBD" },
  { row: 25_315, defect: "amountError:#N/A" },
];
export type DirtyDefect =
  | "blankCustomer"
  | "amountText:n/a"
  | "amountText:TBD"
  | "amountError:#N/A"
  | "badDate:31/02/2024"
  | "formulaCustomer";
/** The customer name of the formula-injection row: a valid row whose name must be written as text. */
export const FORMULA_CUSTOMER = '=HYPERLINK("http://example.com","click")';

// ---------------------------------------------------------------------------------------------------
// Random numbers

/** mulberry32 (Tommy Ettinger's 32-bit generator): uniform in [0, 1), period 2^32, seeded. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Standard normal by Marsaglia's polar method (needs only log and sqrt). */
  normal(): number {
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }
  /** Lognormal with mean 1 and log-sd `sigma`. */
  lognormalMean1(sigma: number): number {
    return Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }
  /** Poisson count by Knuth's multiplication method (fine for the small rates used here). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

// ---------------------------------------------------------------------------------------------------
// Calendar: working days (Mon–Fri outside the Spring Festival and National Day holidays), seasonality.

const START: Day = dayFromYmd(2023, 1, 1);
const AS_OF: Day = dayFromYmd(2025, 12, 31);
const MID: Day = (START + AS_OF) / 2;

/** Spring Festival holidays (first and last day off) of the three years. */
const SPRING_FESTIVAL: readonly [Day, Day][] = [
  [dayFromYmd(2023, 1, 21), dayFromYmd(2023, 1, 27)],
  [dayFromYmd(2024, 2, 10), dayFromYmd(2024, 2, 17)],
  [dayFromYmd(2025, 1, 28), dayFromYmd(2025, 2, 4)],
];
/** Relative monthly demand (Jan..Dec): a year-end (Q4) peak, quiet summer. */
const MONTH_FACTOR = [0.95, 0.85, 1.0, 1.0, 0.95, 1.0, 0.9, 0.9, 1.05, 1.05, 1.25, 1.35];

function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
}

function monthDay(day: Day): { y: number; m: number; d: number } {
  const t = new Date(day * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function isWorkingDay(day: Day): boolean {
  const w = weekday(day);
  if (w === 0 || w === 6) return false;
  const { m, d } = monthDay(day);
  if (m === 10 && d <= 7) return false; // National Day week
  return !SPRING_FESTIVAL.some(([a, b]) => day >= a && day <= b);
}

/** Demand factor of a working day: month factor × Spring Festival dip (slow run-up, slow restart). */
function seasonFactor(day: Day): number {
  const { m, d } = monthDay(day);
  let f = MONTH_FACTOR[m - 1];
  for (const [a, b] of SPRING_FESTIVAL) {
    if (day >= a - 10 && day < a) f *= 0.7;
    else if (day > b && day <= b + 14) f *= 0.45;
  }
  if (m === 10 && d > 7 && d <= 14) f *= 0.8; // restart after National Day
  return f;
}

const WORKING_DAYS: Day[] = [];
for (let t = START; t <= AS_OF; t++) if (isWorkingDay(t)) WORKING_DAYS.push(t);
const SEASON: Float64Array = Float64Array.from(WORKING_DAYS, seasonFactor);

function nextWorkingDay(day: Day): Day {
  let t = day;
  while (!isWorkingDay(t)) t++;
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Customers

type Region = "East" | "North" | "South" | "West";
const REGIONS: readonly Region[] = ["East", "North", "South", "West"];
const REGION_WEIGHT = [0.4, 0.25, 0.25, 0.1];
const REPS: Record<Region, readonly string[]> = {
  East: ["Zhang Wei", "Li Na"],
  North: ["Wang Bo", "Liu Yang"],
  South: ["Chen Jie", "Xu Lei"],
  West: ["Zhao Min", "Sun Hao"],
};
const CITIES: Record<Region, readonly string[]> = {
  East: ["上海", "苏州", "杭州", "宁波", "南京", "无锡", "常州", "嘉兴"],
  North: ["北京", "天津", "青岛", "济南", "大连", "唐山"],
  South: ["深圳", "广州", "东莞", "佛山", "厦门", "珠海"],
  West: ["成都", "重庆", "西安", "昆明"],
};
const ZH_BRANDS = ["金泰", "永安", "华瑞", "鑫源", "天成", "嘉诚", "盛达", "远航", "博雅", "精诚", "海纳", "新锐", "宝鼎", "凯达", "联创", "佳和", "泰和", "明阳", "启航", "德润", "中科"];
const ZH_TRADES = ["机电", "电子", "精密", "塑胶", "包装", "五金", "化工", "汽配", "电气", "光电", "物流", "材料"];
const ZH_FORMS = ["有限公司", "有限公司", "有限公司", "有限公司", "科技有限公司"];
const EN_FIRST = ["Apex", "Bluewater", "Crestline", "Dynamo", "Evergreen", "Granite", "Harbor", "Ironwood", "Juniper", "Keystone", "Lakeside", "Oakridge", "Pinnacle", "Quantum", "Redwood", "Summit", "Titan", "Vanguard", "Westbrook", "Zenith", "Silverline", "Brightway", "Coastal", "Horizon", "Nova", "Polaris", "Sterling", "Kestrel"];
const EN_TRADES = ["Parts", "Electric", "Precision", "Plastics", "Packaging", "Logistics", "Motors", "Controls", "Materials", "Devices", "Systems", "Tooling", "Metals", "Optics"];
const EN_FORMS = ["Ltd", "Ltd", "Co., Ltd.", "Inc.", "Corp.", "GmbH", "LLC"];

type PayKind = "onTime" | "late" | "veryLate";

interface Customer {
  name: string;
  region: Region;
  rep: string;
  /** Payment terms, days from invoice to due date. */
  terms: number;
  /** First and last day the customer may be invoiced. */
  first: Day;
  last: Day;
  /** Joined inside the window (ramps up over its first 90 days). */
  newcomer: boolean;
  /** Stopped buying before as-of (fades over its last 120 days). */
  churned: boolean;
  /** Log growth of demand per year. */
  growth: number;
  /** Revenue per year at full demand, CNY; for the fixed accounts set from their target share. */
  annual: number;
  /** Target share of expected revenue (key and large accounts only). */
  targetShare?: number;
  /** Log-sd of invoice amounts around their expected value. */
  amountSigma: number;
  pay: PayKind;
  /** Mean days paid after the due date (late payers). */
  meanLate: number;
  /** From this day on the customer mostly stops paying. */
  troubleFrom?: Day;
  contractEnd?: Day;
  creditLimit: number;
  /** Scale of the invoice rate (invoices per working day at full demand). */
  rate: number;
}

function chineseName(rng: Rng, region: Region): string {
  return rng.pick(CITIES[region]) + rng.pick(ZH_BRANDS) + rng.pick(ZH_TRADES) + rng.pick(ZH_FORMS);
}

function englishName(rng: Rng): string {
  return `${rng.pick(EN_FIRST)} ${rng.pick(EN_TRADES)} ${rng.pick(EN_FORMS)}`;
}

function pickRegion(rng: Rng): Region {
  let u = rng.uniform();
  for (let i = 0; i < REGIONS.length; i++) {
    u -= REGION_WEIGHT[i];
    if (u < 0) return REGIONS[i];
  }
  return REGIONS[REGIONS.length - 1];
}

function pickTerms(rng: Rng): number {
  const u = rng.uniform();
  return u < 0.35 ? 30 : u < 0.6 ? 45 : u < 0.85 ? 60 : 90;
}

/**
 * The fixed accounts at the head of the list: three key accounts above 10 % of net revenue and five
 * large ones, each with a story the report should tell (growth, decline and a contract ending soon,
 * a chronically late payer whose contract lapsed, a large account that stopped paying).
 */
interface FixedAccount {
  name: string;
  region: Region;
  share: number;
  growth: number;
  terms: number;
  pay: PayKind;
  meanLate: number;
  contractEnd: string;
  troubleFrom?: string;
}
const FIXED_ACCOUNTS: readonly FixedAccount[] = [
  { name: "上海华东机电有限公司", region: "East", share: 0.27, growth: Math.log(1.18), terms: 60, pay: "onTime", meanLate: 0, contractEnd: "2027-06-30" },
  { name: "Northwind Components Ltd", region: "North", share: 0.15, growth: Math.log(0.8), terms: 90, pay: "late", meanLate: 14, contractEnd: "2026-02-28" },
  { name: "深圳恒信电子有限公司", region: "South", share: 0.115, growth: 0, terms: 60, pay: "late", meanLate: 35, contractEnd: "2025-09-30" },
  { name: "Meridian Devices Co., Ltd.", region: "East", share: 0.05, growth: Math.log(1.35), terms: 45, pay: "onTime", meanLate: 0, contractEnd: "2026-12-31" },
  { name: "北京宏达电气股份有限公司", region: "North", share: 0.04, growth: Math.log(1.05), terms: 60, pay: "onTime", meanLate: 0, contractEnd: "2026-03-20" },
  { name: "Falcon Motors Corp.", region: "South", share: 0.035, growth: Math.log(0.9), terms: 60, pay: "late", meanLate: 25, contractEnd: "2025-06-30", troubleFrom: "2025-03-03" },
  { name: "苏州瑞丰精密有限公司", region: "East", share: 0.03, growth: Math.log(1.1), terms: 45, pay: "onTime", meanLate: 0, contractEnd: "2026-09-30" },
  { name: "Orion Packaging Pte Ltd", region: "West", share: 0.025, growth: Math.log(0.95), terms: 30, pay: "late", meanLate: 12, contractEnd: "2027-03-31" },
];

const CUSTOMER_COUNT = 300;
/** Expected invoice rows before credit notes and dirty rows (~26,000 rows in all keeps the file near 3 MB). */
const TARGET_INVOICES = 25_400;
/** Share of rows that are credit notes. */
const CREDIT_NOTE_SHARE = 0.025;

function dayFromIsoStrict(iso: string): Day {
  const [y, m, d] = iso.split("-").map(Number);
  return dayFromYmd(y, m, d);
}

function makeCustomers(rng: Rng): Customer[] {
  const names = new Set<string>();
  const customers: Customer[] = [];
  for (const f of FIXED_ACCOUNTS) {
    names.add(f.name);
    customers.push({
      name: f.name, region: f.region, rep: rng.pick(REPS[f.region]), terms: f.terms,
      first: START, last: AS_OF, newcomer: false, churned: false, growth: f.growth,
      annual: 0, targetShare: f.share, amountSigma: 0.45, pay: f.pay, meanLate: f.meanLate,
      troubleFrom: f.troubleFrom ? dayFromIsoStrict(f.troubleFrom) : undefined,
      contractEnd: dayFromIsoStrict(f.contractEnd), creditLimit: 0, rate: 0,
    });
  }
  while (customers.length < CUSTOMER_COUNT) {
    const region = pickRegion(rng);
    const name = customers.length % 5 < 2 ? chineseName(rng, region) : englishName(rng); // 40 % Chinese names
    if (names.has(name)) continue;
    names.add(name);
    const newcomer = rng.chance(0.25);
    const first = newcomer ? rng.int(dayFromYmd(2023, 3, 1), dayFromYmd(2025, 10, 31)) : START;
    // Churned: last purchase 6–18 months before as-of; only customers with at least half a year of history.
    const churnLast = rng.int(dayFromYmd(2024, 7, 1), dayFromYmd(2025, 6, 30));
    const churned = rng.chance(0.15) && churnLast - first >= 180;
    const kind = rng.uniform();
    const growth =
      kind < 0.2 ? Math.log(rng.uniform(1.25, 1.8)) : kind < 0.35 ? Math.log(rng.uniform(0.5, 0.8)) : 0.08 * rng.normal();
    const payDraw = rng.uniform();
    const pay: PayKind = payDraw < 0.72 ? "onTime" : payDraw < 0.97 ? "late" : "veryLate";
    const meanLate = pay === "late" ? rng.uniform(10, 55) : pay === "veryLate" ? rng.uniform(62, 80) : 0;
    customers.push({
      name, region, rep: rng.pick(REPS[region]), terms: pickTerms(rng), first,
      last: churned ? churnLast : AS_OF, newcomer, churned, growth,
      annual: 40_000 * Math.exp(1.3 * rng.normal()), amountSigma: rng.uniform(0.4, 0.7),
      pay, meanLate, creditLimit: 0, rate: 0,
    });
  }
  // Two more troubled customers among the ordinary ones: a mid-size account still buying, and a
  // churned one that left unpaid invoices behind (both end up overdue > 90 days at as-of).
  const ordinary = customers.slice(FIXED_ACCOUNTS.length);
  const bySize = [...ordinary].sort((a, b) => b.annual - a.annual);
  const active = bySize.find((c) => !c.churned && !c.newcomer && c.growth < 0.2);
  const gone = bySize.find((c) => c.churned);
  if (!active || !gone) throw new Error("sample: no candidates for the troubled customers");
  active.troubleFrom = dayFromYmd(2025, 4, 1);
  active.pay = "late";
  active.meanLate = 30;
  gone.troubleFrom = gone.last - 150;
  return customers;
}

/** Demand multiplier of a customer on a day: trend, newcomer ramp-up, churn fade-out (0 outside its window). */
function demand(c: Customer, day: Day): number {
  if (day < c.first || day > c.last) return 0;
  let f = Math.exp((c.growth * (day - MID)) / 365.25);
  if (c.newcomer) f *= Math.min(1, 0.4 + (0.6 * (day - c.first)) / 90);
  if (c.churned) f *= Math.min(1, 0.3 + (0.7 * (c.last - day)) / 120);
  return f;
}

/**
 * Sets the fixed accounts' annual revenue from their target shares of expected revenue, and every
 * customer's invoice rate (∝ √annual, so big accounts invoice more often and in bigger amounts),
 * scaled so that the expected invoice count is TARGET_INVOICES.
 */
function calibrate(customers: Customer[]): void {
  const unitRevenue = customers.map((c) => {
    let s = 0;
    for (let i = 0; i < WORKING_DAYS.length; i++) s += (SEASON[i] * demand(c, WORKING_DAYS[i])) / 250;
    return s;
  });
  let others = 0;
  let fixedShare = 0;
  customers.forEach((c, i) => {
    if (c.targetShare === undefined) others += c.annual * unitRevenue[i];
    else fixedShare += c.targetShare;
  });
  customers.forEach((c, i) => {
    if (c.targetShare !== undefined) c.annual = ((c.targetShare / (1 - fixedShare)) * others) / unitRevenue[i];
  });
  // Expected invoices of customer c = rate · Σ √(season · demand) over its working days.
  let expected = 0;
  const unitCounts = customers.map((c) => {
    let s = 0;
    for (let i = 0; i < WORKING_DAYS.length; i++) s += Math.sqrt(SEASON[i] * demand(c, WORKING_DAYS[i]));
    return s;
  });
  customers.forEach((c, i) => {
    c.rate = Math.sqrt(c.annual);
    expected += c.rate * unitCounts[i];
  });
  const k = TARGET_INVOICES / expected;
  for (const c of customers) c.rate *= k;
}

// ---------------------------------------------------------------------------------------------------
// Rows

interface Row {
  kind: "invoice" | "credit";
  customer: number; // index into customers (for the formula-injection row: whose region and rep it borrows)
  day: Day;
  /** Amount in cents (negative for credit notes). */
  cents: number;
  due?: Day;
  paid?: Day;
  paidCents?: number;
  /** Sort tie-break within a day. */
  key: number;
  number?: string;
  credits?: Row; // for a credit note: the invoice it credits
  credited?: boolean;
  dirty?: DirtyDefect;
  /** The formula-injection row: its own customer, FORMULA_CUSTOMER. */
  formula?: boolean;
  /** Text written in the date column instead of the ISO date (the unparseable-date row). */
  dateText?: string;
}

function toCents(x: number): number {
  return Math.round(x * 100);
}

function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** Longest delay of an ordinary late payer, days after the due date. */
const MAX_LATE = 88;

/** Days after the due date an invoice is paid (negative = early), by the customer's habit. */
function lateness(rng: Rng, c: Customer): number {
  switch (c.pay) {
    case "onTime":
      return rng.chance(0.05) ? rng.int(3, 20) : Math.max(-20, Math.min(3, Math.round(-3 + 4 * rng.normal())));
    case "late":
    case "veryLate":
      // Capped below 90 days: only the troubled customers leave invoices unpaid 90+ days past due.
      return Math.min(MAX_LATE, Math.round(c.meanLate * rng.uniform(0.6, 1.4)));
  }
}

/** Payment of one invoice as known at as-of: paid day and amount, or nothing when still unpaid. */
function settle(rng: Rng, c: Customer, row: Row): void {
  const due = row.day + c.terms;
  row.due = due;
  let late = lateness(rng, c);
  let share = 1;
  if (c.troubleFrom !== undefined && row.day >= c.troubleFrom) {
    const u = rng.uniform();
    if (u < 0.8) return; // not paid
    if (u < 0.9) share = rng.uniform(0.3, 0.7);
    late = Math.max(late, 60);
  } else if (due >= AS_OF - 90 && rng.chance(0.03)) {
    share = rng.uniform(0.5, 0.95); // a recent short payment, still in dispute (under 90 days past due)
  }
  const paid = Math.max(row.day + 1, due + late);
  if (paid > AS_OF) return;
  row.paid = paid;
  row.paidCents = share === 1 ? row.cents : toCents((row.cents * share) / 100);
}

function makeInvoices(rng: Rng, customers: Customer[]): Row[] {
  const rows: Row[] = [];
  customers.forEach((c, ci) => {
    const before = rows.length;
    for (let i = 0; i < WORKING_DAYS.length; i++) {
      const day = WORKING_DAYS[i];
      const d = demand(c, day);
      if (d === 0) continue;
      const intensity = SEASON[i] * d;
      const lambda = c.rate * Math.sqrt(intensity);
      const n = rng.poisson(lambda);
      for (let k = 0; k < n; k++) {
        const mean = (c.annual * intensity) / 250 / lambda;
        rows.push({ kind: "invoice", customer: ci, day, cents: toCents(mean * rng.lognormalMean1(c.amountSigma)) || 100, key: rng.uniform() });
      }
    }
    if (c.churned && (rows.length === before || rows[rows.length - 1].day < c.last - 45)) {
      // A churned customer's last order falls close to its churn day (6–18 months before as-of).
      const day = nextWorkingDay(c.last - rng.int(10, 40));
      rows.push({ kind: "invoice", customer: ci, day, cents: toCents((c.annual / 12) * rng.lognormalMean1(c.amountSigma)), key: rng.uniform() });
    }
    if (rows.length === before) {
      // Every customer buys at least once: one invoice on a working day of its window.
      const day = nextWorkingDay(rng.int(c.first, Math.min(c.last, AS_OF - 10)));
      rows.push({ kind: "invoice", customer: ci, day, cents: toCents((c.annual / 12) * rng.lognormalMean1(c.amountSigma)), key: rng.uniform() });
    }
  });
  // The last invoice is on the as-of day (the first key account invoices every working day or so).
  if (!rows.some((r) => r.day === AS_OF)) {
    const c = customers[0];
    rows.push({ kind: "invoice", customer: 0, day: AS_OF, cents: toCents((c.annual / 250 / c.rate) * rng.lognormalMean1(c.amountSigma)), key: rng.uniform() });
  }
  for (const r of rows) settle(rng, customers[r.customer], r);
  return rows;
}

/** Credit notes: ~2.5 % of rows, each crediting part or all of an earlier invoice of the same customer. */
function makeCreditNotes(rng: Rng, invoices: Row[]): Row[] {
  const want = Math.round((CREDIT_NOTE_SHARE * invoices.length) / (1 - CREDIT_NOTE_SHARE));
  const notes: Row[] = [];
  let guard = 0;
  while (notes.length < want && guard++ < want * 20) {
    const inv = invoices[rng.int(0, invoices.length - 1)];
    if (inv.credited) continue;
    const day = nextWorkingDay(inv.day + rng.int(5, 60));
    if (day > AS_OF) continue;
    const fraction = rng.chance(0.25) ? 1 : rng.uniform(0.05, 0.6);
    inv.credited = true;
    notes.push({ kind: "credit", customer: inv.customer, day, cents: -Math.max(1, toCents((inv.cents * fraction) / 100)), key: rng.uniform(), credits: inv });
  }
  return notes;
}

/** A round credit limit: the smallest step of 1-2-3-5-8 × 10^k at or above `x`. */
function roundLimitUp(x: number): number {
  for (let p = 10_000; ; p *= 10) for (const m of [1, 2, 3, 5, 8]) if (m * p >= x) return m * p;
}

/** The largest round step at or below `x` (at least 10,000). */
function roundLimitDown(x: number): number {
  let best = 10_000;
  for (let p = 10_000; p <= x; p *= 10) for (const m of [1, 2, 3, 5, 8]) if (m * p <= x) best = m * p;
  return best;
}

/**
 * Credit limits: the exposure of a normal month (last 12 months' revenue × terms) with 50 % headroom,
 * or the open balance with 30 % headroom if larger — except for the troubled customers and two fast
 * growers, whose limits sit below their open balance at as-of (over limit).
 */
function setCreditLimits(customers: Customer[], rows: Row[]): void {
  // Open balance in cents: unpaid invoice remainders (high), less every credit note (low) — the limit
  // is set against whichever way a reader nets credit notes.
  const openHigh = new Float64Array(customers.length);
  const credits = new Float64Array(customers.length);
  const recent = new Float64Array(customers.length);
  for (const r of rows) {
    if (r.dirty) continue; // excluded rows (and the one-row formula customer) do not count
    if (r.kind === "credit") credits[r.customer] += r.cents;
    else openHigh[r.customer] += r.cents - (r.paidCents ?? 0);
    if (r.day > AS_OF - 365) recent[r.customer] += r.cents;
  }
  const open = openHigh.map((x, i) => x + credits[i]);
  const overLimit = new Set<number>();
  customers.forEach((c, i) => {
    if (c.troubleFrom !== undefined && !c.churned) overLimit.add(i);
  });
  const growers = customers
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => c.troubleFrom === undefined && c.growth > Math.log(1.25) && open[i] > 0)
    .sort((a, b) => open[b.i] - open[a.i])
    .slice(0, 2);
  for (const g of growers) overLimit.add(g.i);
  customers.forEach((c, i) => {
    const low = open[i] / 100;
    if (overLimit.has(i) && low > 12_500) c.creditLimit = roundLimitDown(low * 0.8);
    else c.creditLimit = roundLimitUp(Math.max((1.5 * (recent[i] / 100 / 12) * c.terms) / 30, (1.3 * openHigh[i]) / 100, 10_000));
  });
}

/** Builds a dirty row in the style of its neighbour (same date), for an ordinary customer. */
function makeDirtyRow(rng: Rng, customers: Customer[], neighbour: Row, defect: DirtyDefect): Row {
  const ordinary = customers.map((c, i) => ({ c, i })).filter(({ c, i }) => i >= FIXED_ACCOUNTS.length && c.troubleFrom === undefined && neighbour.day >= c.first && neighbour.day <= c.last);
  const { c, i } = rng.pick(ordinary);
  const row: Row = { kind: "invoice", customer: i, day: neighbour.day, cents: toCents((c.annual / 20) * rng.lognormalMean1(0.4)), key: 0, dirty: defect };
  if (defect === "formulaCustomer") row.formula = true;
  settle(rng, c, row);
  if (defect.startsWith("amount")) {
    delete row.paid; // an amount nobody knows was not paid
    delete row.paidCents;
  }
  if (defect === "badDate:31/02/2024") row.dateText = "31/02/2024";
  return row;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function formatRow(row: Row, customers: Customer[]): string {
  const formula = row.formula === true;
  const base = customers[row.customer];
  let customer = formula ? FORMULA_CUSTOMER : base.name;
  let amount = formatCents(row.cents);
  switch (row.dirty) {
    case "blankCustomer":
      customer = "";
      break;
    case "amountText:n/a":
      amount = "n/a";
      break;
    case "amountText:TBD":
      amount = "TBD";
      break;
    case "amountError:#N/A":
      amount = "#N/A";
      break;
  }
  const fields = [
    row.number ?? "",
    row.dateText ?? isoFromDay(row.day),
    customer,
    base.region,
    base.rep,
    amount,
    "CNY",
    row.due !== undefined ? isoFromDay(row.due) : "",
    row.paid !== undefined ? isoFromDay(row.paid) : "",
    row.paidCents !== undefined ? formatCents(row.paidCents) : "",
    String(formula ? 50_000 : base.creditLimit),
    !formula && base.contractEnd !== undefined ? isoFromDay(base.contractEnd) : "",
  ];
  return fields.map(csvField).join(",");
}

/**
 * The sample ledger as CSV text: UTF-8 (no BOM), RFC 4180 quoting, LF line ends, a final LF.
 *
 * @param seed - PRNG seed; SAMPLE_SEED gives the committed assets/sample-ledger.csv.
 * @returns the whole file.
 * @example
 * generateSample().split("\n")[0] // "Invoice No,Invoice Date,Customer,Region,Sales Rep,Amount,..."
 */
export function generateSample(seed: number = SAMPLE_SEED): string {
  const rng = new Rng(seed);
  const customers = makeCustomers(rng);
  calibrate(customers);
  const invoices = makeInvoices(rng, customers);
  const notes = makeCreditNotes(rng, invoices);
  const rows = [...invoices, ...notes].sort((a, b) => a.day - b.day || a.key - b.key);

  // Dirty rows go in at their documented sheet rows (ascending, so earlier inserts don't shift later ones).
  for (const { row, defect } of DIRTY_ROWS) {
    const at = row - 2; // sheet row 2 is rows[0]
    if (at < 1 || at > rows.length) throw new Error(`sample: dirty row ${row} is outside the ledger`);
    rows.splice(at, 0, makeDirtyRow(rng, customers, rows[at - 1], defect));
  }
  setCreditLimits(customers, rows);

  // Invoice numbers run per year in file (= date) order; a credit note is numbered after the invoice it credits.
  const counters = new Map<number, number>();
  for (const r of rows) {
    if (r.kind !== "invoice") continue;
    const year = monthDay(r.day).y;
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    r.number = `INV-${year}-${String(n).padStart(6, "0")}`;
  }
  for (const r of rows) if (r.kind === "credit") r.number = `CN-${r.credits!.number!.slice(4)}`;

  const lines = [SAMPLE_HEADER.join(","), ...rows.map((r) => formatRow(r, customers))];
  return lines.join("\n") + "\n";
}

function main(argv: string[]): void {
  let seed = SAMPLE_SEED;
  let out = path.resolve(__dirname, "../assets/sample-ledger.csv");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--seed") seed = Number(argv[++i]);
    else if (argv[i] === "--out") out = path.resolve(argv[++i]);
    else {
      process.stderr.write("usage: npm run sample -- [--seed N] [--out FILE]\n");
      process.exit(2);
    }
  }
  if (!Number.isInteger(seed)) {
    process.stderr.write("sample: --seed must be an integer\n");
    process.exit(2);
  }
  const text = generateSample(seed);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text, "utf8");
  const rowCount = text.split("\n").length - 2;
  process.stderr.write(`sample: wrote ${out} (${rowCount} rows, ${Buffer.byteLength(text, "utf8")} bytes)\n`);
}

// Run only as a script (bin/run-ts.js puts the script's path in argv[1]), not when a test imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) main(process.argv.slice(2));

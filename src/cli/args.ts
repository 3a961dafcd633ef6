import { dayFromIso } from "../engine/day";
import { FIELD_NAMES } from "../engine/ledger/fields";
import type { Field } from "../engine/ledger/fields";
import { currencyCode, isLang, LANGS } from "../engine/i18n";
import { parseAgingBounds } from "../engine/metrics/credit";
import { isKaProblem } from "../engine/problems";
import type { Lang } from "../engine/i18n";

/** The ledger field names as `--map` takes them, wrapped for the help text (from the one field table). */
function wrappedFieldNames(indent: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const name of FIELD_NAMES) {
    const word = `${name}, `;
    if (line.length + word.length > width) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += word;
  }
  lines.push(line.replace(/, $/, ")"));
  return lines.join(`\n${indent}`);
}

export const USAGE = `usage: ka analyze [LEDGER] [--out report.xlsx] [--json FILE|-] [--as-of YYYY-MM-DD]
                  [--map field=Header,...] [--sheet NAME] [--unit day|week|month] [--bins N]
                  [--date-order dmy|mdy] [--decimal .|,] [--calibration-end YYYY-MM-DD]
                  [--model bgnbd|paretonbd] [--lang en|zh-CN] [--currency CODE] [--aging 30,60,90,...]
                  [--compare-as-of YYYY-MM-DD] [--write-off-days N] [--trend month|quarter]
                  [--rolling] [--group-by Header,...] [--with-rows] [--accounts] [--quiet]

  LEDGER        .csv, .tsv (optionally .gz) or .xlsx; default: the bundled sample ledger
  --out FILE    write the report workbook (default ka-report.xlsx)
  --json FILE   write the summary as JSON; '-' for standard output
  --as-of DATE  analysis date (default: the ledger's latest date)
  --map LIST    column overrides, e.g. customer=Client,amount=Net Amount
                (fields: ${wrappedFieldNames("                ", 80)}
  --sheet NAME  worksheet of an .xlsx ledger (default: the first)
  --unit U      time unit of the CLV models: day, week (default) or month
  --bins N      RFM score bins, 2..10 (default 5)
  --calibration-end DATE  test the forecast: fit the models up to DATE and compare with what followed
                (default: the last third of a ledger spanning 18 months or more, at most 12 months)
  --model M     repeat-purchase model of the forecasts: bgnbd or paretonbd (default: the better one by the
                hold-out test, else by BIC)
  --date-order dmy|mdy   how to read a/b/yyyy dates when the column does not decide it
  --decimal .|,          the decimal mark of text numbers (1,234.50 or 1.234,50) when the columns
                         do not decide it
  --lang L      language of the report: en or zh-CN (default: from LC_ALL / LC_MESSAGES / LANG, else en)
  --currency C  the report's currency (ISO code, e.g. CNY): picks one currency of a ledger that holds
                several, or names the currency of a ledger without a currency column
  --aging LIST  aging buckets: upper bounds in days past due, e.g. 30,60,90,180,365
                (Current, 1–30, …, > 365; default 30,60,90)
  --compare-as-of DATE   opening date of the loss-allowance movement (before the as-of date)
  --write-off-days N     write off what is owed more than N days past due (default: never)
  --trend P     concentration trend per month or quarter (default quarter)
  --rolling     each trend period measures the 12 months ending with it
  --group-by L  grouping columns for dependence by group, e.g. Region,Sales Rep (default: columns
                headed like a region, sales rep, product line, channel or entity; 'none' for none)
  --with-rows   add the used ledger rows (KA Rows) and a drill-down to them (KA Drill); refused
                above Excel's 1,048,575 rows
  --accounts    include one object per customer in the JSON
  --quiet       no progress on standard error

exit codes: 0 done, 1 bad input (the message names the row or argument), 2 usage`;

export interface AnalyzeArgs {
  ledger?: string;
  out: string;
  json?: string;
  asOf?: string;
  map: Partial<Record<Field, string>>;
  sheet?: string;
  unit?: "day" | "week" | "month";
  bins?: number;
  /** Calibration end of the forecast backtest (yyyy-mm-dd). */
  calibrationEnd?: string;
  model?: "bgnbd" | "paretonbd";
  dateOrder?: "dmy" | "mdy";
  decimal?: "." | ",";
  /** Report language; undefined: the caller takes it from the locale. */
  lang?: Lang;
  /** The report's currency, an ISO 4217 code (upper case). */
  currency?: string;
  /** Aging bounds in days past due (Current first), from `--aging`. */
  agingBounds?: number[];
  /** Opening date of the loss-allowance movement, ISO. */
  compareAsOf?: string;
  writeOffDays?: number;
  /** Concentration trend periods and basis. */
  trend?: "month" | "quarter";
  rolling: boolean;
  /** Grouping columns by header; [] for none; undefined: detected. */
  groupBy?: string[];
  withRows: boolean;
  accounts: boolean;
  quiet: boolean;
}

export type ParsedCommand = { kind: "analyze"; args: AnalyzeArgs } | { kind: "help" } | { kind: "version" };

export class UsageError extends Error {}

/** Parses `ka` arguments; throws UsageError with a message naming the bad argument. */
export function parseArgs(argv: string[]): ParsedCommand {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") return { kind: "help" };
  if (argv[0] === "--version" || argv[0] === "-v") return { kind: "version" };
  if (argv[0] !== "analyze") throw new UsageError(`unknown command '${argv[0]}' (the command is 'analyze')`);
  const args: AnalyzeArgs = { out: "ka-report.xlsx", map: {}, rolling: false, withRows: false, accounts: false, quiet: false };
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = rest[++i];
      if (v === undefined || (v.startsWith("--") && v.length > 2)) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--help":
      case "-h":
        return { kind: "help" };
      case "--out":
        args.out = value();
        break;
      case "--json":
        args.json = value();
        break;
      case "--as-of": {
        const v = value();
        if (dayFromIso(v) === undefined) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got '${v}'`);
        args.asOf = v;
        break;
      }
      case "--sheet":
        args.sheet = value();
        break;
      case "--map":
        Object.assign(args.map, parseMap(value()));
        break;
      case "--unit": {
        const u = value();
        if (u !== "day" && u !== "week" && u !== "month") throw new UsageError(`--unit must be day, week or month, got '${u}'`);
        args.unit = u;
        break;
      }
      case "--bins": {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 2 || n > 10) throw new UsageError(`--bins must be a whole number from 2 to 10, got '${v}'`);
        args.bins = n;
        break;
      }
      case "--calibration-end": {
        const v = value();
        if (dayFromIso(v) === undefined) throw new UsageError(`--calibration-end must be a date YYYY-MM-DD, got '${v}'`);
        args.calibrationEnd = v;
        break;
      }
      case "--model": {
        const v = value().toLowerCase();
        if (v !== "bgnbd" && v !== "paretonbd") throw new UsageError(`--model must be bgnbd or paretonbd, got '${v}'`);
        args.model = v;
        break;
      }
      case "--date-order": {
        const v = value();
        if (v !== "dmy" && v !== "mdy") throw new UsageError(`--date-order must be dmy or mdy, got '${v}'`);
        args.dateOrder = v;
        break;
      }
      case "--lang": {
        const v = value();
        if (!isLang(v)) throw new UsageError(`--lang must be ${LANGS.join(" or ")}, got '${v}'`);
        args.lang = v;
        break;
      }
      case "--currency": {
        const v = value();
        const code = currencyCode(v);
        if (!code) throw new UsageError(`--currency must be a currency code such as CNY, USD or EUR, got '${v}'`);
        args.currency = code;
        break;
      }
      case "--decimal": {
        const v = value();
        if (v !== "." && v !== ",") throw new UsageError(`--decimal must be '.' or ',', got '${v}'`);
        args.decimal = v;
        break;
      }
      case "--aging": {
        const v = value();
        try {
          args.agingBounds = parseAgingBounds(v);
        } catch (e) {
          if (isKaProblem(e)) throw new UsageError(`--aging: ${e.problem.message.replace(/^aging buckets: /, "")}`);
          throw e;
        }
        break;
      }
      case "--compare-as-of": {
        const v = value();
        if (dayFromIso(v) === undefined) throw new UsageError(`--compare-as-of must be a date YYYY-MM-DD, got '${v}'`);
        args.compareAsOf = v;
        break;
      }
      case "--write-off-days": {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--write-off-days must be a whole number of days, got '${v}'`);
        args.writeOffDays = Number(v);
        break;
      }
      case "--trend": {
        const v = value();
        if (v !== "month" && v !== "quarter") throw new UsageError(`--trend must be month or quarter, got '${v}'`);
        args.trend = v;
        break;
      }
      case "--rolling":
        args.rolling = true;
        break;
      case "--group-by": {
        const v = value().trim();
        args.groupBy = v.toLowerCase() === "none" ? [] : v.split(",").map((h) => h.trim()).filter((h) => h !== "");
        if (v.toLowerCase() !== "none" && args.groupBy.length === 0) throw new UsageError(`--group-by needs column headers, e.g. Region,Sales Rep (or 'none')`);
        break;
      }
      case "--with-rows":
        args.withRows = true;
        break;
      case "--accounts":
        args.accounts = true;
        break;
      case "--quiet":
      case "-q":
        args.quiet = true;
        break;
      default:
        if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option '${a}'`);
        if (args.ledger !== undefined) throw new UsageError(`only one ledger file can be analysed, got '${args.ledger}' and '${a}'`);
        args.ledger = a;
    }
  }
  return { kind: "analyze", args };
}

/** `customer=Client,amount=Net Amount` → { customer: "Client", amount: "Net Amount" }. */
export function parseMap(text: string): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new UsageError(`--map entries are field=Header, got '${part}'`);
    const field = part.slice(0, eq).trim();
    const header = part.slice(eq + 1).trim();
    const known = FIELD_NAMES.find((f) => f.toLowerCase() === field.toLowerCase());
    if (!known) throw new UsageError(`--map: unknown field '${field}' (fields: ${FIELD_NAMES.join(", ")})`);
    if (header === "") throw new UsageError(`--map: no header given for '${field}'`);
    out[known] = header;
  }
  return out;
}

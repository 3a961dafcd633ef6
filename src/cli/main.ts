import * as path from "path";
import { dayFromIso } from "../engine/day";
import type { Ledger } from "../engine/ledger/types";
import { langFromLocale } from "../engine/i18n";
import { isKaProblem, problem } from "../engine/problems";
import type { Problem, ProblemCode } from "../engine/problems";
import { PRODUCT_NAME, PRODUCT_VERSION } from "../engine/version";
import { MAX_ROWS } from "../workbook/validate-report";
import { backtestRunner, intervalRunner, receivablesRunner } from "./worker-tasks";
import { jsonPieces } from "./json-text";
import { parseArgs, USAGE, UsageError } from "./args";
import type { AnalyzeArgs } from "./args";
import { EXIT_CODE } from "./exit-codes";
import { checkOutputs, ignoreClosedPipe, ioReason, OutputError, writeTextFile, writeToStream } from "./outputs";
import { englishNumber } from "../engine/i18n/format";

/** The bundled sample ledger: the default input, so `ka analyze` works on a fresh clone. */
/** The usage text (the build writes it beside the bundle, for `ka --help` without loading the bundle). */
export { USAGE } from "./args";

export const SAMPLE_LEDGER = path.resolve(__dirname, "../../assets/sample-ledger.csv");

/** Runs `ka` with its arguments; resolves to the exit code. Never calls process.exit itself. */
export async function main(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env?: NodeJS.ProcessEnv } = process,
): Promise<number> {
  let command;
  try {
    command = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`ka: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (command.kind === "help") {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === "version") {
    io.stdout.write(`${PRODUCT_NAME} ${PRODUCT_VERSION}\n`);
    return 0;
  }
  try {
    const env = io.env ?? {};
    // POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG (an empty variable does not count).
    const lang = command.args.lang ?? langFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
    const stopIgnoring = [ignoreClosedPipe(io.stdout), ignoreClosedPipe(io.stderr)];
    try {
      await runAnalyze({ ...command.args, lang }, io);
    } finally {
      for (const stop of stopIgnoring) stop();
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`ka: ${e.message}\n`);
      return 2;
    }
    if (e instanceof OutputError) {
      io.stderr.write(`ka: ${e.message}\n`);
      return 1;
    }
    if (isKaProblem(e)) {
      io.stderr.write(`ka: ${withFlagHint(e.problem)}\n`);
      return EXIT_CODE[e.problem.code];
    }
    throw e;
  }
}

/** The engine asks the user to choose; on the command line the choice is a flag, so the message names it. */
function withFlagHint(p: Problem): string {
  const flag: Partial<Record<ProblemCode, string>> = { ambiguousDateOrder: "--date-order dmy or --date-order mdy", ambiguousNumberFormat: "--decimal . or --decimal ," };
  const hint = flag[p.code];
  if (!hint) return p.message;
  return p.message.endsWith(".") ? `${p.message.slice(0, -1)}: ${hint}` : `${p.message} (${hint})`;
}

async function runAnalyze(args: AnalyzeArgs, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<void> {
  // Loaded here, not at start-up: `ka --help` and usage errors answer without the engine (writer's start-up item).
  const [{ analyze }, { accountsJsonChunks, buildReport, summaryJson }, { writeReportFile }] = await Promise.all([import("../engine/analysis"), import("../engine/report"), import("./write-report")]);
  const progress = (text: string) => {
    if (!args.quiet) io.stderr.write(`${text}\n`);
  };
  const asOf = args.asOf === undefined ? undefined : dayFromIso(args.asOf); // validated by parseArgs
  const file = args.ledger ?? SAMPLE_LEDGER;
  checkOutputs(file, args.out, args.json);
  const sourceLabel = args.ledger ? path.basename(file) : "bundled sample ledger (assets/sample-ledger.csv)";
  progress(`reading ${sourceLabel}`);
  const started = Date.now();
  const ledger = await readLedger(file, args, asOf, (rows) => progress(`  ${englishNumber(rows)} rows read`));
  progress(`  ${englishNumber(ledger.read)} rows read, ${englishNumber(ledger.used)} used, ${englishNumber(ledger.read - ledger.used)} excluded (${Date.now() - started} ms)`);
  // More customers than KA Accounts can list: without --json nothing could be written, so say it now rather than
  // after the analysis (a currency column may still drop customers: then it is decided after the analysis).
  if (args.json === undefined && !ledger.currency && ledger.customers.length > WORKBOOK_CUSTOMERS) throw new OutputError(tooManyCustomers(ledger.customers.length, args));

  const sheetRows = MAX_ROWS - 1; // below KA Rows' header
  if (args.withRows && ledger.used > sheetRows) {
    throw problem(
      "badArgument",
      `--with-rows: the ledger has ${englishNumber(ledger.used)} used rows, more than an Excel sheet holds (${englishNumber(sheetRows)} below the header); leave out --with-rows (the report and JSON need no rows).`,
      { path: "--with-rows" },
    );
  }
  const compareAsOf = args.compareAsOf === undefined ? undefined : dayFromIso(args.compareAsOf); // validated by parseArgs
  const calibrationEnd = args.calibrationEnd === undefined ? undefined : dayFromIso(args.calibrationEnd); // validated by parseArgs
  const params = {
    asOf, unit: args.unit, bins: args.bins, lang: args.lang, currency: args.currency, agingBounds: args.agingBounds, compareAsOf, writeOffDays: args.writeOffDays,
    trendPeriod: args.trend, trendBasis: args.rolling ? ("rolling12" as const) : undefined, withRows: args.withRows, calibrationEnd, model: args.model,
  };
  // Each stage's time, said once at the end (npm run bench's scale series reads it).
  const stages: string[] = [];
  let stage = "";
  let stageStarted = Date.now();
  const analysisStarted = stageStarted;
  const analysis = await analyze(ledger, params, {
    runBacktest: backtestRunner(),
    runIntervals: intervalRunner(),
    runReceivables: receivablesRunner(),
    onProgress: (next) => {
      const now = Date.now();
      if (stage) stages.push(`${stage} ${now - stageStarted}`);
      stage = next;
      stageStarted = now;
      progress(`analysing: ${next}`);
    },
  });
  progress(`  analysed in ${Date.now() - analysisStarted} ms (${stages.join(", ")} ms)`);
  for (const w of analysis.warnings) progress(`warning: ${w.message}`);

  // The JSON first: it is small and what scripts wait for; the workbook after it (issue 17 item 12).
  if (args.json !== undefined) {
    // Written a piece at a time (the accounts a chunk of customers at a time). To standard output each piece is waited
    // for: a pipe is asynchronous and a large JSON must reach the reader whole; a reader that stops early (`| head`)
    // ends standard output normally, and the workbook is still written.
    const pieces = jsonPieces(summaryJson(analysis), args.accounts ? accountsJsonChunks(analysis) : undefined);
    let length = 0;
    if (args.json === "-") {
      for (const piece of pieces) {
        length += Buffer.byteLength(piece);
        if (!(await writeToStream(io.stdout, piece))) break;
      }
    } else length = writeTextFile(args.json, "--json", pieces);
    progress(`  JSON written (${length >= 1e6 ? `${(length / 1e6).toFixed(1)} MB` : `${Math.ceil(length / 1e3)} kB`})`);
  }

  if (analysis.customers.n > WORKBOOK_CUSTOMERS) throw new OutputError(tooManyCustomers(analysis.customers.n, args));

  const outPath = path.resolve(args.out);
  progress(`writing ${args.out}`);
  const writeStarted = Date.now();
  let skipped: string[];
  try {
    skipped = await writeReportFile(outPath, (skippedCharts) => buildReport(analysis, { label: sourceLabel, kind: args.ledger ? "file" : "sample", skippedCharts, ledger: args.withRows ? ledger : undefined }));
  } catch (e) {
    const why = ioReason(e);
    if (why) throw new OutputError(`cannot write --out ${args.out}: ${why}`);
    throw e;
  }
  progress(`  built and written in ${Date.now() - writeStarted} ms`);
  if (skipped.length > 0) progress(`  (charts are drawn by the Excel task pane; the file lists them on KA About)`);
  progress(`done in ${Date.now() - started} ms`);
}

/** Customers KA Accounts can list: one a row below its header, in Excel's 1,048,576 rows a sheet. */
export const WORKBOOK_CUSTOMERS = MAX_ROWS - 1;

/**
 * The refusal when the workbook cannot hold every customer (issue 17 item 12): splitting KA Accounts would break the
 * formulas and tables that read it whole, so the workbook is not written; the JSON, written first, is complete.
 */
function tooManyCustomers(customers: number, args: AnalyzeArgs): string {
  const fit = `${englishNumber(customers)} customers do not fit in the workbook: KA Accounts lists one customer a row, and an Excel sheet holds ${englishNumber(WORKBOOK_CUSTOMERS)} below its header.`;
  const json = args.json === undefined ? "" : args.json === "-" ? "the JSON summary went to standard output; " : `the JSON summary was written to ${args.json}; `;
  const accounts = args.accounts ? "it lists every customer" : "add --accounts to list every customer in it";
  return args.json === undefined
    ? `${fit} Nothing was written: use --json FILE --accounts for the whole analysis, or analyse part of the ledger (a region, a year) at a time.`
    : `${fit} The workbook ${args.out} was not written; ${json}${accounts}.`;
}

/** Reads a ledger file as `ka analyze` does (exported for the tests that compare the CLI with the engine). */
export async function readLedger(file: string, args: AnalyzeArgs, asOf: number | undefined, onRows: (n: number) => void): Promise<Ledger> {
  const [{ openLedgerFile }, { LedgerBuilder }] = await Promise.all([import("../workbook/xlsx"), import("../engine/ledger")]);
  const source = await openLedgerFile(file, { sheet: args.sheet });
  const builder = new LedgerBuilder(source.header, {
    map: args.map,
    asOf,
    date1904: source.date1904,
    dateOrder: args.dateOrder,
    decimal: args.decimal,
    headerRow: source.headerRow,
    delimiter: source.text?.delimiter,
    expectedRows: source.estimatedRows,
    groupBy: args.groupBy,
  });
  source.onlyColumns?.(builder.columnsRead);
  let n = 0;
  let nextReport = 100_000;
  for await (const part of source.batches ?? source.rows) {
    if (Array.isArray(part)) for (const row of part) builder.push(row);
    else builder.pushBatch(part);
    n += Array.isArray(part) ? part.length : part.rows;
    if (n >= nextReport) {
      onRows(n);
      nextReport += 100_000;
    }
  }
  const ledger = builder.finish();
  ledger.notes.push(...source.notes);
  if (source.text) ledger.textFile = { ...source.text };
  return ledger;
}

/**
 * Problems: every way input can be wrong, as data. The engine never throws strings; it returns
 * (or throws, inside `KaProblem`) a `Problem` with a code and where it happened. Each face maps
 * codes through one table: Excel errors in `src/functions`, exit codes in `src/cli`, UI text in the pane.
 * Adding a code without mapping it fails to compile there (`Record<ProblemCode, ...>`).
 */
export type ProblemCode =
  | "missingColumn" // a required field has no column
  | "ambiguousColumn" // two columns claim the same field and the user must choose
  | "ambiguousDateOrder" // d/m/yyyy vs m/d/yyyy cannot be decided from the column
  | "ambiguousNumberFormat" // decimal point or decimal comma cannot be decided from the number columns
  | "noRows" // nothing to analyse (header only, or every row excluded)
  | "notANumber" // a cell that should be a number is not
  | "notADate" // a cell that should be a date is not
  | "errorCell" // an Excel error value (#N/A, #VALUE!, ...)
  | "badArgument" // a function argument of the wrong kind or shape
  | "sizeMismatch" // ranges that must align do not
  | "outOfRange" // an impossible parameter value (bins < 2, retention >= 1 + discount, negative count)
  | "divideByZero" // a ratio with a zero denominator
  | "notEnoughData" // a model or metric cannot be computed from what is there
  | "fileUnreadable" // CLI: file missing, unreadable or not a ledger
  | "mixedCurrencies" // the ledger holds several currencies and the user has not chosen the report's
  | "cancelled"; // the user cancelled a run

export interface Problem {
  code: ProblemCode;
  /** Human-readable English message naming the argument, row or column. */
  message: string;
  /** Where: argument name, column header, or field. */
  path?: string;
  /** 1-based sheet/file row (header row included) or range row, when one row is at fault. */
  row?: number;
  /** 1-based column within the range, when known. */
  column?: number;
}

/** An exception carrying a Problem, for code paths where returning is awkward (deep in parsing). */
export class KaProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message);
    this.name = "KaProblem";
    this.problem = problem;
  }
}

export function problem(code: ProblemCode, message: string, where: Omit<Problem, "code" | "message"> = {}): KaProblem {
  return new KaProblem({ code, message, ...where });
}

export function isKaProblem(e: unknown): e is KaProblem {
  return e instanceof KaProblem;
}

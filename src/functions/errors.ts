/**
 * Engine problems → Excel errors, in one table. Adding a ProblemCode without a row here fails to compile.
 *
 * Platform facts (docs/functions.md): only #VALUE! and #N/A carry a message (shown in the cell's error indicator);
 * #NUM! and #DIV/0! carry none, so their message is dropped rather than passed to a runtime that refuses it.
 */
import { isKaProblem, type ProblemCode } from "../engine/problems";

/** The Excel errors a KA function returns, by `CustomFunctions.ErrorCode` member name. */
export type ExcelErrorKind = "invalidValue" | "notAvailable" | "invalidNumber" | "divisionByZero";

/** Which error each problem becomes. */
export const EXCEL_ERROR_OF: Record<ProblemCode, ExcelErrorKind> = {
  missingColumn: "invalidValue",
  ambiguousColumn: "invalidValue",
  ambiguousDateOrder: "invalidValue",
  ambiguousNumberFormat: "invalidValue",
  notANumber: "invalidValue", // a bad cell: "amounts: row 7 is text 'abc'"
  notADate: "invalidValue",
  errorCell: "invalidValue",
  badArgument: "invalidValue", // a wrong kind of argument or an option that does not exist (scale 100)
  sizeMismatch: "invalidValue", // ranges that must align do not
  outOfRange: "invalidNumber", // an impossible value: retention ≥ 1 + discount, n < 1, a negative count
  divideByZero: "divisionByZero",
  noRows: "notAvailable", // nothing to measure: the answer is not available, and #N/A can say why
  notEnoughData: "notAvailable", // e.g. no customer with positive revenue
  fileUnreadable: "notAvailable", // not reachable from a cell; mapped so the table is total
  mixedCurrencies: "invalidValue", // not reachable from a cell (functions take no currency column); mapped so the table is total
  cancelled: "notAvailable",
};

/** Whether Excel shows a message with this error (CustomFunctionsRuntime 1.3). */
export const CARRIES_MESSAGE: Record<ExcelErrorKind, boolean> = {
  invalidValue: true,
  notAvailable: true,
  invalidNumber: false,
  divisionByZero: false,
};

/** A `CustomFunctions.Error` of this kind; the message is kept only where the platform shows one. */
export function excelError(kind: ExcelErrorKind, message?: string): CustomFunctions.Error {
  const code = CustomFunctions.ErrorCode[kind];
  return CARRIES_MESSAGE[kind] && message ? new CustomFunctions.Error(code, message) : new CustomFunctions.Error(code);
}

/**
 * What a function returns when its body threw: the problem's Excel error, or — for anything that is not a
 * KaProblem, i.e. a bug — #VALUE! saying so (Excel would show a bare #VALUE! for an uncaught exception anyway).
 */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (isKaProblem(e)) return excelError(EXCEL_ERROR_OF[e.problem.code], e.problem.message);
  const detail = e instanceof Error ? e.message : String(e);
  return excelError("invalidValue", `KA internal error: ${detail}`);
}

import type { ProblemCode } from "../engine/problems";

/** Exit code per problem: 1 for bad input (the message names the row or argument). Unmapped codes fail to compile. */
export const EXIT_CODE: Record<ProblemCode, number> = {
  missingColumn: 1,
  ambiguousColumn: 1,
  ambiguousDateOrder: 1,
  ambiguousNumberFormat: 1,
  noRows: 1,
  notANumber: 1,
  notADate: 1,
  errorCell: 1,
  badArgument: 1,
  sizeMismatch: 1,
  outOfRange: 1,
  divideByZero: 1,
  notEnoughData: 1,
  fileUnreadable: 1,
  mixedCurrencies: 1,
  cancelled: 130,
};

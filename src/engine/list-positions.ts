/**
 * How a message names the i-th value (0-based) of a list argument. The engine's list functions say
 * "lossRates: value 3" by default; a face whose lists come from somewhere else passes its own namer (the custom
 * functions name the cell's place in the range: "lossRates: row 3", "amounts: row 2, column 3").
 */
export interface ListPositions {
  /** The value's name for a message, argument included: `lossRates: value 3`. */
  name(arg: string, index: number): string;
  /** Its 1-based row, for `Problem.row`. */
  row(index: number): number;
}

/** "arg: value k", row k (1-based). */
export const VALUE_POSITIONS: ListPositions = {
  name: (arg, index) => `${arg}: value ${index + 1}`,
  row: (index) => index + 1,
};

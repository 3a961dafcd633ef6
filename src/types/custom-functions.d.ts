/**
 * The `CustomFunctions` global that Excel's custom-functions runtime provides (CustomFunctionsRuntime 1.3).
 * Declared here because the DefinitelyTyped package (@types/custom-functions-runtime) is not a dependency;
 * only the parts this add-in uses. Error codes are the strings Excel shows in the cell.
 */
declare namespace CustomFunctions {
  /** Registers the JavaScript function for the metadata `id` (functions.json). */
  function associate(id: string, functionObject: (...args: any[]) => unknown): void;
  function associate(mappings: { [id: string]: (...args: any[]) => unknown }): void;

  /** An error value for the cell. A message is shown only with `invalidValue` (#VALUE!) and `notAvailable` (#N/A). */
  class Error {
    constructor(code: ErrorCode, message?: string);
    code: ErrorCode;
    message?: string;
  }

  enum ErrorCode {
    invalidValue = "#VALUE!",
    notAvailable = "#N/A",
    divisionByZero = "#DIV/0!",
    invalidNumber = "#NUM!",
    nullReference = "#NULL!",
    invalidName = "#NAME?",
    invalidReference = "#REF!",
  }

  interface Invocation {
    address?: string;
    parameterAddresses?: string[];
  }
}

import { KaProblem } from "../../src/engine/problems";

/** The Problem code `fn` throws (undefined when it returns); any other exception is re-thrown. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof KaProblem) return e.problem.code;
    throw e;
  }
  return undefined;
}

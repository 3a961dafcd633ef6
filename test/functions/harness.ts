/**
 * Calls KA functions the way Excel does: through `CustomFunctions.associate`.
 *
 * A test double of the `CustomFunctions` global (associate, Error, ErrorCode as the runtime defines them) is
 * installed, the area files of src/functions/areas.js are loaded, and the functions are registered exactly as the
 * build registers them: the metadata plugin's loader appends `CustomFunctions.associate("<id>", <function>)` to
 * each area file for each entry of the `associate` list that custom-functions-metadata derives from the JSDoc; here
 * the same generator gives the same list. So a function missing its `@customfunction` tag, or an id typo, fails
 * here as it would in Excel.
 */
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata/lib/generate";
import { areaFiles } from "../../src/functions/areas";

/** The area files, in the order the build reads them. */
export const AREA_FILES = areaFiles(path.resolve(__dirname, "../.."));

/** The error values of the runtime (CustomFunctionsRuntime 1.3). */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

const WITH_MESSAGE = new Set<string>([ErrorCode.invalidValue, ErrorCode.notAvailable]);

/** Like the runtime's CustomFunctions.Error; refuses a message on an error that cannot show one (as documented). */
export class ExcelErrorDouble {
  code: string;
  message?: string;
  constructor(code: string, message?: string) {
    if (!Object.values(ErrorCode).includes(code as never)) throw new Error(`unknown error code ${code}`);
    if (message !== undefined && !WITH_MESSAGE.has(code)) throw new Error(`${code} cannot carry a message (got "${message}")`);
    this.code = code;
    if (message !== undefined) this.message = message;
  }
}

export type Registered = (...args: unknown[]) => unknown;
export const registry = new Map<string, Registered>();

function associate(idOrMap: string | Record<string, Registered>, fn?: Registered): void {
  const entries = typeof idOrMap === "string" ? [[idOrMap, fn] as const] : Object.entries(idOrMap);
  for (const [id, f] of entries) {
    if (typeof f !== "function") throw new Error(`associate(${id}): not a function`);
    if (registry.has(id)) throw new Error(`associate(${id}): registered twice`);
    registry.set(id, f);
  }
}

/** Installs the double on the global object (idempotent). */
export function installCustomFunctionsDouble(): void {
  (globalThis as any).CustomFunctions = { associate, Error: ExcelErrorDouble, ErrorCode };
}

export interface Association {
  id: string;
  functionName: string;
  sourceFileName: string;
}

let loaded: Promise<{ metadata: any; associations: Association[] }> | undefined;

/** Loads the area files and registers their functions as the build's loader does. Returns the generated metadata. */
export function registerFunctions(): Promise<{ metadata: any; associations: Association[] }> {
  if (!loaded) {
    loaded = (async () => {
      installCustomFunctionsDouble();
      const result = await generateCustomFunctionsMetadata(AREA_FILES);
      if (result.errors.length > 0) throw new Error(`metadata errors: ${result.errors.join("; ")}`);
      for (const a of result.associate) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(a.sourceFileName) as Record<string, unknown>;
        (globalThis as any).CustomFunctions.associate(a.id, mod[a.functionName]);
      }
      return { metadata: JSON.parse(result.metadataJson), associations: result.associate };
    })();
  }
  return loaded;
}

/** Calls a registered function by its id, as Excel would for `=KA.<ID>(...)`. */
export function call(id: string, ...args: unknown[]): any {
  const f = registry.get(id);
  if (!f) throw new Error(`KA.${id} is not registered`);
  return f(...args);
}

export function isExcelError(x: unknown): x is ExcelErrorDouble {
  return x instanceof ExcelErrorDouble;
}

/** A column range as Excel passes it: [[v1], [v2], ...]. */
export function col(...values: unknown[]): unknown[][] {
  return values.map((v) => [v]);
}

/** Asserts an Excel error with its code and (for #VALUE!/#N/A) its exact message, a pattern, or no message. */
export function expectError(result: unknown, code: string, message?: string | RegExp): void {
  if (!isExcelError(result)) throw new Error(`expected ${code}, got ${JSON.stringify(result)}`);
  expect(result.code).toBe(code);
  if (message === undefined) expect(result.message).toBeUndefined();
  else if (typeof message === "string") expect(result.message).toBe(message);
  else expect(result.message).toMatch(message);
}

/** A 1×1 spill holding an error: a spilling function's whole-result failure. */
export function expectSpillError(result: unknown, code: string, message?: string | RegExp): void {
  expect(Array.isArray(result)).toBe(true);
  const m = result as unknown[][];
  expect([m.length, m[0].length]).toEqual([1, 1]);
  expectError(m[0][0], code, message);
}

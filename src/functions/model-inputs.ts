/**
 * Argument reading and result tables of the probabilistic-CLV functions (KA.BGNBD, KA.PALIVE, KA.PURCHASES,
 * KA.GAMMAGAMMA, KA.CLVPREDICT). The wrappers in areas/models.ts stay thin: they call these, then the engine's
 * models (src/engine/models), and turn the engine's columns back into a spill in the input's layout.
 *
 * Conventions (docs/functions.md):
 * - frequency, recency, T (and monetary) pair up cell by cell, in any layout (column, row or block); a cell
 *   where all of them are blank is a blank customer and spills "" there; a cell where only some are blank is
 *   #VALUE! naming the blank one (a half-filled customer is a mistake, not a blank);
 * - impossible customer rows (negative or fractional frequency, recency above T, recency ≠ 0 with frequency 0,
 *   negative T or spend) are #VALUE! naming the argument and the row: they are bad data, not bad parameters;
 * - model parameters come as the table KA.BGNBD / KA.GAMMAGAMMA spills (read by label) or as 4 (3) cells in a
 *   row or column; a table whose `converged` row is FALSE is refused (#VALUE!): a fit that did not converge is
 *   shown for diagnosis, never used for predictions; a parameter ≤ 0 is #NUM! (impossible value).
 */
import { problem } from "../engine/problems";
import type { BgNbdFit, BgNbdParams, GammaGammaFit, GammaGammaParams, ParetoNbdParams, TimeUnit } from "../engine/models";
import { asRange, cellPosition, numberGrid, readNumberCell, requireSameShape, scalarOf, shapeOf, type NumberGrid, type Shape } from "./coerce";

/** Customers' model inputs read from cell ranges: NaN in every column where the customer's cells are blank. */
export interface CustomerRows extends Shape {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean repeat spend (only when monetary was read); 0 where frequency is 0 and monetary is blank. */
  monetary?: Float64Array;
}

/** Slack for recency ≤ T: summaries rounded to 2 decimals can put recency a rounding above T (as the engine allows). */
const within = (tx: number, T: number) => tx <= T * (1 + 1e-12) + 1e-12;

/** "frequency: row 3" for flat index i of a range of `shape` (row-major). */
function at(arg: string, i: number, shape: Shape): string {
  return cellPosition(arg, Math.floor(i / shape.columns), i % shape.columns, shape);
}

function rowOf(i: number, shape: Shape): number {
  return Math.floor(i / shape.columns) + 1;
}

/**
 * One customer's cells, all given or all blank: returns false for a blank customer, throws naming the first
 * blank cell of a half-filled one. `optional` cells may be blank on their own (monetary where frequency is 0).
 */
function filled(cells: [string, number][], i: number, shape: Shape): boolean {
  let given: [string, number] | undefined;
  let missing: string | undefined;
  for (const [arg, v] of cells) {
    if (v === v) given ??= [arg, v];
    else missing ??= arg;
  }
  if (!given) return false;
  if (missing) throw problem("badArgument", `${at(missing, i, shape)} is blank but ${given[0]} there is ${given[1]}`, { path: missing, row: rowOf(i, shape) });
  return true;
}

function checkFrequency(x: number, i: number, shape: Shape): void {
  if (!Number.isInteger(x) || x < 0) throw problem("badArgument", `${at("frequency", i, shape)} is ${x}, not a whole number of repeat purchases ≥ 0`, { path: "frequency", row: rowOf(i, shape) });
}

/**
 * monetary[i] checked and, when blank beside frequency 0, set to 0 (docs/metrics.md#customer-lifetime-value: no repeat
 * purchase, monetary 0).
 */
function checkMonetary(x: number, m: Float64Array, i: number, shape: Shape): void {
  if (m[i] !== m[i]) {
    if (x > 0) throw problem("badArgument", `${at("monetary", i, shape)} is blank but frequency there is ${x}: a repeat customer needs a mean repeat spend`, { path: "monetary", row: rowOf(i, shape) });
    m[i] = 0;
  } else if (m[i] < 0) {
    throw problem("badArgument", `${at("monetary", i, shape)} is ${m[i]}, below 0 (the mean spend of the repeat purchases)`, { path: "monetary", row: rowOf(i, shape) });
  }
}

/**
 * Reads frequency, recency, T (and optionally monetary) cell by cell and checks each customer.
 * @example customerRows([[2], [null]], [[30.43], [null]], [[38.86], [null]]) // x [2, NaN]: row 2 is a blank customer
 * @throws KaProblem sizeMismatch (naming both arguments), badArgument for a half-blank or impossible row
 *   (naming the argument and the row), notANumber/errorCell for a bad cell.
 */
export function customerRows(frequency: unknown, recency: unknown, T: unknown, monetary?: unknown): CustomerRows {
  const fx = numberGrid(frequency, "frequency");
  const ftx = numberGrid(recency, "recency");
  const fT = numberGrid(T, "T");
  requireSameShape(fx, "frequency", ftx, "recency");
  requireSameShape(fx, "frequency", fT, "T");
  let fm: NumberGrid | undefined;
  if (monetary !== undefined) {
    fm = numberGrid(monetary, "monetary");
    requireSameShape(fx, "frequency", fm, "monetary");
  }
  const shape: Shape = { rows: fx.rows, columns: fx.columns };
  const x = fx.values;
  const tx = ftx.values;
  const t = fT.values;
  const m = fm?.values;
  for (let i = 0; i < x.length; i++) {
    const cells: [string, number][] = [
      ["frequency", x[i]],
      ["recency", tx[i]],
      ["T", t[i]],
    ];
    if (!filled(cells, i, shape)) {
      // monetary alone beside three blanks is a half-filled customer too
      if (m && m[i] === m[i]) throw problem("badArgument", `${at("frequency", i, shape)} is blank but monetary there is ${m[i]}`, { path: "frequency", row: rowOf(i, shape) });
      continue;
    }
    checkFrequency(x[i], i, shape);
    if (t[i] < 0) throw problem("badArgument", `${at("T", i, shape)} is ${t[i]}, below 0 (T is the time since the first purchase)`, { path: "T", row: rowOf(i, shape) });
    if (tx[i] < 0) throw problem("badArgument", `${at("recency", i, shape)} is ${tx[i]}, below 0 (recency is the time from the first to the last purchase)`, { path: "recency", row: rowOf(i, shape) });
    if (!within(tx[i], t[i])) throw problem("badArgument", `${at("recency", i, shape)} is ${tx[i]}, more than T there (${t[i]}): the last purchase cannot come after the as-of date`, { path: "recency", row: rowOf(i, shape) });
    if (x[i] === 0 && tx[i] !== 0) throw problem("badArgument", `${at("recency", i, shape)} is ${tx[i]} but frequency there is 0: with no repeat purchase recency must be 0`, { path: "recency", row: rowOf(i, shape) });
    if (m) checkMonetary(x[i], m, i, shape);
  }
  return { ...shape, x, tx, T: t, monetary: m };
}

/** Customers' frequency and mean repeat spend (the Gamma-Gamma inputs); NaN where both cells are blank. */
export interface SpendRows extends Shape {
  x: Float64Array;
  m: Float64Array;
}

/**
 * Reads frequency and monetary cell by cell and checks each customer (monetary may be blank where frequency is 0).
 * @example spendRows([[2], [0]], [[22.35], [null]]) // x [2, 0], m [22.35, 0]
 * @throws KaProblem as customerRows.
 */
export function spendRows(frequency: unknown, monetary: unknown): SpendRows {
  const fx = numberGrid(frequency, "frequency");
  const fm = numberGrid(monetary, "monetary");
  requireSameShape(fx, "frequency", fm, "monetary");
  const shape: Shape = { rows: fx.rows, columns: fx.columns };
  const x = fx.values;
  const m = fm.values;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== x[i]) {
      if (m[i] === m[i]) throw problem("badArgument", `${at("frequency", i, shape)} is blank but monetary there is ${m[i]}`, { path: "frequency", row: rowOf(i, shape) });
      continue;
    }
    checkFrequency(x[i], i, shape);
    checkMonetary(x[i], m, i, shape);
  }
  return { ...shape, x, m };
}

/** A result cell of a parameter table: label and value (a number, TRUE/FALSE, or "" for an undefined value). */
export type TableRow = [string, number | boolean | string];

/** Labels of KA.BGNBD's spill, in order. */
export const BGNBD_LABELS = ["r", "alpha", "a", "b", "log-likelihood", "converged"] as const;
/** Labels of KA.GAMMAGAMMA's spill, in order. */
export const GAMMAGAMMA_LABELS = ["p", "q", "v", "log-likelihood", "converged", "correlation"] as const;

/** KA.BGNBD's spill: r, alpha, a, b, log-likelihood, converged. */
export function bgnbdTable(fit: BgNbdFit): TableRow[] {
  const { r, alpha, a, b } = fit.params;
  return [
    ["r", r],
    ["alpha", alpha],
    ["a", a],
    ["b", b],
    ["log-likelihood", fit.logLikelihood],
    ["converged", fit.converged],
  ];
}

/** KA.GAMMAGAMMA's spill: p, q, v, log-likelihood, converged, correlation of frequency and spend ("" if undefined). */
export function gammaGammaTable(fit: GammaGammaFit): TableRow[] {
  const { p, q, v } = fit.params;
  return [
    ["p", p],
    ["q", q],
    ["v", v],
    ["log-likelihood", fit.logLikelihood],
    ["converged", fit.converged],
    ["correlation", Number.isFinite(fit.correlation) ? fit.correlation : ""],
  ];
}

/** Label aliases accepted when a parameter table is read back (trimmed, case-insensitive). */
const ALIASES: Record<string, string> = { α: "alpha", γ: "v", gamma: "v" };

/**
 * Model parameters from a cell range: the 2-column table the fitting function spills (label, value — read by
 * label, other labels ignored, a FALSE `converged` row refused), or `names.length` cells in one row or column in
 * the order of `names`. Each parameter must be a finite number > 0 (else #NUM!).
 */
function modelParams(value: unknown, arg: string, names: readonly string[], fitter: string): Record<string, number> {
  const range = asRange(value, arg);
  const shape = shapeOf(range, arg);
  const expects = `expects the 2-column table of ${fitter} (labels ${names.join(", ")}) or ${names.length} cells ${names.join(", ")} in one row or column`;
  const out: Record<string, number> = {};
  if (shape.columns === 2 && shape.rows >= names.length && typeof range[0][0] === "string") {
    const seen = new Map<string, number>();
    for (let r = 0; r < shape.rows; r++) {
      const cell = range[r][0];
      const raw = typeof cell === "string" ? cell.trim().toLowerCase() : "";
      const label = ALIASES[raw] ?? raw;
      if (label === "converged") {
        const v = range[r][1];
        const notConverged = v === false || v === 0 || (typeof v === "string" && v.trim().toUpperCase() === "FALSE");
        if (notConverged) throw problem("badArgument", `${arg}: the ${fitter} fit did not converge (converged is FALSE), so its parameters are not estimates; refit with a penalizer, e.g. 0.01`, { path: arg, row: r + 1 });
        continue;
      }
      if (!names.includes(label)) continue;
      if (seen.has(label)) throw problem("badArgument", `${arg}: rows ${(seen.get(label) as number) + 1} and ${r + 1} are both labelled ${label}`, { path: arg, row: r + 1 });
      seen.set(label, r);
      const v = readNumberCell(range[r][1], arg, r, 1, shape);
      if (v === undefined) throw problem("badArgument", `${cellPosition(arg, r, 1, shape)} is blank (${label})`, { path: arg, row: r + 1 });
      out[label] = v;
    }
    const missing = names.filter((k) => !seen.has(k));
    if (missing.length > 0) throw problem("badArgument", `${arg}: no row labelled ${missing.join(", ")}; ${expects}`, { path: arg });
  } else if ((shape.rows === 1 || shape.columns === 1) && shape.rows * shape.columns === names.length) {
    names.forEach((name, k) => {
      const r = shape.columns === 1 ? k : 0;
      const c = shape.columns === 1 ? 0 : k;
      const v = readNumberCell(range[r][c], arg, r, c, shape);
      if (v === undefined) throw problem("badArgument", `${cellPosition(arg, r, c, shape)} is blank (${name})`, { path: arg, row: r + 1 });
      out[name] = v;
    });
  } else {
    throw problem("badArgument", `${arg}: ${expects}; got ${shape.rows} row${shape.rows === 1 ? "" : "s"} × ${shape.columns} column${shape.columns === 1 ? "" : "s"}`, { path: arg });
  }
  for (const name of names) {
    if (!(out[name] > 0) || !Number.isFinite(out[name])) throw problem("outOfRange", `${arg}: ${name} = ${out[name]} must be a finite number > 0`, { path: arg });
  }
  return out;
}

/**
 * BG/NBD parameters from KA.BGNBD's table or 4 cells r, alpha, a, b.
 * @example bgnbdParams([["r", 0.243], ["alpha", 4.414], ["a", 0.793], ["b", 2.426]], "params") // { r: 0.243, … }
 */
export function bgnbdParams(value: unknown, arg: string): BgNbdParams {
  const p = modelParams(value, arg, ["r", "alpha", "a", "b"], "KA.BGNBD");
  return { r: p.r, alpha: p.alpha, a: p.a, b: p.b };
}

/**
 * Pareto/NBD parameters from KA.PARETONBD's table or 4 cells r, alpha, s, beta (forecast's addition).
 * @example paretoNbdParams([[0.553, 10.58, 0.606, 11.67]], "params") // { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }
 */
export function paretoNbdParams(value: unknown, arg: string): ParetoNbdParams {
  const p = modelParams(value, arg, ["r", "alpha", "s", "beta"], "KA.PARETONBD");
  return { r: p.r, alpha: p.alpha, s: p.s, beta: p.beta };
}

/**
 * The repeat-purchase model: "bgnbd" (default, also when blank) or "paretonbd", any case (forecast's addition).
 * @example repeatModelArg("ParetoNBD", "model") // "paretonbd"
 */
export function repeatModelArg(value: unknown, arg: string): "bgnbd" | "paretonbd" {
  const v = scalarOf(value, arg);
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return "bgnbd";
  const text = typeof v === "string" ? v.trim().toLowerCase().replace(/[\s/_-]/g, "") : undefined;
  if (text === "bgnbd") return "bgnbd";
  if (text === "paretonbd" || text === "pareto") return "paretonbd";
  throw problem("badArgument", `${arg} must be "bgnbd" or "paretonbd", not ${typeof v === "string" ? `'${v}'` : String(v)}`, { path: arg });
}

/**
 * Gamma-Gamma parameters from KA.GAMMAGAMMA's table or 3 cells p, q, v.
 * @example gammaGammaParams([[6.25, 3.74, 15.45]], "ggParams") // { p: 6.25, q: 3.74, v: 15.45 }
 */
export function gammaGammaParams(value: unknown, arg: string): GammaGammaParams {
  const p = modelParams(value, arg, ["p", "q", "v"], "KA.GAMMAGAMMA");
  return { p: p.p, q: p.q, v: p.v };
}

/**
 * The model's time unit: "day", "week" (default, also when blank) or "month", any case.
 * @example timeUnitArg("Month", "unit") // "month"
 */
export function timeUnitArg(value: unknown, arg: string): TimeUnit {
  const v = scalarOf(value, arg);
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return "week";
  const text = typeof v === "string" ? v.trim().toLowerCase() : undefined;
  if (text === "day" || text === "week" || text === "month") return text;
  const shown = typeof v === "string" ? `'${v}'` : typeof v === "number" || typeof v === "boolean" ? String(v).toUpperCase() : "not text";
  throw problem("badArgument", `${arg} must be "day", "week" or "month" (the unit of recency and T), not ${shown}`, { path: arg });
}

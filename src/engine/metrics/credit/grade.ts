import { problem } from "../../problems";

export type CreditGrade = "A" | "B" | "C" | "D" | "E";

/** Lowest score of each grade; below `D` is `E` (docs/metrics.md#credit). */
export interface GradeCutoffs {
  A: number;
  B: number;
  C: number;
  D: number;
}

export const DEFAULT_GRADE_CUTOFFS: Readonly<GradeCutoffs> = Object.freeze({ A: 80, B: 65, C: 50, D: 35 });

/**
 * Credit grade of a 0–100 scorecard score (docs/metrics.md#credit): A when `score ≥ A` (80), B when `≥ B` (65), C when
 * `≥ C` (50), D when `≥ D` (35), else E. A cut-off is inclusive: exactly 80 is A, 79.999 is B.
 *
 * @example creditGrade(80) // "A"
 * @example creditGrade(64.9) // "C"
 * @throws KaProblem outOfRange when `score` is outside 0–100 or the cut-offs are not descending A > B > C > D;
 *   notANumber for a non-finite score.
 */
export function creditGrade(score: number, cutoffs: GradeCutoffs = DEFAULT_GRADE_CUTOFFS): CreditGrade {
  if (!Number.isFinite(score)) throw problem("notANumber", `score: ${String(score)} is not a number`, { path: "score" });
  if (score < 0 || score > 100) throw problem("outOfRange", `score: ${score} is outside 0–100`, { path: "score" });
  checkCutoffs(cutoffs);
  if (score >= cutoffs.A) return "A";
  if (score >= cutoffs.B) return "B";
  if (score >= cutoffs.C) return "C";
  if (score >= cutoffs.D) return "D";
  return "E";
}

/** Cut-offs must be finite and strictly descending A > B > C > D, else a grade could never be given. */
export function checkCutoffs(cutoffs: GradeCutoffs): void {
  const { A, B, C, D } = cutoffs;
  for (const [k, v] of Object.entries({ A, B, C, D })) {
    if (!Number.isFinite(v)) throw problem("notANumber", `cutoffs.${k}: ${String(v)} is not a number`, { path: `cutoffs.${k}` });
  }
  if (!(A > B && B > C && C > D)) {
    throw problem("outOfRange", `cutoffs: must descend A > B > C > D (got ${A}, ${B}, ${C}, ${D})`, { path: "cutoffs" });
  }
}

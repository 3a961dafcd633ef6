/**
 * Defined names a formula uses. A formula that names something the workbook does not define shows #NAME? as soon as
 * Excel recalculates (the xlsx writer asks for a full recalculation on load), while the cached value still looks right
 * in every reader that does not calculate; the writer refuses such a report instead of shipping it.
 */

const CELL = /^\$?[A-Za-z]{1,3}\$?[0-9]{1,7}$/;
const COLUMN = /^\$?[A-Za-z]{1,3}$/;

/**
 * Bare names in an Excel formula (English syntax, as the Report writes it): identifiers that are not functions
 * (followed by `(`), tables (followed by `[`), sheets (followed by `!`), cell or column references, booleans,
 * or LET/LAMBDA parameters (`_xlpm.`). Text in double quotes, quoted sheet names, `[...]` groups and error
 * literals are skipped.
 * @example namesInFormula("IF(KA_HHI<1000,\"low\",SUM(KATest[Revenue])*KA_Rate)") // ["KA_HHI", "KA_Rate"]
 */
export function namesInFormula(formula: string): string[] {
  const out: string[] = [];
  const n = formula.length;
  let i = 0;
  const skipQuoted = (q: string) => {
    i++;
    while (i < n) {
      if (formula[i] === q) {
        if (formula[i + 1] === q) i += 2; // doubled quote inside
        else {
          i++;
          return;
        }
      } else i++;
    }
  };
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      skipQuoted(ch);
    } else if (ch === "[") {
      let depth = 0;
      for (; i < n; i++) {
        const c = formula[i];
        if (c === "'") i++; // escaped character inside a structured reference
        else if (c === "[") depth++;
        else if (c === "]" && --depth === 0) {
          i++;
          break;
        }
      }
    } else if (ch === "#") {
      i++;
      while (i < n && /[A-Za-z0-9/!?_]/.test(formula[i])) i++;
    } else if (/[0-9.]/.test(ch)) {
      while (i < n && /[0-9.]/.test(formula[i])) i++;
      if (/[eE]/.test(formula[i] ?? "") && /[-+0-9]/.test(formula[i + 1] ?? "")) {
        i += 2;
        while (i < n && /[0-9]/.test(formula[i])) i++;
      }
    } else if (/[A-Za-z_\\$]/.test(ch)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_.\\$]/.test(formula[i])) i++;
      const ident = formula.slice(start, i);
      let j = i;
      while (j < n && formula[j] === " ") j++;
      const next = formula[j];
      const prev = start > 0 ? formula[start - 1] : "";
      const isRef = CELL.test(ident) || ((next === ":" || prev === ":") && (COLUMN.test(ident) || /^\$?[0-9]+$/.test(ident)));
      const keyword = /^(TRUE|FALSE)$/i.test(ident) || ident.toLowerCase().startsWith("_xlpm.");
      if (next !== "(" && next !== "[" && next !== "!" && !isRef && !keyword && !ident.startsWith("$")) out.push(ident);
    } else {
      i++;
    }
  }
  return out;
}

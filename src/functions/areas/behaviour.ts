/**
 * Customer behaviour: KA.RFMSCORE, KA.RFMSEGMENT, KA.RFM (engine: src/engine/metrics/rfm). Score grids and
 * transaction rows are read by ../behaviour-inputs.ts.
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import { rfmFromTransactions, rfmScores, rfmSegment, resolveBins, SEGMENT_RULES } from "../../engine/metrics/rfm";
import { booleanArg, isOmitted, numberGrid, numbers, optionalDateArg, optionalNumberArg, requireSameShape } from "../coerce";
import { guardSpill, spillCells } from "../guard";
import { scoreGrid, transactionRows } from "../behaviour-inputs";

/**
 * RFM score of each value, spilled beside the values: 1 to bins, higher is better, ties share a score. Count rule: MIN(bins, 1 + INT(bins × (values below) / (values))) — above instead of below when lowerIsBetter (recency). With breaks: 1 + the breakpoints at or below the value. Example: 1, 2, 2, 3, 5, 8, 8, 8, 13, 21 → 1, 1, 1, 2, 3, 3, 3, 3, 5, 5.
 * @customfunction RFMSCORE
 * @param values Recency (days), frequency or monetary value per customer; blank cells give an empty result.
 * @param [bins] Number of scores, a whole number from 2 to 10 (default 5; with breaks, breaks + 1).
 * @param [lowerIsBetter] TRUE for recency (fewer days scores higher); FALSE (default) for frequency and monetary.
 * @param [breaks] Fixed thresholds instead of the count rule: ascending, bins − 1 of them; a value equal to one goes to the bin above it.
 * @returns A score per value, in the values' layout.
 */
export function rfmScore(values: any[][], bins?: any, lowerIsBetter?: any, breaks?: any[][]): any[][] {
  return guardSpill(() => {
    const grid = numberGrid(values, "values");
    const b = isOmitted(breaks) ? undefined : numbers(breaks, "breaks");
    const scores = rfmScores(grid.values, { bins: optionalNumberArg(bins, "bins"), lowerIsBetter: booleanArg(lowerIsBetter, "lowerIsBetter", false), breaks: b });
    return spillCells(scores, grid.rows, grid.columns);
  });
}

/**
 * RFM segment (Champions, Loyal, … Lost) of each customer from its R, F and M scores, spilled: scores are mapped to 1–5 (CEILING(5 × score / bins)), FM = ROUND((F + M) / 2), and the first matching rule of the 11-segment table wins. Example: R 5, F 4, M 4 → Champions; R 2, F 5, M 5 → Can't Lose.
 * @customfunction RFMSEGMENT
 * @param r Recency score per customer (a whole number from 1 to bins); a range gives one segment per cell.
 * @param f Frequency score per customer, same size as r.
 * @param m Monetary score per customer, same size as r.
 * @param [bins] The bins the scores were made with, 2 to 10 (default 5).
 * @param [chinese] TRUE for the Chinese segment names (重要价值客户 …); FALSE (default) for English.
 * @returns A segment name per customer, empty where a score is blank.
 */
export function rfmSegmentName(r: any[][], f: any[][], m: any[][], bins?: any, chinese?: any): any[][] {
  return guardSpill(() => {
    const b = resolveBins(optionalNumberArg(bins, "bins"));
    const zh = booleanArg(chinese, "chinese", false);
    const rg = scoreGrid(r, "r", b);
    const fg = scoreGrid(f, "f", b);
    const mg = scoreGrid(m, "m", b);
    requireSameShape(rg, "r", fg, "f");
    requireSameShape(rg, "r", mg, "m");
    const names: string[] = new Array(rg.values.length);
    for (let i = 0; i < names.length; i++) {
      const [x, y, z] = [rg.values[i], fg.values[i], mg.values[i]];
      if (x !== x || y !== y || z !== z) names[i] = "";
      else {
        const k = rfmSegment(x, y, z, b);
        names[i] = k < 0 ? "" : zh ? SEGMENT_RULES[k].nameZh : SEGMENT_RULES[k].name;
      }
    }
    return spillCells(names, rg.rows, rg.columns);
  });
}

/**
 * RFM table from transactions, spilled with a header: Customer, Recency (days since the last purchase), Frequency (purchase days), Monetary (net revenue), R, F, M, RFM, Segment; one row per customer in order of appearance. Credit notes (negative amounts) reduce Monetary but are not purchases. Example: A, B, A on 2024-01-10, 01-20, 01-30 with 50, 20, 30 → A: 0, 2, 80.
 * @customfunction RFM
 * @param customers Customer name or id on each transaction row.
 * @param dates Date of each transaction (Excel dates or text dates), same size as customers.
 * @param amounts Amount of each transaction (money; negative for credit notes), same size as customers.
 * @param [asOf] Analysis date (default: the latest date); later transactions are left out.
 * @param [bins] Number of scores, 2 to 10 (default 5).
 * @returns A table with a header row and one row per customer.
 */
export function rfm(customers: any[][], dates: any[][], amounts: any[][], asOf?: any, bins?: any): any[][] {
  return guardSpill(() => {
    const rows = transactionRows(customers, dates, amounts);
    const t = rfmFromTransactions(rows.names, rows.days, rows.amounts, { asOf: optionalDateArg(asOf, "asOf"), bins: optionalNumberArg(bins, "bins") });
    const k = t.columns;
    const blank = (v: number) => (v === v ? v : "");
    // every customer here has transactions, so a missing net revenue can only be one beyond the number range
    const monetary = (v: number) => (v === v ? v : Infinity); // → #NUM! (guardSpill)
    const out: (string | number)[][] = [["Customer", "Recency", "Frequency", "Monetary", "R", "F", "M", "RFM", "Segment"]];
    for (let c = 0; c < t.customers.length; c++) {
      const s = k.segment[c];
      out.push([t.customers[c], blank(k.recency[c]), blank(k.frequency[c]), monetary(k.monetary[c]), blank(k.r[c]), blank(k.f[c]), blank(k.m[c]), t.codes[c], s >= 0 ? k.rules[s].name : ""]);
    }
    return out;
  });
}

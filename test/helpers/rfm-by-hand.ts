/**
 * SPEC §3's segment rules read by hand as plain if-chains (bins 5): an independent reading of the table, for
 * tests that compare the engine's and the workbook's segments. `championsRmin` lets a test model an edited rule.
 */
export function segmentByHand(r: number, f: number, m: number, championsRmin = 4): string {
  const fm = Math.floor((f + m) / 2 + 0.5); // ROUND half up, as Excel
  if (r >= championsRmin && fm >= 4) return "Champions";
  if (r >= 3 && fm >= 4) return "Loyal";
  if (r >= 4 && fm === 3) return "Potential Loyalist";
  if (r >= 4 && fm <= 2 && f === 1) return "New";
  if (r >= 4 && fm <= 2) return "Promising";
  if (r === 3 && fm === 3) return "Need Attention";
  if (r === 3 && fm <= 2) return "About to Sleep";
  if (r <= 2 && fm === 5) return "Can't Lose";
  if (r <= 2 && fm >= 3) return "At Risk";
  if (r === 2 && fm <= 2) return "Hibernating";
  return "Lost";
}

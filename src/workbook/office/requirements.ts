/**
 * The Office.js requirement sets the add-in relies on. manifest.xml declares ExcelApi `EXCEL_API` (Excel installs
 * the add-in only where that set is supported); a member from a newer set is used only under
 * `if (supportsExcelApi("1.10"))`, with a fallback. test/build/requirement-sets.test.ts checks both against the
 * `[Api set: …]` annotations of @types/office-js.
 */

/** The ExcelApi set the manifest declares: `Range.getTables` and `suspendScreenUpdatingUntilNextSync` are 1.9. */
export const EXCEL_API = "1.9";

/** Whether this Excel supports ExcelApi `version` (false outside Office). */
export function supportsExcelApi(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

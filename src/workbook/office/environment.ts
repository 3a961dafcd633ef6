/**
 * Where the pane runs: inside Excel, or in a plain browser (the standalone demo). The only file that uses
 * `@microsoft/office-js-helpers` (archived upstream; kept to this one adapter on purpose).
 */
import { HostType, Utilities } from "@microsoft/office-js-helpers";

/** True when Office.js has initialised inside Excel (after `Office.onReady`). */
export function isExcelHost(): boolean {
  try {
    return Utilities.host === HostType.EXCEL;
  } catch {
    return false;
  }
}

/** Office's display language (`zh-CN`, `en-US`, …) inside Office; the browser's language outside it. */
export function displayLanguage(): string {
  const office = (globalThis as { Office?: typeof Office }).Office;
  let fromOffice: string | undefined;
  try {
    fromOffice = office?.context?.displayLanguage;
  } catch {
    fromOffice = undefined; // office.js loaded outside Office: no context
  }
  return fromOffice || (typeof navigator !== "undefined" ? navigator.language : "") || "en-US";
}

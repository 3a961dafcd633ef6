/** Where the pane runs and in which language: Office's inside Excel, the browser's in the standalone demo. */

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

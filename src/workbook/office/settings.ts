/**
 * The pane's settings in the workbook: the document's settings store (`Office.context.document.settings`), and the
 * parameters and mapping the report writes on KA About. Document settings can be lost (some hosts, `refreshAsync`),
 * so the pane restores from either.
 */
import type { Scalar } from "../../engine/report/types";
import type { AboutContent } from "../port";
import { SETTINGS_KEY } from "../port";
import { OWNED_NAME_PREFIX, ownedSheets, sameSheetName, sheetOfReference } from "./plan";

/** The saved settings value, or undefined. */
export function loadDocumentSettings(): unknown {
  const value = Office.context.document.settings.get(SETTINGS_KEY) as unknown;
  return value === null ? undefined : value;
}

/** Stores the settings in the document and saves them with it. */
export function saveDocumentSettings(value: unknown): Promise<void> {
  const settings = Office.context.document.settings;
  settings.set(SETTINGS_KEY, value);
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
      else reject(result.error);
    });
  });
}

/** Named parameter cells and label/value pairs of the add-in's KA About tab; undefined when there is none. Two syncs. */
export async function readAbout(context: Excel.RequestContext): Promise<AboutContent | undefined> {
  const sheets = context.workbook.worksheets.load("items/name");
  const names = context.workbook.names.load("items/name,items/formula");
  await context.sync();
  const list = names.items.map((n) => ({ name: n.name, formula: String(n.formula) }));
  const aboutName = ownedSheets(
    list,
    sheets.items.map((s) => s.name),
  ).about;
  if (aboutName === undefined) return undefined;
  const params = list.filter((n) => {
    const target = sheetOfReference(n.formula);
    return n.name.startsWith("KA_") && !n.name.startsWith(OWNED_NAME_PREFIX) && target !== undefined && sameSheetName(target, aboutName);
  });
  const cells = params.map((n) => context.workbook.names.getItem(n.name).getRange().load("values"));
  const used = context.workbook.worksheets.getItem(aboutName).getUsedRange(true).load("values");
  await context.sync();
  const out: AboutContent = { names: {}, pairs: [] };
  params.forEach((n, i) => {
    out.names[n.name] = (cells[i].values[0]?.[0] ?? null) as Scalar;
  });
  for (const row of used.values as Scalar[][]) if (typeof row[0] === "string" && row[0] !== "" && row.length > 1) out.pairs.push([row[0], row[1] ?? null]);
  return out;
}

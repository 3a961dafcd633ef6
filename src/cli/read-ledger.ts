import * as path from "path";
import { problem } from "../engine/problems";
import type { LedgerSource } from "../workbook/port";
import { openCsvLedger } from "../workbook/xlsx/read-csv";
import { openXlsxLedger } from "../workbook/xlsx/read-xlsx";

/** Opens a ledger file by its extension: .xlsx/.xlsm through exceljs's streaming reader, text files through papaparse. */
export async function openLedgerFile(file: string, opts: { sheet?: string } = {}): Promise<LedgerSource> {
  const ext = path.extname(file.toLowerCase().replace(/\.gz$/, ""));
  if (ext === ".xlsx" || ext === ".xlsm") return openXlsxLedger(file, { sheet: opts.sheet });
  if (ext === ".xls") throw problem("fileUnreadable", `cannot read ${file}: legacy .xls workbooks are not supported; save it as .xlsx or CSV UTF-8.`, { path: file });
  if (opts.sheet !== undefined) throw problem("badArgument", `--sheet applies to .xlsx ledgers only, and ${path.basename(file)} is a text file`, { path: "--sheet" });
  return openCsvLedger(file);
}

/**
 * The file adapters of the workbook port: ledgers from CSV/TSV/XLSX files, reports to .xlsx files.
 */
import { problem } from "../../engine/problems";
import type { LedgerSource } from "../port";
import { assertReadableFile, firstBytes, openCsvLedger } from "./read-csv";
import type { CsvReadOptions, TextFileInfo } from "./read-csv";
import type { XlsxReadOptions } from "./read-xlsx";

export { openCsvLedger, readCsvRows, detectEncoding, sniffDelimiter } from "./read-csv";
export type { TextFileInfo } from "./read-csv";
export type { CsvReadOptions } from "./read-csv";
// The XLSX reader (and its zip and XML libraries) is loaded only for a workbook ledger: import it from ./read-xlsx.
export type { XlsxReadOptions, WorkbookState } from "./read-xlsx";
export { conditionToA1 } from "../conditions";
export type { TablePlace } from "../conditions";

/** A ledger file opened for reading; `text` (encoding, delimiter) when it is a CSV/TSV file. */
export type FileLedgerSource = LedgerSource & { text?: TextFileInfo };

/**
 * Opens a ledger file by what its bytes are: a zip is an .xlsx workbook, an OLE2 file a legacy .xls (refused with
 * advice), anything else text (CSV/TSV, optionally gzip-compressed). `sheet` applies to workbooks only.
 *
 * @throws KaProblem "fileUnreadable" (missing, unreadable, legacy .xls, corrupt), "badArgument" (unknown sheet, or
 *   `sheet` given for a text file), "noRows" (empty)
 * @example
 * const src = await openLedgerFile("ledger.xlsx", { sheet: "Sales" });
 */
export async function openLedgerFile(file: string, opts: XlsxReadOptions & CsvReadOptions = {}): Promise<FileLedgerSource> {
  await assertReadableFile(file);
  const magic = await firstBytes(file, 4);
  const isZip = magic.length === 4 && magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04;
  const isOle = magic.length === 4 && magic[0] === 0xd0 && magic[1] === 0xcf && magic[2] === 0x11 && magic[3] === 0xe0;
  if (isZip || isOle) return (await import("./read-xlsx")).openXlsxLedger(file, opts);
  if (opts.sheet !== undefined) {
    throw problem("badArgument", `--sheet '${opts.sheet}' applies to .xlsx workbooks; ${file} is a text (CSV/TSV) file.`, { path: "sheet" });
  }
  return openCsvLedger(file, opts);
}

import type { Report } from "../engine/report/types";
import { writeXlsxFile } from "../workbook/xlsx/write-xlsx";

/** Writes the report workbook (native charts included). */
export async function writeReportFile(file: string, build: (skippedCharts: string[]) => Report): Promise<string[]> {
  await writeXlsxFile(build([]), file);
  return [];
}

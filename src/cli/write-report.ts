import type { Report } from "../engine/report/types";
import { chartsSkippedByXlsx, writeXlsxFile } from "../workbook/xlsx/write-xlsx";

/**
 * Writes the report workbook. The xlsx writer draws no charts, and About lists the charts it left out, so the
 * report is described once to learn its charts and once more with that list. Returns the skipped chart titles.
 */
export async function writeReportFile(file: string, build: (skippedCharts: string[]) => Report): Promise<string[]> {
  const skipped = chartsSkippedByXlsx(build([]));
  await writeXlsxFile(build(skipped), file);
  return skipped;
}

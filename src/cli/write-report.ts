import { rmSync } from "fs";
import type { Report } from "../engine/report/types";
import { writeXlsxFile } from "../workbook/xlsx/write-xlsx";

/** Signals that end `ka` while it writes: the temporary file goes with it. */
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Writes the report workbook (native charts included) without ever leaving a broken or half-written file: the bytes
 * go to a temporary file in the same folder, renamed over `file` only when complete (writeXlsxFile). If the process
 * is interrupted meanwhile (Ctrl+C, `kill`, a closed terminal), the temporary file is removed and the signal then
 * ends the process as it would have; the previous report, if any, is untouched.
 */
export async function writeReportFile(file: string, build: (skippedCharts: string[]) => Report): Promise<string[]> {
  let tmp: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (tmp !== undefined) rmSync(tmp, { force: true });
    stopListening();
    process.kill(process.pid, signal); // no listener left: the default action ends the process with this signal
  };
  const stopListening = () => {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    await writeXlsxFile(build([]), file, { onTempFile: (t) => (tmp = t) });
  } finally {
    stopListening();
  }
  return [];
}

/**
 * The one place that calls `Excel.run`. Excel refuses API calls while a user is typing in a cell
 * (`InvalidOperationInCellEditMode`); the batch is retried until the user leaves the cell, with a callback so the
 * pane can say why it waits. Every Office.js batch of the add-in goes through `runExcel`.
 */
import { problem } from "../../engine/problems";

export interface RunExcelOptions {
  /** Called once per wait while Excel is in cell-edit mode. */
  onWaitForCellEdit?(attempt: number): void;
  /** Stops waiting (the batch itself checks the signal between its syncs). */
  signal?: AbortSignal;
  /** Retries before giving up (default 120: about two minutes at one a second). */
  retries?: number;
  /** Pause between retries, ms (default 1000). */
  retryDelayMs?: number;
}

/** True for the error Excel raises when a batch arrives while a cell is being edited. */
export function isCellEditModeError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "InvalidOperationInCellEditMode";
}

export async function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>, opts: RunExcelOptions = {}): Promise<T> {
  const retries = opts.retries ?? 120;
  for (let attempt = 1; ; attempt++) {
    try {
      return await Excel.run(batch);
    } catch (e) {
      if (!isCellEditModeError(e) || attempt > retries) throw e;
      opts.onWaitForCellEdit?.(attempt);
      await new Promise((resolve) => setTimeout(resolve, opts.retryDelayMs ?? 1000));
      if (opts.signal?.aborted) throw problem("cancelled", "Cancelled while Excel was in cell-edit mode.");
    }
  }
}

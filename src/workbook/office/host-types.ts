/**
 * What the task pane needs from a workbook host: find a ledger, read it in chunks, write a Report, keep the pane's
 * settings. Implemented by the Office adapter (this folder) and by the in-memory workbook (../memory), the
 * standalone demo and the e2e tests' host. Pure types: no Office.js here.
 */
import type { RawCell } from "../../engine/ledger/types";
import type { Report, Scalar, SheetSpec } from "../../engine/report/types";

/** Where a ledger is: a rectangle of a sheet, found from the selection, a table, or a sheet's used range. */
export interface LedgerLocation {
  kind: "selection" | "region" | "table" | "sheet";
  sheet: string;
  /** Excel table name when kind is "table". */
  table?: string;
  /** A1 rectangle within the sheet, header row first (e.g. `A1:H2001`). */
  address: string;
}

export interface LocationInfo extends LedgerLocation {
  /** Rows including the header row, and columns. */
  rows: number;
  cols: number;
}

/** The candidates the Data page offers. */
export interface Discovery {
  /** The selected range when it spans more than one cell. */
  selection?: LocationInfo;
  /** The Excel table the cursor is in. */
  tableAtCursor?: LocationInfo;
  /** The block of data around the cursor (Ctrl+A), when the cursor is not in a table. */
  regionAtCursor?: LocationInfo;
  tables: LocationInfo[];
  /** Used range of each visible sheet that has data (the add-in's own tabs excluded). */
  sheets: LocationInfo[];
}

/** The header row and first rows of a location, for the Columns page. */
export interface Preview {
  location: LocationInfo;
  header: RawCell[];
  rows: RawCell[][];
  /** The workbook counts dates from 1904 (Mac legacy). */
  date1904: boolean;
}

/** Receives a ledger as it is read. `begin` is called again if the host has to restart the read. */
export interface RowSink {
  begin(header: RawCell[], info: { headerRow: number; dataRows: number; date1904: boolean }): void;
  rows(chunk: RawCell[][]): void;
}

export interface ProgressOptions {
  /** `done` in [0, 1]; `detail` names the tab being written or the rows read so far. */
  onProgress?(stage: string, done: number, detail?: string): void;
  signal?: AbortSignal;
}

/** A tab as written: its role and the name it got (numbered when a user's sheet had the name). */
export interface WrittenSheet {
  role: SheetSpec["role"];
  name: string;
}

/** Parameters and mapping as written on KA About: named cells by name, and label/value pairs. */
export interface AboutContent {
  names: Record<string, Scalar>;
  pairs: [string, Scalar][];
}

/** The pane's saved settings: from the document's settings store and/or from KA About. */
export interface StoredSettings {
  document?: unknown;
  about?: AboutContent;
}

export interface WorkbookHost {
  readonly kind: "excel" | "demo";
  discover(): Promise<Discovery>;
  preview(location: LedgerLocation, rows: number): Promise<Preview>;
  read(location: LedgerLocation, sink: RowSink, opts?: ProgressOptions): Promise<void>;
  write(report: Report, opts?: ProgressOptions): Promise<WrittenSheet[]>;
  /** Shows a tab (and selects `address` on it when given). */
  activate(sheet: string, address?: string): Promise<void>;
  loadSettings(): Promise<StoredSettings>;
  saveSettings(settings: unknown): Promise<void>;
}

/** Key of the pane's settings in the document's settings store. */
export const SETTINGS_KEY = "KA.settings";

/**
 * Recalculation check with headless LibreOffice: an independent spreadsheet engine opens a written workbook,
 * recalculates every formula, and saves it; the test then compares each formula's recalculated value with the value
 * the engine cached in the file.
 *
 * LibreOffice does NOT recalculate .xlsx files on load by default (Calc setting "Recalculation on File Load" for
 * Excel 2007+ files, `OOXMLRecalcMode`, defaults to 1 = never: it shows the cached values). Each call therefore runs
 * with a fresh user profile whose registrymodifications.xcu sets `OOXMLRecalcMode` = 0 (always), converts
 * xlsx → xlsx (LibreOffice writes the values it computed), and reads the result back with exceljs.
 * A fresh profile per call also lets calls run in parallel (a shared profile is locked by the first instance).
 */
import { spawn } from "child_process";
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export type CellValue = number | string | boolean | null | { error: string };

export interface CellSnapshot {
  value: CellValue;
  /** Formula text (no leading `=`) when the cell holds one. */
  formula?: string;
}

/** Sheet name → A1 address → cell. */
export type WorkbookCells = Record<string, Record<string, CellSnapshot>>;

export class LibreOfficeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LibreOfficeError";
  }
}

/** Path of the LibreOffice binary: `$SOFFICE`, else `soffice`/`libreoffice` on PATH, else the usual install places. */
export function findSoffice(): string | undefined {
  const candidates: string[] = [];
  if (process.env.SOFFICE) candidates.push(process.env.SOFFICE);
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir) candidates.push(path.join(dir, "soffice"), path.join(dir, "libreoffice"));
  }
  candidates.push("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice");
  return candidates.find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const RECALC_ALWAYS_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Opens `xlsxPath` in headless LibreOffice with "always recalculate on load", saves it as .xlsx, and returns every
 * cell of every sheet of the recalculated file.
 * @param opts.soffice the binary to run (default: `findSoffice()`)
 * @throws LibreOfficeError when soffice is missing, fails, times out, or writes no file
 */
export async function recalculate(xlsxPath: string, opts: { timeoutMs?: number; soffice?: string } = {}): Promise<WorkbookCells> {
  const soffice = opts.soffice !== undefined ? (isExecutable(opts.soffice) ? opts.soffice : undefined) : findSoffice();
  if (!soffice) {
    throw new LibreOfficeError("LibreOffice (soffice) was not found: install it (Debian: apt-get install libreoffice-calc-nogui) or set SOFFICE to its path.");
  }
  if (!fs.existsSync(xlsxPath)) throw new LibreOfficeError(`no such workbook: ${xlsxPath}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lo-"));
  try {
    const profile = path.join(work, "profile");
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS_XCU);
    const inDir = path.join(work, "in");
    const outDir = path.join(work, "out");
    fs.mkdirSync(inDir);
    fs.mkdirSync(outDir);
    const input = path.join(inDir, "book.xlsx"); // a plain name: no spaces or quotes for soffice's argument parsing
    fs.copyFileSync(xlsxPath, input);
    const args = [
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--nodefault",
      "--nofirststartwizard",
      `-env:UserInstallation=file://${profile.split(path.sep).map(encodeURIComponent).join("/")}`,
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      input,
    ];
    const { code, stdout, stderr } = await run(soffice, args, opts.timeoutMs ?? 120_000);
    const output = path.join(outDir, "book.xlsx");
    if (code !== 0 || !fs.existsSync(output)) {
      throw new LibreOfficeError(`LibreOffice did not convert ${xlsxPath} (exit ${code}).\nstdout: ${stdout.trim()}\nstderr: ${stderr.trim()}`);
    }
    return await readCells(output);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Renders workbooks to PDF with headless LibreOffice (one process for all of them: start-up dominates), as Calc prints
 * them: every visible sheet, its page setup, charts included. Returns the PDF path of each input, in order.
 * @throws LibreOfficeError when soffice is missing, fails, times out, or writes no PDF
 */
export async function renderPdf(xlsxPaths: string[], outDir: string, opts: { timeoutMs?: number; soffice?: string } = {}): Promise<string[]> {
  const soffice = opts.soffice ?? findSoffice();
  if (!soffice) throw new LibreOfficeError("LibreOffice (soffice) was not found: install it (Debian: apt-get install libreoffice-calc-nogui) or set SOFFICE to its path.");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lo-pdf-"));
  try {
    const profile = path.join(work, "profile");
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS_XCU);
    const inputs = xlsxPaths.map((p, i) => {
      const input = path.join(work, `book${i}.xlsx`); // plain names for soffice's argument parsing
      fs.copyFileSync(p, input);
      return input;
    });
    fs.mkdirSync(outDir, { recursive: true });
    const args = ["--headless", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard", `-env:UserInstallation=file://${profile.split(path.sep).map(encodeURIComponent).join("/")}`, "--convert-to", "pdf", "--outdir", outDir, ...inputs];
    const { code, stdout, stderr } = await run(soffice, args, opts.timeoutMs ?? 180_000);
    const outputs = inputs.map((_, i) => path.join(outDir, `book${i}.pdf`));
    const missing = outputs.filter((o) => !fs.existsSync(o));
    if (code !== 0 || missing.length > 0) throw new LibreOfficeError(`LibreOffice did not render ${missing.join(", ")} (exit ${code}).\nstdout: ${stdout.trim()}\nstderr: ${stderr.trim()}`);
    return outputs;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Sets input cells, then recalculates with LibreOffice (cached results elsewhere are left stale on purpose:
 * LibreOffice recalculates everything). The original file is not changed.
 * @example
 * const after = await recalcAfterEdit("report.xlsx", [{ sheet: "KA About", cell: "B5", value: 0.1 }]);
 */
export async function recalcAfterEdit(
  xlsxPath: string,
  edits: { sheet: string; cell: string; value: number | string | boolean | null }[],
  opts: { timeoutMs?: number; soffice?: string } = {},
): Promise<WorkbookCells> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  for (const e of edits) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) throw new LibreOfficeError(`recalcAfterEdit: no sheet '${e.sheet}' in ${xlsxPath}`);
    ws.getCell(e.cell).value = e.value;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lo-edit-"));
  try {
    const edited = path.join(dir, "edited.xlsx");
    await wb.xlsx.writeFile(edited);
    return await recalculate(edited, opts);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every non-empty cell of every sheet, with formula text and cached/plain value (dates as serials of the workbook's
 * date system). A formula's cached `<v>0</v>` reads as 0 and FALSE as false; no `<v>` (or an empty one) as blank.
 */
export async function readCells(xlsxPath: string): Promise<WorkbookCells> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  const date1904 = (wb.properties as { date1904?: boolean }).date1904 === true;
  const out: WorkbookCells = {};
  wb.eachSheet((ws) => {
    const cells: Record<string, CellSnapshot> = {};
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // `cell.value` of a formula cell drops a falsy cached result (exceljs 4.4 copies `result` only when truthy:
        // 0, FALSE and "" vanish); `cell.result` is the parsed `<v>` itself.
        // A shared formula's cell reads as its master's formula moved to the cell (exceljs's own translation).
        const snap = snapshot(cell.value, (cell as { result?: unknown }).result, date1904, (cell as { formula?: string }).formula);
        if (snap) cells[cell.address] = snap;
      });
    });
    out[ws.name] = cells;
  });
  return out;
}

function plain(v: unknown, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.getTime() / 86_400_000 + (date1904 ? 24107 : 25569);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if (typeof o.text === "string") return o.text; // hyperlink
  }
  return String(v);
}

function snapshot(v: ExcelJS.CellValue, result: unknown, date1904: boolean, formula: string | undefined): CellSnapshot | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "object" && !(v instanceof Date)) {
    const o = v as unknown as Record<string, unknown>;
    if (typeof o.formula === "string" || typeof o.sharedFormula === "string") {
      return { formula: (o.formula as string | undefined) ?? formula ?? `(shared from ${o.sharedFormula as string})`, value: plain(result, date1904) };
    }
  }
  return { value: plain(v, date1904) };
}

export interface Mismatch {
  sheet: string;
  cell: string;
  formula: string;
  cached: CellValue;
  recalculated: CellValue | undefined;
}

/**
 * Formula cells of `original` whose cached value differs from `recalculated`: numbers within relative `relTol`
 * (|a − b| ≤ relTol · max(|a|, |b|), and |a − b| ≤ absTol near zero), text and booleans exactly, errors by name;
 * an empty-string result equals an empty cell.
 */
export function compareFormulaCells(original: WorkbookCells, recalculated: WorkbookCells, relTol = 1e-9, absTol = 1e-12): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [sheet, cells] of Object.entries(original)) {
    for (const [cell, snap] of Object.entries(cells)) {
      if (snap.formula === undefined) continue;
      const again = recalculated[sheet]?.[cell]?.value;
      if (!sameValue(snap.value, again ?? null, relTol, absTol)) out.push({ sheet, cell, formula: snap.formula, cached: snap.value, recalculated: again });
    }
  }
  return out;
}

/** The number of formula cells in a workbook snapshot (so a test can show the comparison covered them). */
export function countFormulaCells(cells: WorkbookCells): number {
  let n = 0;
  for (const sheet of Object.values(cells)) for (const c of Object.values(sheet)) if (c.formula !== undefined) n++;
  return n;
}

function sameValue(a: CellValue, b: CellValue, relTol: number, absTol: number): boolean {
  const blank = (v: CellValue) => v === null || v === "";
  if (blank(a) && blank(b)) return true;
  if (typeof a === "number" && typeof b === "number") {
    const d = Math.abs(a - b);
    return d <= absTol || d <= relTol * Math.max(Math.abs(a), Math.abs(b));
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") return a.error === b.error;
  return a === b;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SAL_USE_VCLPLUGIN: "svp" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL"); // the whole group: soffice forks soffice.bin
      } catch {
        /* already gone */
      }
      reject(new LibreOfficeError(`LibreOffice timed out after ${timeoutMs} ms: ${cmd} ${args.join(" ")}\nstderr: ${stderr.trim()}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new LibreOfficeError(`cannot run ${cmd}: ${e.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Print checks through LibreOffice's PDF export: a workbook converted to PDF as Calc prints it (page setup, fit to
 * width, print titles, header and footer), then counted with poppler's `pdfinfo` and read page by page with
 * `pdftotext`, so a test can tell how many pages each tab prints on (every page's header names its tab).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface PdfPages {
  /** Text of each page, in order. */
  pages: string[];
}

/** Converts `xlsxPath` to PDF with a fresh LibreOffice profile and returns the text of every page. */
export function printToPdf(xlsxPath: string, soffice: string): PdfPages {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lo-pdf-"));
  try {
    const profile = path.join(work, "profile");
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    const input = path.join(work, "book.xlsx");
    fs.copyFileSync(xlsxPath, input);
    const r = spawnSync(
      soffice,
      ["--headless", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard", `-env:UserInstallation=file://${profile}`, "--convert-to", "pdf", "--outdir", work, input],
      { encoding: "utf8", timeout: 240_000 },
    );
    const pdf = path.join(work, "book.pdf");
    if (r.status !== 0 || !fs.existsSync(pdf)) throw new Error(`LibreOffice did not print ${xlsxPath}: ${r.stderr}`);
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
    const count = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]);
    if (!(count > 0)) throw new Error(`pdfinfo could not count the pages: ${info.stderr}`);
    // One pdftotext run for the whole document: pages end with a form feed.
    const pages = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }).stdout.split("\f").slice(0, count);
    if (pages.length !== count) throw new Error(`pdftotext gave ${pages.length} pages of ${count}`);
    return { pages };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Pages per tab, from each page's header (the tab's name comes first on every printed page). */
export function pagesPerTab(pdf: PdfPages, tabs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(tabs.map((t) => [t, 0]));
  for (const page of pdf.pages) {
    // The header's line: the first that starts with a tab's name (a chart's labels can come first in the text).
    const lines = page.split("\n").map((l) => l.trim());
    const tab = lines.map((l) => tabs.find((t) => l.startsWith(t))).find((t) => t !== undefined);
    out[tab ?? "?"] = (out[tab ?? "?"] ?? 0) + 1;
  }
  return out;
}

/**
 * Native charts in the file: every chart part's series reference cells that exist, and LibreOffice renders them —
 * the bundled sample's report (through `ka analyze`) and the feature fixture (every chart type) are printed to PDF
 * in one LibreOffice run; each chart's title is found on a page (pdftotext), and that page, rasterised (pdftoppm),
 * holds the chart's colours — far more than the same page of the fixture written without its charts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { main } from "../../../src/cli/main";
import type { Report } from "../../../src/engine/report/types";
import { writeXlsxFile } from "../../../src/workbook/xlsx/write-xlsx";
import { renderPdf } from "../../helpers/libreoffice";
import { featureReport } from "../feature-report";

class Sink extends Writable {
  override _write(_c: Buffer, _e: BufferEncoding, done: () => void): void {
    done();
  }
}

let dir: string;
const xlsx = { sample: "", features: "", bare: "" };
const pdf = { sample: "", features: "", bare: "" };

/** Chart titles of a workbook, from its chart parts. */
async function chartTitles(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    out.push(/<c:title><c:tx><c:rich>.*?<a:t>([^<]*)<\/a:t>/.exec(xml)?.[1] ?? "");
  }
  return out;
}

function pages(pdfFile: string): number {
  const info = spawnSync("pdfinfo", [pdfFile], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0);
}

interface Found {
  page: number;
  /** Title box in points. */
  x: number;
  y: number;
  pageHeight: number;
}

interface Word {
  x0: number;
  y: number;
  x1: number;
  w: string;
}

/** Every page's words and height, from one pdftotext run per PDF (a run per page and title took minutes). */
const wordsOf = new Map<string, { pageHeight: number; words: Word[] }[]>();
function pageWords(pdfFile: string): { pageHeight: number; words: Word[] }[] {
  let out = wordsOf.get(pdfFile);
  if (!out) {
    const html = spawnSync("pdftotext", ["-bbox", pdfFile, "-"], { encoding: "utf8", maxBuffer: 1 << 30 }).stdout;
    out = [...html.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((pg) => ({
      pageHeight: Number(pg[1]),
      words: [...pg[2].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ x0: Number(m[1]), y: Number(m[2]), x1: Number(m[3]), w: unescapeXml(m[4]) })),
    }));
    expect(out.length).toBe(pages(pdfFile));
    wordsOf.set(pdfFile, out);
  }
  return out;
}

/** Where `text` (a chart title) is printed: page and position of its first word, from pdftotext's word boxes. */
function findText(pdfFile: string, text: string): Found | undefined {
  const want = text.split(/\s+/);
  const all = pageWords(pdfFile);
  for (let p = 1; p <= all.length; p++) {
    const { pageHeight, words } = all[p - 1];
    for (let i = 0; i + want.length <= words.length; i++) {
      // a long title may wrap: each word on the line of the one before or on the next line (within 30 pt)
      if (want.every((w, k) => words[i + k].w === w && (k === 0 || (words[i + k].y - words[i + k - 1].y > -1 && words[i + k].y - words[i + k - 1].y < 30)))) {
        let last = i; // the first line's last word
        while (last + 1 < i + want.length && Math.abs(words[last + 1].y - words[i].y) < 1) last++;
        return { page: p, x: (words[i].x0 + words[last].x1) / 2, y: words[i].y, pageHeight };
      }
    }
  }
  return undefined;
}

/** pdftotext -bbox escapes a title's ', ", <, > and & (KA Groups: "Largest customer's share of each Region"). */
function unescapeXml(s: string): string {
  return s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const DPI = 72;

/** A page rasterised (pdftoppm, PPM): width, height and RGB bytes. */
function raster(pdfFile: string, page: number): { w: number; h: number; px: Buffer } {
  const out = path.join(dir, `r-${path.basename(pdfFile)}-${page}`);
  spawnSync("pdftoppm", ["-r", String(DPI), "-f", String(page), "-l", String(page), "-singlefile", pdfFile, out]);
  const ppm = fs.readFileSync(`${out}.ppm`);
  // P6 header: magic, width, height, max value, each followed by white space
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString("latin1"));
  if (!header) throw new Error("not a P6 image");
  return { w: Number(header[1]), h: Number(header[2]), px: ppm.subarray(header[0].length) };
}

/** Clearly coloured pixels (chart bars, lines, slices — not black, grey or white) in a box of points. */
function coloured(img: { w: number; h: number; px: Buffer }, box: { x0: number; x1: number; y0: number; y1: number } = { x0: 0, x1: 1e9, y0: 0, y1: 1e9 }): number {
  const k = DPI / 72;
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y0 * k)); y < Math.min(img.h, Math.ceil(box.y1 * k)); y++) {
    for (let x = Math.max(0, Math.floor(box.x0 * k)); x < Math.min(img.w, Math.ceil(box.x1 * k)); x++) {
      const i = 3 * (y * img.w + x);
      const [r, g, b] = [img.px[i], img.px[i + 1], img.px[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) n++;
    }
  }
  return n;
}

/** Coloured pixels that make a chart visible (a thin Lorenz line scaled to fit a page has a few hundred). */
const SEEN = 200;

/**
 * Coloured pixels in the chart under a title: a band below it; when that shows too little and the band runs off the
 * page, the top of the next page too (a chart split across pages).
 */
function chartColour(pdfFile: string, f: Found, keepPng?: string, nextPage = true): number {
  const BAND = 260; // points below the title: the plot area of a chart 14–16 rows tall
  const across = { x0: f.x - 230, x1: f.x + 230 };
  let n = coloured(raster(pdfFile, f.page), { ...across, y0: f.y + 12, y1: f.y + BAND });
  const rest = f.y + BAND - f.pageHeight;
  if (nextPage && n <= SEEN && rest > 0 && f.page < pages(pdfFile)) n += coloured(raster(pdfFile, f.page + 1), { ...across, y0: 0, y1: rest + 150 });
  if (keepPng) spawnSync("pdftoppm", ["-r", "60", "-f", String(f.page), "-l", String(f.page), "-singlefile", "-png", pdfFile, keepPng]);
  return n;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-charts-"));
  xlsx.sample = path.join(dir, "sample.xlsx");
  const code = await main(["analyze", "--out", xlsx.sample, "--quiet"], { stdout: new Sink(), stderr: new Sink() });
  expect(code).toBe(0);
  xlsx.features = path.join(dir, "features.xlsx");
  await writeXlsxFile(featureReport(), xlsx.features);
  const bare: Report = featureReport();
  for (const s of bare.sheets) s.blocks = s.blocks.filter((b) => b.kind !== "chart");
  xlsx.bare = path.join(dir, "bare.xlsx");
  await writeXlsxFile(bare, xlsx.bare);
  [pdf.sample, pdf.features, pdf.bare] = await renderPdf([xlsx.sample, xlsx.features, xlsx.bare], path.join(dir, "pdf"));
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("every series range of every chart part names an existing sheet and cells that hold data", async () => {
  for (const file of [xlsx.sample, xlsx.features]) {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const wb = await zip.file("xl/workbook.xml")!.async("string");
    const sheetFiles = new Map([...wb.matchAll(/<sheet name="([^"]+)" sheetId="(\d+)"/g)].map((m) => [m[1].replace(/&apos;/g, "'").replace(/&amp;/g, "&"), `xl/worksheets/sheet${m[2]}.xml`]));
    const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts.length).toBeGreaterThanOrEqual(file === xlsx.features ? 4 : 3);
    for (const name of charts) {
      const xml = await zip.file(name)!.async("string");
      const refs = [...xml.matchAll(/<c:f>'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)<\/c:f>/g)];
      expect(refs.length).toBeGreaterThan(0);
      for (const [, sheet, c1, r1, c2, r2] of refs) {
        expect(c1).toBe(c2); // one column
        const part = sheetFiles.get(sheet.replace(/''/g, "'"));
        expect(part).toBeDefined();
        const sheetXml = await zip.file(part as string)!.async("string");
        for (let r = Number(r1); r <= Number(r2); r++) expect(sheetXml).toMatch(new RegExp(`<c r="${c1}${r}"[^>]*>(<is>|<v>|<f[ >])`));
      }
    }
  }
});

test("LibreOffice renders every chart: its title is on a page, and the chart's colours are under it", async () => {
  expect(pages(pdf.sample)).toBeGreaterThan(1);
  const keep = process.env.KA_KEEP_CHART_PNG; // a folder: keep the rendered pages to look at
  for (const [file, pdfFile] of [
    [xlsx.sample, pdf.sample],
    [xlsx.features, pdf.features],
  ]) {
    const titles = await chartTitles(file);
    expect(titles.length).toBeGreaterThanOrEqual(3);
    for (const title of titles) {
      const found = findText(pdfFile, title);
      expect({ title, printed: found !== undefined }).toEqual({ title, printed: true });
      const png = keep ? path.join(keep, `${path.basename(file, ".xlsx")}-${title.replace(/\W+/g, "_")}`) : undefined;
      const n = chartColour(pdfFile, found as Found, png);
      expect({ title, coloured: n > SEEN }).toEqual({ title, coloured: true });
    }
  }
});

test("the check has teeth: the fixture written without its charts shows no chart colour where the charts were", () => {
  const combo = findText(pdf.features, "Revenue and HHI") as Found;
  expect(chartColour(pdf.features, combo)).toBeGreaterThan(10 * SEEN);
  for (const title of ["Revenue and HHI", "Top customers by share", "Share split", "Lorenz curve"]) {
    // Same page, same place, without charts: nothing coloured.
    expect({ title, n: chartColour(pdf.bare, findText(pdf.features, title) as Found, undefined, false) < SEEN / 4 }).toEqual({ title, n: true });
  }
  expect(coloured(raster(pdf.features, 1))).toBeGreaterThan(3 * coloured(raster(pdf.bare, 1)));
});

/**
 * End to end, in real headless Chromium: the built pane (dist/, from `npm run build`; `npm test` builds first) served
 * from 127.0.0.1, office.js routed to a stub that reports "no Office host" — so the pane runs its standalone demo
 * over the in-memory workbook with the bundled sample ledger. A user's path: Data → Columns → Parameters → Run →
 * Results; the written tabs hold the CLI's figures (`ka analyze --json --accounts` on the same file); cancel
 * mid-run leaves the workbook unchanged; a ledger without an amount column is explained on the Columns page; the
 * Chinese UI. Screenshots of each page go to test-output/screenshots/.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const SHOTS = path.join(ROOT, "test-output", "screenshots");
const SAMPLE = path.join(ROOT, "assets", "sample-ledger.csv");

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".csv": "text/csv; charset=utf-8", ".png": "image/png", ".map": "application/json", ".xml": "application/xml" };

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** office.js outside Office: onReady reports no host; the display language and demo options are the test's. */
function officeStub(lang: string, options: Record<string, unknown>): string {
  return `window.KA_DEMO_OPTIONS = ${JSON.stringify(options)};
window.Office = { onReady: function (cb) { var info = { host: null, platform: null }; if (cb) cb(info); return Promise.resolve(info); },
  context: { displayLanguage: ${JSON.stringify(lang)} } };`;
}

let server: http.Server;
let base: string;
let browser: Browser;
let cli: any;

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")) || !fs.existsSync(path.join(DIST, "assets", "sample-ledger.csv"))) {
    throw new Error("dist/ is missing or stale: run `npm run build` before these tests (npm test does it as pretest)");
  }
  fs.mkdirSync(SHOTS, { recursive: true }); // test-output/ is git-ignored
  server = await serve();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  // `--json FILE`, not `-`: the JSON with --accounts is large, and a file does not depend on how stdout is drained.
  const jsonFile = path.join(ROOT, "test-output", "e2e-cli.json");
  const out = spawnSync(process.execPath, [path.join(ROOT, "bin", "ka.js"), "analyze", SAMPLE, "--json", jsonFile, "--accounts", "--quiet", "--out", path.join(ROOT, "test-output", "e2e-cli.xlsx")], { cwd: ROOT, encoding: "utf8" });
  if (out.status !== 0) throw new Error(`ka analyze failed: ${out.stderr}`);
  cli = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

interface Opened {
  page: Page;
  outside: string[];
  errors: string[];
}

async function open(lang = "en-US", options: Record<string, unknown> = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: lang });
  const page = await context.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  await page.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: officeStub(lang, options) }));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith("https://appsforoffice.microsoft.com/") && !u.startsWith("data:")) outside.push(u);
  });
  page.on("pageerror", (e) => {
    // functions.js (the custom functions, loaded by the shared-runtime page) registers with CustomFunctions,
    // which exists only inside Office; outside it that one script stops, the pane does not depend on it.
    if (!/CustomFunctions is not defined/.test(String(e))) errors.push(String(e));
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${base}/taskpane.html`);
  await page.waitForSelector('[data-page="data"] [data-testid="found"]', { timeout: 30_000 });
  return { page, outside, errors };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let Fluent's transitions settle
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Controls in the pane without an accessible name (label, aria-label, aria-labelledby, text or title). */
async function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector("main");
    if (!pane) return ["no pane"];
    const controls = Array.from(pane.querySelectorAll<HTMLElement>('button, input:not([type="hidden"]):not([hidden]), select, textarea, [role="combobox"], [role="radio"], [role="tab"], a[href]'));
    const nameOf = (el: HTMLElement): string => {
      const by = el.getAttribute("aria-labelledby");
      const fromBy = by ? by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : "";
      const labels = (el as HTMLInputElement).labels ? Array.from((el as HTMLInputElement).labels ?? []).map((x) => x.textContent ?? "").join(" ") : "";
      return [el.getAttribute("aria-label"), fromBy, labels, el.textContent, el.getAttribute("title")].filter(Boolean).join(" ").trim();
    };
    return controls.filter((el) => el.offsetParent !== null && nameOf(el) === "").map((el) => el.outerHTML.slice(0, 120));
  });
}

/** Presses Tab until the element matching `selector` has the focus (at most 60 times). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * How far the page and the pane scroll sideways at the current viewport (0 when nothing does), and the elements
 * of the pane that stick out of it (text wider than its box), outside frames that scroll on purpose.
 */
async function sideways(page: Page): Promise<{ document: number; pane: number; spill: string[] }> {
  return page.evaluate(() => {
    const d = document.scrollingElement as HTMLElement;
    const pane = document.querySelector("main") as HTMLElement;
    const right = pane.getBoundingClientRect().right;
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== pane; e = e.parentElement) if (/auto|scroll|hidden/.test(getComputedStyle(e).overflowX)) return true;
      return false;
    };
    const spill = Array.from(pane.querySelectorAll("*"))
      .filter((el) => el.getBoundingClientRect().right > right + 1 && !scrolls(el.parentElement))
      .map((el) => `${el.tagName} ${(el.textContent ?? "").slice(0, 30)}`);
    return { document: d.scrollWidth - d.clientWidth, pane: pane.scrollWidth - pane.clientWidth, spill };
  });
}

/** Picks the option starting with `text` in the mapping dropdown of `field` on the Columns page. */
async function mapField(page: Page, field: string, text: string): Promise<void> {
  await page.click(`[data-field="${field}"]`);
  await page.locator('[role="option"]', { hasText: new RegExp(`^${text}`) }).first().click();
  await page.waitForSelector('[role="listbox"]', { state: "hidden" });
}

async function next(page: Page, from: string, to: string): Promise<void> {
  await page.click(`[data-page="${from}"] [data-testid="next"]`);
  await page.waitForSelector(`[data-page="${to}"]`, { timeout: 60_000 });
}

/** The written workbook as plain data, from the demo's in-memory workbook. */
async function workbook(page: Page): Promise<any> {
  // As JSON text: Playwright's own serialisation of the grids (the 26,056-row ledger, the report) took over a minute.
  const text = await page.evaluate(() => {
    const wb = (window as any).kaDemo.workbook;
    const sheets: Record<string, any> = {};
    for (const s of wb.sheets) sheets[s.name] = { values: s.values, visible: s.visible };
    const names: Record<string, string> = {};
    for (const [k, v] of wb.names) names[k] = v.formula;
    const tables: Record<string, any> = {};
    for (const [k, t] of wb.tables) tables[k] = { sheet: t.sheet, row: t.row, col: t.col, rows: t.rows, cols: t.cols };
    return JSON.stringify({ sheets, names, tables, snapshot: wb.snapshot() });
  });
  return JSON.parse(text);
}

/** The in-memory workbook's snapshot (every sheet, name, table and setting) as one JSON text, compared as it is. */
async function snapshotText(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify((window as any).kaDemo.workbook.snapshot()));
}

/** Value of a defined name in the written workbook. */
function named(wb: any, name: string): unknown {
  const f: string = wb.names[name];
  const m = /^='((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)$/.exec(f);
  if (!m) throw new Error(`name ${name} = ${f}`);
  let col = 0;
  for (const ch of m[2]) col = col * 26 + ch.charCodeAt(0) - 64;
  return wb.sheets[m[1].replace(/''/g, "'")].values[Number(m[3]) - 1][col - 1];
}

/** The value next to a label on a tab (first match in column A). */
function labelled(wb: any, sheet: string, label: string): unknown {
  const row = (wb.sheets[sheet].values as unknown[][]).find((r) => r[0] === label);
  if (!row) throw new Error(`no row '${label}' on ${sheet}`);
  return row[1];
}

const close = (a: unknown, b: number, rel = 1e-9) => {
  expect(typeof a).toBe("number");
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));
};

describe("task pane in Chromium (standalone demo over the in-memory workbook)", () => {
  test("a user runs the sample ledger through every page; the tabs hold the CLI's figures", async () => {
    const { page, outside, errors } = await open("en-US", { writeDelayMs: 30 });
    await expect(page.textContent('[data-testid="found"]')).resolves.toContain("26,056 data rows and 12 columns");
    await expect(unlabelled(page)).resolves.toEqual([]);
    await shot(page, "1-data");

    // Keyboard only: Tab to Next, Enter; on Columns, open a mapping dropdown and close it again.
    await tabTo(page, '[data-page="data"] [data-testid="next"]');
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-page="columns"]');
    await expect(unlabelled(page)).resolves.toEqual([]);
    await tabTo(page, '[data-field="customer"]');
    await page.keyboard.press("Enter");
    await page.waitForSelector('[role="listbox"]');
    await page.keyboard.press("Escape");
    await expect(page.locator('[data-field="customer"]').textContent()).resolves.toContain("Customer");
    await expect(page.locator('[data-field="amount"]').textContent()).resolves.toContain("Amount");
    await expect(page.locator('[data-testid="missing"]').count()).resolves.toBe(0);
    await shot(page, "2-columns");

    await next(page, "columns", "parameters");
    await expect(page.textContent('[data-testid="ledger-summary"]')).resolves.toContain("26,056 rows read");
    await expect(page.getAttribute('input[data-param="asOf"]', "placeholder")).resolves.toBe("12/31/2025"); // the ledger's last date, as en-US writes it
    await expect(unlabelled(page)).resolves.toEqual([]);
    await shot(page, "3-parameters");

    await page.click('[data-page="parameters"] [data-testid="next"]');
    await page.waitForSelector('[data-page="run"]');
    await page.waitForFunction(() => /Writing/.test(document.querySelector('[data-page="run"]')?.textContent ?? ""), undefined, { timeout: 60_000 });
    await shot(page, "4-run");
    await page.waitForSelector('[data-page="results"]', { timeout: 120_000 });
    await expect(unlabelled(page)).resolves.toEqual([]);
    await shot(page, "5-results");

    // Headline figures on the Results page match the CLI's JSON.
    const customersShown = await page.textContent('[data-figure="customers"]');
    expect(customersShown).toContain(String(cli.customers));
    await expect(page.getAttribute('[data-figure="hhi"] [data-band]', "data-band")).resolves.toBe(cli.concentration.band);

    // The written tabs: the Summary's cached values and the Accounts table equal `ka analyze --json --accounts`.
    const wb = await workbook(page);
    for (const tab of ["KA Summary", "KA Accounts", "KA About"]) expect(wb.sheets[tab]?.visible).toBe(true);
    close(named(wb, "KA_HHI"), cli.concentration.hhi);
    close(labelled(wb, "KA Summary", "Net revenue"), cli.revenue);
    expect(labelled(wb, "KA Summary", "Customers")).toBe(cli.customers);
    close(labelled(wb, "KA Summary", "Top customer share (CR1)"), cli.concentration.cr1);
    close(labelled(wb, "KA About", "Gini coefficient"), cli.concentration.gini); // diagnostics moved to About (issue 12)
    expect(labelled(wb, "KA About", "Rows excluded")).toBe(cli.rows.excluded);
    const accounts = wb.tables.KAAccounts;
    expect(accounts.sheet).toBe("KA Accounts");
    const grid: unknown[][] = wb.sheets["KA Accounts"].values;
    const header = grid[accounts.row] as string[];
    const body = grid.slice(accounts.row + 1, accounts.row + accounts.rows);
    expect(body.length).toBe(cli.accounts.length);
    const at = (h: string) => header.indexOf(h);
    body.forEach((row, k) => {
      const a = cli.accounts[k];
      expect(row[at("Customer")]).toBe(a.customer);
      close(row[at("Revenue")], a.revenue);
      if (a.share !== null) close(row[at("Share")], a.share);
      expect(row[at("Rank")]).toBe(a.rank);
      if (a.abc !== null) expect(row[at("ABC")]).toBe(a.abc);
    });

    // The tab links activate the tab; the excluded-rows link opens KA About at the table.
    await page.click('[data-tab="KA Accounts"]');
    await page.waitForSelector('table[data-sheet="KA Accounts"]');
    await shot(page, "6-results-accounts-tab");
    if (cli.rows.excluded > 0) {
      await page.click('[data-testid="excluded-link"]');
      await page.waitForSelector('table[data-sheet="KA About"]');
      await shot(page, "7-results-about-tab");
    }
    await page.click('[data-tab="KA Summary"]');
    await page.waitForSelector('table[data-sheet="KA Summary"]');
    // The grid shows the same figures it holds: a rendered cell carries its raw value.
    const shownRevenue = await page.evaluate(() => {
      const cells = Array.from(document.querySelectorAll('table[data-sheet="KA Summary"] td'));
      const label = cells.find((c) => c.textContent === "Net revenue");
      return label?.nextElementSibling?.getAttribute("data-value");
    });
    close(Number(shownRevenue), cli.revenue);
    // The top-customer chart names its customers and its axes; the share axis is in percent.
    const chart = page.locator('[data-chart="Top customers by share"]');
    await expect(chart.locator('[data-axis="category"]').textContent()).resolves.toMatch(/^Customer/); // the chart's own axis title, else the column header
    await expect(chart.locator('[data-axis="value"]').textContent()).resolves.toMatch(/^Share/);
    await expect(chart.locator("[data-category]").first().getAttribute("data-category")).resolves.toBe(cli.accounts.find((a: { rank: number }) => a.rank === 1).customer);
    await expect(chart.locator('[data-tick="max"]').textContent()).resolves.toMatch(/%$/);
    await shot(page, "8-summary-tab");

    // A 320 px wide window (the narrowest the issue asks for; the other test measures 350): the workbook goes below
    // the pane, nothing scrolls sideways, and every headline figure fits its card.
    await page.setViewportSize({ width: 320, height: 860 });
    await expect(sideways(page)).resolves.toEqual({ document: 0, pane: 0, spill: [] });
    await expect(page.evaluate(() => Array.from(document.querySelectorAll("[data-figure]")).filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.getAttribute("data-figure")))).resolves.toEqual([]);
    await shot(page, "8b-results-320px");

    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  test("cancel mid-run leaves the workbook exactly as it was", async () => {
    const { page, errors } = await open("en-US", { writeDelayMs: 0 });
    await next(page, "data", "columns");
    await next(page, "columns", "parameters");
    // First a complete run, so that there are earlier tabs a cancelled re-run must keep.
    await page.click('[data-page="parameters"] [data-testid="next"]');
    await page.waitForSelector('[data-page="results"]', { timeout: 120_000 });
    await page.click('[data-step="parameters"]');
    await page.waitForSelector('[data-page="parameters"]');
    // The rates were estimated (roll-rate): the read-only boxes now show the run's estimates, as the CLI has them.
    await expect(page.textContent('[data-testid="loss-estimated"]')).resolves.toContain("Estimated from the payment history in the last run");
    const shownRates = await page.locator("input[data-loss]").evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value));
    expect(cli.credit.lossRateMethod).toBe("rollRate");
    expect(shownRates).toEqual(Object.values(cli.credit.lossRates as Record<string, number>).map((x) => String(Math.round(x * 1000) / 10)));
    await page.fill('[data-param="bins"]', "4");
    const before = await snapshotText(page);
    // The run to cancel writes slowly, so that a loaded machine still finds it mid-write.
    await page.evaluate(() => void ((window as any).kaDemo.hostOptions.writeDelayMs = 400));
    await page.click('[data-page="parameters"] [data-testid="next"]');
    await page.waitForFunction(() => /Writing the tabs — KA (Accounts|About|Summary|Segments)/.test(document.querySelector('[data-page="run"]')?.textContent ?? ""), undefined, { timeout: 60_000 });
    await page.click('[data-testid="cancel"]');
    await page.waitForSelector('[data-page="parameters"] [data-testid="cancelled"]', { timeout: 60_000 });
    await shot(page, "9-cancelled");
    const after = await snapshotText(page);
    expect(after).toEqual(before);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  test("a ledger without an amount column: the Columns page says what is missing and why", async () => {
    const { page } = await open("en-US");
    const csv = "Client,Invoice Date,Region\nAcme Ltd,2024-01-05,East\nBeta GmbH,2024-02-11,West\nAcme Ltd,2024-03-02,East\n";
    await page.setInputFiles('[data-testid="csv-input"]', { name: "no-amount.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.waitForFunction(() => /3 data rows and 3 columns/.test(document.querySelector('[data-testid="found"]')?.textContent ?? ""));
    await next(page, "data", "columns");
    const missing = await page.textContent('[data-testid="missing"]');
    expect(missing).toContain("A required column is missing");
    expect(missing).toContain("Amount: no column found");
    expect(missing).toContain("Quantity and Unit Price");
    expect(missing).toContain("Headers found: Client, Invoice Date, Region");
    await expect(page.isDisabled('[data-page="columns"] [data-testid="next"]')).resolves.toBe(true);
    await shot(page, "10-columns-missing-amount");
    await page.context().close();
  }, 120_000);

  test("mistakes caught where they happen: an .xlsx refused, wrong mappings named on the Columns page, loss-rate boxes read-only while estimated, 350 px wide", async () => {
    const { page, errors } = await open("en-US");
    // An .xlsx given to "Open a CSV ledger…" is refused with a message; the sample stays loaded.
    const xlsx = fs.readFileSync(path.join(ROOT, "test-output", "e2e-cli.xlsx"));
    await page.setInputFiles('[data-testid="csv-input"]', { name: "report.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: xlsx });
    await page.waitForSelector('[data-testid="load-error"]');
    await expect(page.textContent('[data-testid="load-error"]')).resolves.toContain("“report.xlsx” is a spreadsheet workbook (Excel), not a CSV file");
    await expect(page.textContent('[data-testid="found"]')).resolves.toContain("26,056 data rows and 12 columns");
    await expect(page.evaluate(() => (window as any).kaDemo.workbook.sheets.map((x: { name: string }) => x.name))).resolves.toEqual(["Sample ledger"]);

    // The pane at 350 px: no page scrolls sideways (the preview table and the workbook scroll inside their frames).
    await page.setViewportSize({ width: 350, height: 900 });
    await expect(sideways(page)).resolves.toEqual({ document: 0, pane: 0, spill: [] });
    await shot(page, "15-data-350px");
    await next(page, "data", "columns");
    await expect(page.locator('[data-testid="load-error"]').count()).resolves.toBe(0); // gone once the user goes on
    const issues = () => page.locator('[data-testid="mapping-issues"]');
    const nextDisabled = () => page.isDisabled('[data-page="columns"] [data-testid="next"]');

    // The amount to a text column (Sales Rep): named with an example cell, Next stays disabled.
    await mapField(page, "amount", "E: Sales Rep");
    await expect(issues().textContent()).resolves.toContain("Amount: column E “Sales Rep” holds no numbers (E2 is “Wang Bo”)");
    await expect(nextDisabled()).resolves.toBe(true);
    await expect(sideways(page)).resolves.toEqual({ document: 0, pane: 0, spill: [] });
    await shot(page, "16-columns-amount-text-350px");
    await mapField(page, "amount", "F: Amount");
    await expect(issues().count()).resolves.toBe(0);

    // The date to Region.
    await mapField(page, "date", "D: Region");
    await expect(issues().textContent()).resolves.toContain("Date: column D “Region” holds no dates (D2 is “North”)");
    await expect(nextDisabled()).resolves.toBe(true);
    await mapField(page, "date", "B: Invoice Date");

    // An optional field on a wrong column may also be left out.
    await mapField(page, "creditLimit", "D: Region");
    await expect(issues().textContent()).resolves.toContain("Credit limit: column D “Region” holds no numbers (D2 is “North”). Choose a column of numbers. Or leave it “(not used)”.");
    await mapField(page, "creditLimit", "K: Credit Limit");

    // The amount onto the customer's column: a warning, and the customer keeps its column.
    await mapField(page, "amount", "C: Customer");
    await expect(issues().textContent()).resolves.toContain("Column C “Customer” is chosen for Customer and Amount");
    await expect(page.locator('[data-field="customer"]').textContent()).resolves.toContain("C: Customer");
    await expect(nextDisabled()).resolves.toBe(true);
    await shot(page, "17-columns-clash-350px");
    await mapField(page, "amount", "F: Amount");
    await expect(issues().count()).resolves.toBe(0);
    await expect(page.locator('[data-field="customer"]').textContent()).resolves.toContain("C: Customer");
    await expect(nextDisabled()).resolves.toBe(false);

    // Parameters: with "Estimate from the ledger" the loss-rate boxes are read-only and say so; "Always use these rates" opens them.
    await next(page, "columns", "parameters");
    await expect(sideways(page)).resolves.toEqual({ document: 0, pane: 0, spill: [] });
    await shot(page, "18-parameters-350px");
    const boxes = page.locator('[data-testid="loss-rates"] input');
    await expect(boxes.count()).resolves.toBe(5);
    for (let i = 0; i < 5; i++) await expect(boxes.nth(i).isDisabled()).resolves.toBe(true);
    await expect(page.textContent('[data-testid="loss-estimated"]')).resolves.toContain("Used only when the payment history does not allow estimates");
    await page.getByRole("radio", { name: "Always use these rates" }).check();
    for (let i = 0; i < 5; i++) await expect(boxes.nth(i).isEnabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid="loss-estimated"]').count()).resolves.toBe(0);

    // The as-of date in the user's format (en-US: month first), or picked from the calendar.
    const asOf = page.locator('input[data-param="asOf"]');
    await expect(asOf.getAttribute("placeholder")).resolves.toBe("12/31/2025");
    await asOf.fill("6/30/2025");
    await asOf.press("Enter");
    await expect(page.evaluate(() => (window as any).kaDemo.store.getState().form.asOf)).resolves.toBe("2025-06-30");
    await expect(asOf.inputValue()).resolves.toBe("06/30/2025");
    await asOf.fill("31/06/2025"); // no such day in m/d/yyyy
    await asOf.press("Enter");
    await expect(page.textContent('[data-page="parameters"]')).resolves.toContain("Not a date: type it like 12/31/2025");
    await expect(page.evaluate(() => (window as any).kaDemo.store.getState().form.asOf)).resolves.toBe("2025-06-30");
    await asOf.fill("2025-12-01");
    await asOf.press("Enter");
    await expect(page.evaluate(() => (window as any).kaDemo.store.getState().form.asOf)).resolves.toBe("2025-12-01");
    await expect(sideways(page)).resolves.toEqual({ document: 0, pane: 0, spill: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  test("forecast and dependence parameters reach the report; a customer picked on Results shows its rows and selects them in the ledger's sheet", async () => {
    const { page, errors } = await open("en-US", { writeDelayMs: 0 });
    const sheetBefore = await page.evaluate(() => JSON.stringify((window as any).kaDemo.workbook.sheet("Sample ledger").values));
    await next(page, "data", "columns");
    await next(page, "columns", "parameters");
    const form = () => page.evaluate(() => (window as any).kaDemo.store.getState().form);

    // Left alone, the hold-out test is on with the engine's default: the sample spans 35.9 months, a third is 11.
    const holdout = page.locator('input[data-param="holdout"]');
    await expect(holdout.isChecked()).resolves.toBe(true);
    await expect(page.inputValue('input[data-param="holdoutMonths"]')).resolves.toBe("11");
    await expect(page.textContent('[data-testid="holdout-default"]')).resolves.toContain("Default: on, the last 11 months");
    // Grouping columns: the sample's Region and Sales Rep, detected.
    await expect(page.textContent('[data-param="groupBy"]')).resolves.toBe("Region, Sales Rep");

    // The user holds out 6 months, forces BG/NBD and asks for a monthly trend.
    const months = page.locator('input[data-param="holdoutMonths"]');
    await months.fill("6");
    await months.press("Tab");
    await expect(form()).resolves.toMatchObject({ holdoutOn: true, holdoutMonths: "6" });
    await page.getByRole("radio", { name: "BG/NBD" }).check();
    await page.locator('[data-param="trendPeriod"]').getByRole("radio", { name: "Month" }).check();
    await expect(form()).resolves.toMatchObject({ model: "bgnbd", trendPeriod: "month", trendBasis: "period" });
    // A stress customer not in the ledger is named at once.
    await page.fill('textarea[data-param="stressCustomers"]', `${cli.accounts[0].customer}\nNobody Ltd`);
    await expect(page.textContent('[data-section="dependence"]')).resolves.toContain("Not in the ledger: “Nobody Ltd”");
    await expect(unlabelled(page)).resolves.toEqual([]);
    await page.locator('[data-section="forecast"]').scrollIntoViewIfNeeded();
    await shot(page, "19-parameters-forecast-dependence");

    await page.click('[data-page="parameters"] [data-testid="next"]');
    await page.waitForSelector('[data-page="results"]', { timeout: 120_000 });
    await expect(unlabelled(page)).resolves.toEqual([]);

    // The run's JSON and the written KA About show the hold-out and the model.
    const json = await page.evaluate(() => (window as any).kaDemo.store.getState().results.json);
    expect(json.backtest.calibrationEnd).toBe("2025-06-30"); // 6 months before 2025-12-31
    expect(json.clv.model).toMatchObject({ name: "bgnbd", criterion: "forced" });
    expect(json.dependence.trendPeriod).toBe("month");
    expect(json.stress.customers.map((c: { customer: string }) => c.customer)).toContain(cli.accounts[0].customer);
    const wb = await workbook(page);
    expect(named(wb, "KA_HoldoutMonths")).toBe(6);
    expect(named(wb, "KA_ForecastModel")).toBe("bgnbd");
    expect(named(wb, "KA_CalibrationEnd")).toBe("2025-06-30");

    // KA Trends by month: the period column holds the months of the JSON trend (yyyy-mm), where the CLI's default
    // run has quarters (yyyy-Qn).
    const trend = wb.tables.KATrend;
    const trendGrid: unknown[][] = wb.sheets[trend.sheet].values;
    const periodCol = (trendGrid[trend.row] as string[]).indexOf("Period");
    const periods = trendGrid.slice(trend.row + 1, trend.row + trend.rows).map((r) => r[trend.col + periodCol]);
    expect(periods).toEqual(json.concentration.trend.map((r: { period: string }) => r.period));
    expect(periods.length).toBeGreaterThan(30);
    for (const p of periods) expect(p).toMatch(/^\d{4}-\d{2}$/);
    for (const p of cli.concentration.trend) expect(p.period).toMatch(/^\d{4}-Q[1-4]$/);

    // The drill-down tabs read the user's own sheet, which the run did not change.
    for (const tab of ["KA Drill", "KA Rows"]) expect(wb.sheets[tab]?.visible).toBe(true);
    const drillFormulas: string[] = await page.evaluate(() => [...(window as any).kaDemo.workbook.sheet("KA Drill").formulas.values()]);
    expect(drillFormulas.filter((f) => f.includes("INDEX('Sample ledger'!$C:$C,")).length).toBeGreaterThan(0); // the customer column, read by formula
    await expect(page.evaluate(() => JSON.stringify((window as any).kaDemo.workbook.sheet("Sample ledger").values))).resolves.toBe(sheetBefore);

    // Results: the largest customer with at most 100 rows (its rows fit one selection), counted in the sheet itself.
    const ledger: unknown[][] = wb.sheets["Sample ledger"].values;
    const head = ledger[0] as string[];
    const [custCol, amountCol] = [head.indexOf("Customer"), head.indexOf("Amount")];
    const rowsOf = (name: string) => ledger.map((r, i) => (i > 0 && r[custCol] === name ? i : -1)).filter((i) => i > 0);
    const account = cli.accounts.find((a: { customer: string }) => rowsOf(a.customer).length <= 100 && rowsOf(a.customer).length > 1);
    const expectedRows = rowsOf(account.customer);
    const picker = page.locator('[data-testid="drill-customer"]');
    await picker.click();
    // The picker lists the largest customers first.
    await expect(page.locator('[role="option"]').first().textContent()).resolves.toBe(cli.accounts[0].customer);
    await picker.fill(account.customer.slice(0, 12));
    await page.locator('[role="option"]', { hasText: account.customer }).first().click();
    const shown = page.locator('[data-testid="drill-rows"]');
    await shown.waitFor();
    await expect(shown.getAttribute("data-customer")).resolves.toBe(account.customer);
    await expect(shown.getAttribute("data-rows")).resolves.toBe(String(expectedRows.length));
    close(Number(await shown.getAttribute("data-total")), account.revenue);
    await expect(shown.textContent()).resolves.toContain("The rows add up to it.");
    await expect(page.textContent('[data-testid="drill-selected"]')).resolves.toBe("All of them are selected in Sample ledger.");
    // The mock workbook's selection: exactly those sheet rows, across the ledger's columns; their amounts add up to
    // the customer's Accounts revenue.
    const sel = await page.evaluate(() => (window as any).kaDemo.workbook.selection);
    expect(sel.sheet).toBe("Sample ledger");
    const selected: number[] = [];
    for (const a of sel.areas ?? [sel]) {
      expect([a.col, a.cols]).toEqual([0, head.length]);
      for (let k = 0; k < a.rows; k++) selected.push(a.row + k);
    }
    expect(selected).toEqual(expectedRows);
    close(
      selected.reduce((sum, i) => sum + Number(ledger[i][amountCol]), 0),
      account.revenue,
    );
    // The first rows listed are the customer's first sheet rows (1-based).
    const listed = await page.locator('[data-testid="drill-rows"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-row"))));
    expect(listed).toEqual(expectedRows.slice(0, listed.length).map((i) => i + 1));
    // The demo's grid shows the selected rows, outlined, scrolled to the first of them.
    await expect(page.locator('table[data-sheet="Sample ledger"] td.sel').first().getAttribute("data-cell")).resolves.toBe(`A${expectedRows[0] + 1}`);
    await expect(unlabelled(page)).resolves.toEqual([]);
    await page.locator('[data-testid="drill"]').scrollIntoViewIfNeeded();
    await shot(page, "20-results-customer-rows");
    await page.setViewportSize({ width: 350, height: 900 });
    await expect(sideways(page)).resolves.toEqual({ document: 0, pane: 0, spill: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  test("the Chinese UI, chosen from Office's display language", async () => {
    const { page, errors } = await open("zh-CN", { writeDelayMs: 0 });
    await expect(page.textContent("h1")).resolves.toBe("KA Risk 大客户风险");
    await expect(page.textContent('[data-testid="found"]')).resolves.toContain("找到 26,056 行数据、12 列");
    await shot(page, "11-zh-data");
    await next(page, "data", "columns");
    await expect(page.textContent('[data-page="columns"] h2')).resolves.toBe("核对列");
    // The mapping check speaks Chinese too.
    await mapField(page, "amount", "E 列：Sales Rep");
    await expect(page.textContent('[data-testid="mapping-issues"]')).resolves.toContain("金额：E 列“Sales Rep”中没有数字（E2 为“Wang Bo”）");
    await shot(page, "12-zh-columns");
    await mapField(page, "amount", "F 列：Amount");
    await next(page, "columns", "parameters");
    await expect(page.textContent('[data-section="forecast"]')).resolves.toContain("用最后 N 个月检验预测");
    await expect(page.textContent('[data-section="dependence"]')).resolves.toContain("集中度趋势的周期");
    await shot(page, "13-zh-parameters");
    await page.click('[data-page="parameters"] [data-testid="next"]');
    await page.waitForSelector('[data-page="results"]', { timeout: 120_000 });
    await expect(page.textContent('[data-figure="revenue"]')).resolves.toContain("净收入");
    await expect(page.textContent('[data-testid="drill"]')).resolves.toContain("客户明细行");
    await shot(page, "14-zh-results");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);
});

/**
 * Entry of the task pane. Inside Excel it works on the open workbook through the Office adapter; opened in a plain
 * browser (office.js absent or not in a host) it is the standalone demo: an in-memory workbook holding the bundled
 * sample ledger (fetched from the same origin), with the written tabs shown beside the pane.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { MemoryHost } from "../workbook/memory/host";
import { csvTextOf, loadCsv } from "../workbook/memory/csv";
import { MemoryWorkbook } from "../workbook/memory/workbook";
import { displayLanguage } from "../workbook/office/environment";
import { OfficeHost } from "../workbook/office/host";
import { EXCEL_API, supportsExcelApi } from "../workbook/office/requirements";
import { App, UnsupportedExcel } from "./App";
import { MESSAGES, pickLanguage } from "./i18n";
import { PaneStore } from "./store";
import { excelTheme } from "./theme";

/** Options a test page may set before the pane loads (the e2e tests' office.js stub does): a slow demo host. */
interface DemoOptions {
  writeDelayMs?: number;
  sampleUrl?: string;
}

/** Waits for Office.js when it is there; true inside Excel, false outside Office (no office.js, or no host after a while). */
function inExcel(timeoutMs: number): Promise<boolean> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== "function") return Promise.resolve(false);
  return Promise.race([
    office.onReady().then((info) => (info.host as unknown) === "Excel"), // the value of Office.HostType.Excel
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
  ]);
}

function isDarkOffice(): boolean {
  try {
    const theme = (Office.context as unknown as { officeTheme?: { isDarkTheme?: boolean } }).officeTheme;
    return theme?.isDarkTheme === true;
  } catch {
    return false;
  }
}

async function boot(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  const root = createRoot(container);
  const inOffice = await inExcel(4000);
  const lang = pickLanguage(displayLanguage());

  if (inOffice && !supportsExcelApi(EXCEL_API)) {
    // The manifest asks for this set, so Excel should not load the pane without it; say why if one does.
    root.render(<UnsupportedExcel lang={lang} set={EXCEL_API} theme={excelTheme(isDarkOffice())} />);
    return;
  }
  if (inOffice) {
    let clearWait: ReturnType<typeof setTimeout> | undefined;
    const store: PaneStore = new PaneStore(
      new OfficeHost({
        onWaitForCellEdit: () => {
          store.setWaitingForCellEdit(true);
          if (clearWait) clearTimeout(clearWait);
          clearWait = setTimeout(() => store.setWaitingForCellEdit(false), 1500);
        },
      }),
      lang,
    );
    root.render(<App store={store} theme={excelTheme(isDarkOffice())} />);
    await store.init();
    return;
  }

  const options: DemoOptions = (globalThis as { KA_DEMO_OPTIONS?: DemoOptions }).KA_DEMO_OPTIONS ?? {};
  const workbook = new MemoryWorkbook();
  // The options object stays reachable (kaDemo.hostOptions): a test slows the write down only for the run it cancels.
  const hostOptions = { writeDelayMs: options.writeDelayMs };
  const store = new PaneStore(new MemoryHost(workbook, hostOptions), lang);
  (globalThis as { kaDemo?: unknown }).kaDemo = { workbook, store, hostOptions };
  let loadMessage: string | undefined;
  let loadError: string | undefined;
  const render = () =>
    root.render(
      <App
        store={store}
        theme={excelTheme(false)}
        demo={{
          workbook,
          loadMessage,
          loadError,
          onOpenCsv: (file) => {
            void file.arrayBuffer().then(async (buffer) => {
              const t = MESSAGES[store.getState().lang];
              const read = csvTextOf(file.name, new Uint8Array(buffer));
              if ("refused" in read) {
                // Nothing is loaded: the workbook and the pane stay as they were.
                loadMessage = undefined;
                loadError = read.refused === "workbook" ? t.demoNotCsvWorkbook(file.name, read.kind) : t.demoNotCsvBinary(file.name);
                render();
                return;
              }
              const base = file.name.replace(/\.[^.]+$/, "").slice(0, 28) || "Ledger";
              let name = base;
              for (let k = 2; workbook.sheet(name); k++) name = `${base.slice(0, 26)} ${k}`;
              loadCsv(workbook, name, read.text);
              loadMessage = t.demoLoaded(file.name);
              loadError = undefined;
              render();
              store.goto("data");
              await store.refresh(true);
            });
          },
        }}
      />,
    );
  render();
  // A refused file's message stays until the user goes on with the ledger they have.
  store.subscribe(() => {
    if (loadError !== undefined && store.getState().page !== "data") {
      loadError = undefined;
      render();
    }
  });
  try {
    const response = await fetch(options.sampleUrl ?? "assets/sample-ledger.csv");
    if (!response.ok) throw new Error(String(response.status));
    loadCsv(workbook, "Sample ledger", await response.text());
  } catch {
    loadMessage = MESSAGES[lang].demoSampleMissing;
    render();
  }
  await store.init();
}

void boot();

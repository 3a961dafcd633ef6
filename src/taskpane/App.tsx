/** The pane: title, the steps (earlier ones clickable), the current page; beside it, in the demo, the workbook. */
import * as React from "react";
import { Button, FluentProvider, makeStyles, mergeClasses, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import type { Theme } from "@fluentui/react-components";
import type { MemoryWorkbook } from "../workbook/memory/workbook";
import { DemoWorkbook } from "./DemoWorkbook";
import { ColumnsPage } from "./pages/ColumnsPage";
import { DataPage } from "./pages/DataPage";
import { ParametersPage } from "./pages/ParametersPage";
import { ResultsPage } from "./pages/ResultsPage";
import { RunPage } from "./pages/RunPage";
import { PAGES } from "./store";
import type { Page, PaneStore } from "./store";
import { StoreContext, usePane, useStore, useText } from "./ui";
import { MESSAGES } from "./i18n";
import type { Lang } from "./i18n";

const useLayout = makeStyles({
  shell: { display: "flex", height: "100vh", minHeight: "100%", backgroundColor: tokens.colorNeutralBackground1 },
  // The demo in a narrow window (a phone, a 350 px pane): the workbook goes below the pane, nothing scrolls sideways.
  shellDemo: { "@media (max-width: 760px)": { flexDirection: "column", height: "auto" } },
  pane: {
    boxSizing: "border-box",
    width: "100%",
    maxWidth: "420px",
    flexShrink: 0,
    overflowY: "auto",
    padding: "12px 14px",
    display: "flex",
    flexDirection: "column",
    rowGap: "10px",
  },
  paneDemo: {
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    width: "380px",
    "@media (max-width: 760px)": { width: "100%", maxWidth: "none", overflowY: "visible", borderRight: "none", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  },
  workbook: { flexGrow: 1, minWidth: 0, "@media (max-width: 760px)": { height: "70vh" } },
  header: { display: "flex", flexDirection: "column", rowGap: "2px" },
  appTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  subtitle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  steps: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexWrap: "nowrap", columnGap: "6px", alignItems: "center", minWidth: 0 },
  step: { display: "flex", alignItems: "center", minWidth: 0, flexShrink: 1 },
  stepCurrent: { flexShrink: 0 },
  stepButton: { minWidth: 0, maxWidth: "100%", padding: "2px 4px", fontSize: tokens.fontSizeBase200, justifyContent: "flex-start" },
  stepLabel: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  srOnly: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  num: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
    width: "18px",
    height: "18px",
    borderRadius: "50%",
    fontSize: "11px",
    marginRight: "4px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  numCurrent: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand, border: "none" },
  numDone: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorBrandForeground2, border: "none" },
  demoBar: { display: "flex", flexDirection: "column", rowGap: "6px" },
});

function Steps(): React.ReactElement {
  const state = usePane();
  const store = useStore();
  const t = useText();
  const l = useLayout();
  const current = PAGES.indexOf(state.page);
  const reachable = (p: Page, i: number): boolean => {
    if (state.run || i >= current) return false;
    if (p === "columns") return state.detection !== undefined;
    if (p === "parameters") return state.ledger !== undefined;
    return true;
  };
  return (
    <nav aria-label={t.stepOf(current + 1, PAGES.length)}>
      <ol className={l.steps}>
        {PAGES.map((p, i) => (
          <li key={p} className={mergeClasses(l.step, i === current && l.stepCurrent)}>
            <Button
              appearance="transparent"
              size="small"
              className={l.stepButton}
              disabled={!reachable(p, i)}
              aria-current={i === current ? "step" : undefined}
              title={t.steps[p]}
              onClick={() => store.goto(p)}
              data-step={p}
            >
              <span className={mergeClasses(l.num, i === current && l.numCurrent, i < current && l.numDone)} aria-hidden={i === current ? true : undefined}>
                {i + 1}
              </span>
              {/* A narrow pane has room for one name: the current step's; the others say theirs on hover and to screen readers. */}
              {i === current ? (
                <span className={l.stepLabel} style={{ fontWeight: 600, color: tokens.colorNeutralForeground1 }}>
                  {t.steps[p]}
                </span>
              ) : (
                <span className={l.srOnly}>{t.steps[p]}</span>
              )}
            </Button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function CurrentPage(): React.ReactElement {
  switch (usePane().page) {
    case "data":
      return <DataPage />;
    case "columns":
      return <ColumnsPage />;
    case "parameters":
      return <ParametersPage />;
    case "run":
      return <RunPage />;
    case "results":
      return <ResultsPage />;
  }
}

function Shell(props: { demo?: { workbook: MemoryWorkbook; onOpenCsv(file: File): void; loadMessage?: string; loadError?: string } }): React.ReactElement {
  const t = useText();
  const l = useLayout();
  const state = usePane();
  const store = useStore();
  const fileInput = React.useRef<HTMLInputElement>(null);
  return (
    <div className={mergeClasses(l.shell, props.demo && l.shellDemo)}>
      <main className={mergeClasses(l.pane, props.demo && l.paneDemo)} aria-label={t.appTitle}>
        <header className={l.header}>
          <h1 className={l.appTitle}>{t.appTitle}</h1>
          <Text className={l.subtitle}>{t.appSubtitle}</Text>
        </header>
        {props.demo ? (
          <div className={l.demoBar}>
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{props.demo.loadMessage ?? t.demoBanner}</MessageBarBody>
            </MessageBar>
            {props.demo.loadError ? (
              <MessageBar intent="error" layout="multiline" data-testid="load-error">
                <MessageBarBody>{props.demo.loadError}</MessageBarBody>
              </MessageBar>
            ) : null}
            <div>
              <Button size="small" onClick={() => fileInput.current?.click()} disabled={!!state.run}>
                {t.demoOpenCsv}
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept=".csv,.tsv,.txt,text/csv"
                hidden
                aria-label={t.demoOpenCsv}
                data-testid="csv-input"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) props.demo?.onOpenCsv(f);
                  e.target.value = "";
                }}
              />
            </div>
          </div>
        ) : null}
        <Steps />
        {state.waitingForCellEdit ? (
          <MessageBar intent="warning">
            <MessageBarBody>{t.cellEdit}</MessageBarBody>
          </MessageBar>
        ) : null}
        <CurrentPage />
      </main>
      {props.demo ? (
        <div className={l.workbook}>
          <DemoWorkbook wb={props.demo.workbook} onSelectSheet={(name) => void store.openTab(name)} />
        </div>
      ) : null}
    </div>
  );
}

/** Shown instead of the pane in an Excel without the ExcelApi set the pane needs. */
export function UnsupportedExcel(props: { lang: Lang; set: string; theme: Theme }): React.ReactElement {
  return (
    <FluentProvider theme={props.theme} style={{ height: "100%", padding: "12px 14px", boxSizing: "border-box" }}>
      <MessageBar intent="error" layout="multiline" data-testid="unsupported-excel">
        <MessageBarBody>{MESSAGES[props.lang].unsupportedExcel(props.set)}</MessageBarBody>
      </MessageBar>
    </FluentProvider>
  );
}

export function App(props: { store: PaneStore; theme: Theme; demo?: { workbook: MemoryWorkbook; onOpenCsv(file: File): void; loadMessage?: string; loadError?: string } }): React.ReactElement {
  const lang = React.useSyncExternalStore(props.store.subscribe, () => props.store.getState().lang);
  React.useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <StoreContext.Provider value={props.store}>
      <FluentProvider theme={props.theme} style={{ height: "100%" }}>
        <Shell demo={props.demo} />
      </FluentProvider>
    </StoreContext.Provider>
  );
}

/**
 * The standalone demo's workbook: the in-memory workbook's visible sheets as tabs and HTML tables (values as Excel
 * would show them through their number formats; each cell carries its raw value and formula in data attributes),
 * charts drawn as small SVG sketches of their series.
 */
import * as React from "react";
import { makeStyles, mergeClasses, Tab, TabList, Text, tokens } from "@fluentui/react-components";
import type { MemoryChart, MemorySheet, MemoryWorkbook } from "../workbook/memory/workbook";
import { displayValue } from "./format";
import { formatNumber } from "./i18n";
import { letters, useText, usePane } from "./ui";

const MAX_ROWS = 300;

const useLocal = makeStyles({
  root: { display: "flex", flexDirection: "column", minWidth: 0, height: "100%", backgroundColor: tokens.colorNeutralBackground2 },
  bar: { padding: "8px 12px 0 12px", display: "flex", alignItems: "baseline", columnGap: "12px" },
  title: { fontWeight: tokens.fontWeightSemibold },
  gridWrap: { overflow: "auto", flexGrow: 1, margin: "0 12px 12px 12px", border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  grid: {
    borderCollapse: "collapse",
    fontSize: "12px",
    fontFamily: "Calibri, 'Segoe UI', 'Microsoft YaHei', sans-serif",
    "& th.h": { position: "sticky", top: 0, backgroundColor: "#F3F3F3", color: "#555", fontWeight: 400, border: "1px solid #DADADA", padding: "0 4px", zIndex: 1 },
    "& th.r": { position: "sticky", left: 0, backgroundColor: "#F3F3F3", color: "#555", fontWeight: 400, border: "1px solid #DADADA", padding: "0 4px", textAlign: "right" },
    "& td": { border: "1px solid #E6E6E6", padding: "1px 5px", whiteSpace: "nowrap", maxWidth: "360px", overflow: "hidden", textOverflow: "ellipsis", height: "18px" },
    "& td.n": { textAlign: "right", fontVariantNumeric: "tabular-nums" },
    "& td.f": { color: "#0B5394" },
    "& td.title": { fontSize: "16px", fontWeight: 700, color: "#1F4E79" },
    "& td.heading": { fontSize: "13px", fontWeight: 700, color: "#1F4E79" },
    "& td.note": { fontStyle: "italic", color: "#595959" },
    "& td.matrixHeader, & td.th": { fontWeight: 700, backgroundColor: "#F2F2F2" },
    "& td.th": { backgroundColor: "#DDEBF7", borderBottom: "1px solid #9BC2E6" },
    "& td.sel": { outline: "2px solid #107C41", outlineOffset: "-2px" },
    // Rows skipped between the first row and a selection further down.
    "& tr.gap > *": { borderTop: "3px double #9E9E9E" },
  },
  more: { padding: "6px", color: tokens.colorNeutralForeground3 },
  // Many tabs wrap onto a second line in a narrow window instead of widening the page.
  tabs: { flexWrap: "wrap" },
  charts: { display: "flex", flexWrap: "wrap", gap: "12px", padding: "0 12px 12px 12px" },
  chart: { backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "6px", width: "314px", maxWidth: "100%", boxSizing: "border-box" },
});

function useWorkbook(wb: MemoryWorkbook): number {
  const [version, setVersion] = React.useState(0);
  React.useEffect(() => wb.subscribe(() => setVersion((v) => v + 1)), [wb]);
  return version;
}

/** Text cut to `n` characters with an ellipsis (the whole text is in the element's title). */
const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/**
 * A chart of the demo workbook as a small SVG: its title, axis titles, tick labels in the value axis' format
 * (percentages on share axes), and category labels — customer names beside the bars of a bar chart.
 */
function ChartSketch(props: { chart: MemoryChart }): React.ReactElement {
  const c = props.chart;
  const series = c.series.map((s) => s.values.map((v) => (typeof v === "number" ? v : 0)));
  const n = Math.max(1, ...series.map((s) => s.length));
  const all = series.flat();
  const max = Math.max(1e-12, ...all);
  const min = Math.min(0, ...all);
  const colors = ["#107C41", "#2F5597", "#C55A11", "#7F7F7F"];
  const horizontal = c.type === "barClustered" || c.type === "barStacked";
  const labels = c.categories.map((v) => (typeof v === "number" ? displayValue(v, c.categoryFormat) : String(v ?? "")));
  const tick = (v: number) => displayValue(v, c.valueFormat);
  const numericX = c.categories.length === n && c.categories.every((v) => typeof v === "number");
  const w = 300;
  if (horizontal) {
    // Categories down the left (rank 1 on top), values along the bottom.
    const left = 104;
    const rowH = 16;
    const top = 24;
    const h = top + n * rowH + 40;
    const x = (v: number) => left + ((v - min) / (max - min)) * (w - left - 12);
    return (
      <svg viewBox={`0 0 ${w} ${h}`} style={{ width: "100%", maxWidth: w, display: "block" }} role="img" aria-label={c.title}>
        <text x={w / 2} y={14} textAnchor="middle" fontSize="12" fontWeight="600">
          {c.title}
        </text>
        {labels.map((name, i) => (
          <text key={`c${i}`} x={left - 4} y={top + i * rowH + rowH * 0.7} textAnchor="end" fontSize="10" data-category={name}>
            <title>{name}</title>
            {cut(name, 18)}
          </text>
        ))}
        {series.map((s, k) =>
          s.map((v, i) => (
            <rect key={`${k}-${i}`} x={Math.min(x(v), x(0))} y={top + i * rowH + 2 + (k * (rowH - 4)) / series.length} width={Math.abs(x(v) - x(0))} height={(rowH - 4) / series.length} fill={colors[k % colors.length]} />
          )),
        )}
        <line x1={left} y1={top} x2={left} y2={top + n * rowH} stroke="#999" />
        <line x1={left} y1={top + n * rowH} x2={w - 12} y2={top + n * rowH} stroke="#999" />
        <text x={left} y={top + n * rowH + 12} fontSize="10" textAnchor="start">
          {tick(min)}
        </text>
        <text x={w - 12} y={top + n * rowH + 12} fontSize="10" textAnchor="end" data-tick="max">
          {tick(max)}
        </text>
        {c.valueTitle ? (
          <text x={(left + w - 12) / 2} y={h - 6} fontSize="11" textAnchor="middle" data-axis="value">
            {c.valueTitle}
          </text>
        ) : null}
        {c.categoryTitle ? (
          <text x={4} y={top - 6} fontSize="11" data-axis="category">
            {c.categoryTitle}
          </text>
        ) : null}
      </svg>
    );
  }
  const h = 190;
  const left = 46;
  const right = 10;
  const top = 22;
  const bottom = 44;
  const y = (v: number) => h - bottom - ((v - min) / (max - min)) * (h - top - bottom);
  const x = (i: number) => {
    if (numericX) {
      const xs = c.categories as number[];
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      return left + ((xs[i] - lo) / Math.max(1e-12, hi - lo)) * (w - left - right);
    }
    return left + ((i + 0.5) / n) * (w - left - right);
  };
  const bars = c.type !== "line" && c.type !== "scatterLines" && c.type !== "scatter";
  // Category labels: all of them when they fit, else the first and the last.
  const shownLabels = numericX ? [] : labels.length <= 8 ? labels.map((_, i) => i) : [0, labels.length - 1];
  return (
    <svg viewBox={`0 0 ${w} ${h}`} style={{ width: "100%", maxWidth: w, display: "block" }} role="img" aria-label={c.title}>
      <text x={w / 2} y={14} textAnchor="middle" fontSize="12" fontWeight="600">
        {c.title}
      </text>
      <line x1={left} y1={h - bottom} x2={w - right} y2={h - bottom} stroke="#999" />
      <line x1={left} y1={top} x2={left} y2={h - bottom} stroke="#999" />
      <text x={left - 3} y={top + 8} fontSize="10" textAnchor="end" data-tick="max">
        {tick(max)}
      </text>
      <text x={left - 3} y={h - bottom} fontSize="10" textAnchor="end">
        {tick(min)}
      </text>
      {series.map((s, k) =>
        bars ? (
          s.map((v, i) => {
            const bw = ((w - left - right) / n) * 0.7;
            return <rect key={`${k}-${i}`} x={x(i) - bw / 2 + (k * bw) / series.length} y={Math.min(y(v), y(0))} width={bw / Math.max(1, series.length)} height={Math.abs(y(0) - y(v))} fill={colors[k % colors.length]} />;
          })
        ) : (
          <polyline key={k} fill="none" stroke={colors[k % colors.length]} strokeWidth="2" points={s.map((v, i) => `${x(i)},${y(v)}`).join(" ")} />
        ),
      )}
      {numericX && c.categories.length > 0 ? (
        <>
          <text x={left} y={h - bottom + 12} fontSize="10" textAnchor="start">
            {displayValue(Math.min(...(c.categories as number[])), c.categoryFormat)}
          </text>
          <text x={w - right} y={h - bottom + 12} fontSize="10" textAnchor="end">
            {displayValue(Math.max(...(c.categories as number[])), c.categoryFormat)}
          </text>
        </>
      ) : null}
      {shownLabels.map((i) => (
        <text key={`c${i}`} x={x(i)} y={h - bottom + 12} fontSize="10" textAnchor={shownLabels.length === 2 ? (i === 0 ? "start" : "end") : "middle"} data-category={labels[i]}>
          <title>{labels[i]}</title>
          {cut(labels[i], shownLabels.length > 4 ? 6 : 14)}
        </text>
      ))}
      {c.categoryTitle ? (
        <text x={(left + w - right) / 2} y={h - 8} fontSize="11" textAnchor="middle" data-axis="category">
          {c.categoryTitle}
        </text>
      ) : null}
      {c.valueTitle ? (
        <text x={12} y={(top + h - bottom) / 2} fontSize="11" textAnchor="middle" transform={`rotate(-90 12 ${(top + h - bottom) / 2})`} data-axis="value">
          {c.valueTitle}
        </text>
      ) : null}
    </svg>
  );
}

function SheetGrid(props: { wb: MemoryWorkbook; sheet: MemorySheet }): React.ReactElement {
  const { wb, sheet } = props;
  const t = useText();
  const l = useLocal();
  const lang = usePane().lang;
  const size = wb.usedSize(sheet);
  const sel = wb.selection && wb.selection.sheet === sheet.name ? wb.selection : undefined;
  const areas = sel ? (sel.areas ?? [sel]) : [];
  // A selection below the rows shown (a customer's rows picked on Results): the rows from just above it, under the
  // sheet's first row, as Excel scrolls to a selection.
  const firstSelected = areas.length > 0 ? Math.min(...areas.map((a) => a.row)) : 0;
  const start = firstSelected >= MAX_ROWS ? firstSelected - 3 : 0;
  const rows = Math.min(size.rows - start, MAX_ROWS);
  const shownRows = start > 0 ? [0, ...Array.from({ length: rows }, (_, k) => start + k)] : Array.from({ length: rows }, (_, k) => k);
  const tableRef = React.useRef<HTMLTableElement>(null);
  const selKey = sel ? JSON.stringify(sel) : "";
  React.useEffect(() => {
    const table = tableRef.current;
    const cell = table?.querySelector("td.sel");
    const wrap = table?.parentElement;
    if (!cell || !wrap) return;
    wrap.scrollTop += cell.getBoundingClientRect().top - wrap.getBoundingClientRect().top - 60;
  }, [selKey]);
  const headerCells = new Set<string>();
  for (const tb of wb.tables.values()) {
    if (tb.sheet !== sheet.name) continue;
    for (let j = 0; j < tb.cols; j++) headerCells.add(`${tb.row},${tb.col + j}`);
  }
  const isSel = (r: number, c: number) => areas.some((a) => r >= a.row && r < a.row + a.rows && c >= a.col && c < a.col + a.cols);
  const widths = sheet.widths;
  return (
    <>
      <table className={l.grid} data-sheet={sheet.name} ref={tableRef}>
        <colgroup>
          <col style={{ width: 36 }} />
          {Array.from({ length: size.cols }, (_, j) => (
            <col key={j} style={widths[j] ? { width: Math.round(widths[j] as number * 7 + 5) } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="h" />
            {Array.from({ length: size.cols }, (_, j) => (
              <th key={j} className="h" scope="col">
                {letters(j)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shownRows.map((r) => (
            <tr key={r} className={start > 0 && r === start ? "gap" : undefined}>
              <th className="r" scope="row">
                {r + 1}
              </th>
              {Array.from({ length: size.cols }, (_, c) => {
                const v = wb.getValue(sheet, r, c);
                const f = wb.formulaAt(sheet, r, c);
                const style = wb.styleAt(sheet, r, c);
                const cls = [typeof v === "number" ? "n" : "", f ? "f" : "", style ?? "", headerCells.has(`${r},${c}`) ? "th" : "", isSel(r, c) ? "sel" : ""].filter(Boolean).join(" ");
                const text = displayValue(v, wb.formatAt(sheet, r, c));
                return (
                  <td key={c} className={cls || undefined} data-cell={`${letters(c)}${r + 1}`} data-value={v === null ? undefined : JSON.stringify(v)} data-formula={f} title={f ?? (text.length > 40 ? text : undefined)}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {size.rows > start + rows ? <div className={l.more}>{t.demoMoreRows(formatNumber(lang, size.rows - start - rows))}</div> : null}
    </>
  );
}

export function DemoWorkbook(props: { wb: MemoryWorkbook; onSelectSheet(name: string): void }): React.ReactElement {
  const { wb } = props;
  useWorkbook(wb);
  const t = useText();
  const l = useLocal();
  const visible = wb.sheets.filter((s) => s.visible);
  const active = visible.find((s) => s.name === wb.active) ?? visible[0];
  return (
    <div className={l.root} aria-label={t.demoWorkbook} role="region">
      <div className={l.bar}>
        <Text className={l.title}>{t.demoWorkbook}</Text>
      </div>
      {visible.length === 0 ? (
        <Text className={l.more}>{t.demoNoSheets}</Text>
      ) : (
        <>
          <TabList className={l.tabs} size="small" selectedValue={active?.name} onTabSelect={(_, d) => props.onSelectSheet(String(d.value))} aria-label={t.demoWorkbook} data-testid="sheet-tabs">
            {visible.map((s) => (
              <Tab key={s.name} value={s.name} data-sheet-tab={s.name}>
                {s.name}
              </Tab>
            ))}
          </TabList>
          {active && active.charts.length > 0 ? (
            <div className={l.charts}>
              {active.charts.map((c, i) => (
                <div key={i} className={l.chart} data-chart={c.title}>
                  <ChartSketch chart={c} />
                </div>
              ))}
            </div>
          ) : null}
          <div className={mergeClasses(l.gridWrap)} tabIndex={0}>
            {active ? <SheetGrid wb={wb} sheet={active} /> : null}
          </div>
        </>
      )}
    </div>
  );
}

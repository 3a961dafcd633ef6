/**
 * Results: headline figures, a link to each written tab, the excluded rows (linking to KA About), and a customer's
 * ledger rows — picked from the analysed customers, listed with their total, and selected in the ledger's sheet.
 */
import * as React from "react";
import { Button, Combobox, Field, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Option, Text, tokens, Tooltip } from "@fluentui/react-components";
import { formatLocaleDate, userLocale } from "../dates";
import { formatNumber, formatPercent } from "../i18n";
import { pickerCustomers } from "../state/drill";
import type { DrillSource } from "../state/run";
import { Page, ProblemBar, usePane, useStore, useStyles, useText } from "../ui";

const useLocal = makeStyles({
  figures: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))", gap: "8px" },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px 10px",
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // A narrow pane (350 px) has room for 226,889,874.57 at the smaller size; beyond that the number wraps.
  value: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: "tabular-nums",
    overflowWrap: "anywhere",
    "@media (max-width: 420px)": { fontSize: tokens.fontSizeBase400 },
  },
  band: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  tabs: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "4px" },
  drill: { display: "flex", flexDirection: "column", rowGap: "6px" },
  rowsWrap: { overflowX: "auto", maxWidth: "100%" },
  rows: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: "tabular-nums",
    "& th": { textAlign: "left", fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground3, padding: "2px 8px 2px 0", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
    "& td": { padding: "2px 8px 2px 0", whiteSpace: "nowrap" },
    "& .n": { textAlign: "right" },
  },
});

/** Options the picker lists at once: the largest customers matching what is typed. */
const PICKER_OPTIONS = 50;

export function ResultsPage(): React.ReactElement {
  const store = useStore();
  const state = usePane();
  const t = useText();
  const s = useStyles();
  const l = useLocal();
  const r = state.results;
  if (!r) return <Page id="results" title={t.resultsTitle}>{null}</Page>;
  const j = r.json;
  const lang = state.lang;
  const conc = j.concentration;
  const credit = j.credit;
  const alertCount = j.alerts ? Object.values(j.alerts).reduce((a: number, b) => a + (typeof b === "number" ? b : 0), 0) : undefined;
  const excluded = j.rows.excluded;
  const na = (
    <Tooltip content={t.resultsNotAvailableHint} relationship="description">
      <span tabIndex={0}>{t.resultsNotAvailable}</span>
    </Tooltip>
  );
  const figure = (key: string, label: string, value: React.ReactNode, extra?: React.ReactNode) => (
    <div className={l.card} data-figure={key}>
      <span className={l.label}>{label}</span>
      <span className={l.value}>{value}</span>
      {extra}
    </div>
  );
  return (
    <Page
      id="results"
      title={t.resultsTitle}
      footer={
        <>
          <Button onClick={() => store.goto("parameters")}>{t.resultsRunAgain}</Button>
          <Button
            onClick={() => {
              store.goto("data");
              void store.refresh();
            }}
          >
            {t.resultsStartOver}
          </Button>
        </>
      }
    >
      <Text className={s.intro}>{t.resultsAsOf(j.asOf ?? "")}</Text>
      <div className={l.figures}>
        {figure("revenue", t.resultsRevenue, formatNumber(lang, j.revenue, 2))}
        {figure("customers", t.resultsCustomers, formatNumber(lang, j.customers, 0))}
        {figure(
          "hhi",
          t.resultsHhi,
          conc ? formatNumber(lang, conc.hhi, 0) : na,
          conc ? (
            <span className={l.band} data-band={conc.band} style={{ color: conc.band === "highly concentrated" ? tokens.colorPaletteRedForeground1 : conc.band === "moderately concentrated" ? tokens.colorPaletteDarkOrangeForeground1 : tokens.colorPaletteGreenForeground1 }}>
              {t.resultsBand[conc.band] ?? conc.band}
            </span>
          ) : null,
        )}
        {figure("cr1", t.resultsTopShare, conc ? formatPercent(lang, conc.cr1) : na)}
        {figure("receivables", t.resultsReceivables, credit && typeof credit.receivables === "number" ? formatNumber(lang, credit.receivables, 2) : na)}
        {figure("alerts", t.resultsAlerts, alertCount !== undefined ? formatNumber(lang, alertCount, 0) : na)}
      </div>

      <h3 className={s.sectionTitle}>{t.resultsTabs}</h3>
      <ul className={l.tabs}>
        {r.written.map((w) => (
          <li key={w.role}>
            <Link as="button" onClick={() => void store.openTab(w.name)} data-tab={w.name} aria-label={t.resultsOpenTab(w.name)}>
              {w.name}
            </Link>
          </li>
        ))}
      </ul>

      {r.drill ? <CustomerRows drill={r.drill} /> : <Text className={s.hint}>{t.resultsDrillNone}</Text>}

      <Text data-testid="excluded">
        {excluded > 0 ? `${t.resultsExcluded(formatNumber(lang, excluded, 0))} · ` : t.resultsNoneExcluded}
        {excluded > 0 && r.excluded ? (
          <Link as="button" onClick={() => void store.openTab(r.excluded!.sheet, r.excluded!.address)} data-testid="excluded-link">
            {t.resultsExcludedLink}
          </Link>
        ) : null}
      </Text>

      {r.warnings.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.resultsWarnings}</MessageBarTitle>
            {r.warnings.map((w, i) => (
              <Text key={i} block size={200}>
                {w}
              </Text>
            ))}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {state.problem ? <ProblemBar problem={state.problem} /> : null}
    </Page>
  );
}

/** The customer picker (largest revenue first) and the picked customer's rows, selected in the ledger's sheet. */
function CustomerRows(props: { drill: DrillSource }): React.ReactElement {
  const store = useStore();
  const state = usePane();
  const t = useText();
  const s = useStyles();
  const l = useLocal();
  const lang = state.lang;
  const locale = userLocale();
  const all = React.useMemo(() => pickerCustomers(props.drill), [props.drill]);
  const picked = state.picked;
  const [query, setQuery] = React.useState(picked?.name ?? "");
  const q = query.trim().toLowerCase();
  const shown = (q === "" || q === picked?.name.toLowerCase() ? all : all.filter((c) => c.name.toLowerCase().includes(q))).slice(0, PICKER_OPTIONS);
  const money = (x: number) => formatNumber(lang, x, 2);
  const reconciles = picked ? Math.abs(picked.rows.total - picked.revenue) <= 1e-6 * Math.max(1, Math.abs(picked.revenue)) : false;
  return (
    <section className={l.drill} aria-labelledby="drill-title" data-testid="drill">
      <h3 id="drill-title" className={s.sectionTitle}>
        {t.resultsDrill}
      </h3>
      <Field label={t.resultsDrillPick}>
        <Combobox
          placeholder={t.resultsDrillPlaceholder}
          value={query}
          selectedOptions={picked ? [String(picked.code)] : []}
          onChange={(e) => setQuery(e.target.value)}
          onOptionSelect={(_, d) => {
            if (d.optionValue === undefined) return;
            setQuery(d.optionText ?? "");
            void store.pickCustomer(Number(d.optionValue));
          }}
          data-testid="drill-customer"
        >
          {shown.map((c) => (
            <Option key={c.code} value={String(c.code)} text={c.name}>
              {c.name}
            </Option>
          ))}
        </Combobox>
      </Field>
      {picked ? (
        <div className={l.drill} data-testid="drill-rows" data-customer={picked.name} data-rows={picked.rows.sheetRows.length} data-total={picked.rows.total} data-revenue={picked.revenue}>
          <Text weight="semibold">{t.resultsDrillRows(formatNumber(lang, picked.rows.sheetRows.length, 0), money(picked.rows.total))}</Text>
          <Text>
            {t.resultsDrillRevenue(money(picked.revenue))} {reconciles ? t.resultsDrillReconciles : t.resultsDrillDiffers}
          </Text>
          <Text className={s.hint} data-testid="drill-selected">
            {picked.selection.rows === picked.rows.sheetRows.length
              ? t.resultsDrillSelected(picked.selection.sheet)
              : t.resultsDrillSelectedFirst(formatNumber(lang, picked.selection.rows, 0), formatNumber(lang, picked.rows.sheetRows.length, 0), picked.selection.sheet)}
          </Text>
          <div className={l.rowsWrap}>
            <table className={l.rows} aria-label={t.resultsDrillFirst(String(picked.first.length))}>
              <thead>
                <tr>
                  <th scope="col" className="n">
                    {t.resultsDrillRow}
                  </th>
                  <th scope="col">{t.resultsDrillDate}</th>
                  {picked.first.some((x) => x.invoice) ? <th scope="col">{t.resultsDrillInvoice}</th> : null}
                  <th scope="col" className="n">
                    {t.resultsDrillAmount}
                  </th>
                </tr>
              </thead>
              <tbody>
                {picked.first.map((x) => (
                  <tr key={x.sheetRow} data-row={x.sheetRow}>
                    <td className="n">{x.sheetRow}</td>
                    <td>{formatLocaleDate(x.date, locale)}</td>
                    {picked.first.some((y) => y.invoice) ? <td>{x.invoice ?? ""}</td> : null}
                    <td className="n">{money(x.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {picked.rows.sheetRows.length > picked.first.length ? <Text className={s.hint}>{t.resultsDrillFirst(String(picked.first.length))}</Text> : null}
        </div>
      ) : null}
    </section>
  );
}

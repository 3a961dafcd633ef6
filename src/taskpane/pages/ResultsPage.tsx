/** Results: headline figures, a link to each written tab, and the excluded rows (linking to KA About). */
import * as React from "react";
import { Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens, Tooltip } from "@fluentui/react-components";
import { formatNumber, formatPercent } from "../i18n";
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
});

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

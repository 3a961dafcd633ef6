/** Parameters: as-of date (default the ledger's last date), time unit, RFM bins, ABC thresholds, loss rates. */
import * as React from "react";
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, SpinButton, Text, tokens } from "@fluentui/react-components";
import { DEFAULT_PARAMS } from "../../engine/analysis";
import { formatNumber } from "../i18n";
import { agingLabels, illustrativeLossRates } from "../../engine/metrics/credit";
import { percentText, validateForm } from "../state/params";
import { agingBoundsOf } from "../state/settings";
import { Footer, Page, ProblemBar, usePane, useStore, useStyles, useText } from "../ui";
import { DateBox } from "../DateBox";
import { formatLocaleDate, userLocale } from "../dates";

const useLocal = makeStyles({
  pct: { width: "110px" },
  lossGrid: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) 110px", columnGap: "8px", rowGap: "4px", alignItems: "center" },
  pair: { display: "flex", columnGap: "12px", flexWrap: "wrap" },
  fieldset: { border: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "6px" },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: "2px" },
});

export function ParametersPage(): React.ReactElement {
  const store = useStore();
  const state = usePane();
  const t = useText();
  const s = useStyles();
  const l = useLocal();
  const f = state.form;
  const errors = validateForm(f);
  const ledger = state.ledger;
  const asOfDefault = store.defaultAsOf() ?? "";
  const locale = userLocale();
  const example = formatLocaleDate(asOfDefault || "2025-12-31", locale);
  // Typed text that is no date (the form keeps the last good date; Run waits until the box is fixed).
  const [typedWrong, setTypedWrong] = React.useState<{ asOf?: boolean; compareAsOf?: boolean }>({});
  const pct = (x: number) => `${percentText(x)} %`;
  const customers = ledger ? ledger.customers.length : 0;
  // Loss-rate boxes are labelled by the buckets typed above them (the default labels while the text is not valid).
  const bounds = agingBoundsOf(f.aging);
  const isDefault = bounds !== undefined && bounds.join(",") === DEFAULT_PARAMS.agingBounds.join(",");
  const bucketLabels = bounds && !isDefault && bounds.length + 1 === f.lossRates.length ? agingLabels(bounds) : undefined;
  const defaults = bucketLabels && bounds ? illustrativeLossRates(bounds) : DEFAULT_PARAMS.lossRates;
  // While the rates are estimated the boxes are read-only: they show the last run's estimates (when it made
  // them for these buckets), else the fallback rates used when the payment history does not allow estimates.
  const estimating = f.lossRateMethod === "auto";
  const lastCredit = state.results?.json.credit;
  const estimated = estimating && lastCredit?.lossRateMethod === "rollRate" ? Object.values(lastCredit.lossRates) : undefined;
  const shownEstimates = estimated && estimated.length === f.lossRates.length ? estimated : undefined;
  return (
    <Page
      id="parameters"
      title={t.paramsTitle}
      footer={
        <Footer
          back={() => store.goto("columns")}
          next={() => void store.run()}
          nextLabel={t.paramsRun}
          nextDisabled={Object.keys(errors).length > 0 || !ledger || typedWrong.asOf === true || typedWrong.compareAsOf === true}
        />
      }
    >
      <Text className={s.intro}>{t.paramsIntro}</Text>
      {ledger ? (
        <Text data-testid="ledger-summary">
          {t.paramsLedger(formatNumber(state.lang, ledger.read), formatNumber(state.lang, ledger.used), formatNumber(state.lang, ledger.read - ledger.used), formatNumber(state.lang, customers))}
        </Text>
      ) : null}
      {state.notice === "cancelled" ? (
        <MessageBar intent="warning" data-testid="cancelled">
          <MessageBarBody>{t.runCancelled}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.problem && state.problem.page === "parameters" ? <ProblemBar problem={state.problem} /> : null}

      <Field
        label={t.paramsAsOf}
        hint={t.paramsAsOfHint(asOfDefault ? formatLocaleDate(asOfDefault, locale) : "")}
        validationMessage={errors.asOf || typedWrong.asOf ? t.paramsDateInvalid(example) : undefined}
        validationState={errors.asOf || typedWrong.asOf ? "error" : "none"}
      >
        <DateBox value={f.asOf} placeholderIso={asOfDefault || undefined} locale={locale} lang={state.lang} onChange={(iso) => store.setParam("asOf", iso)} onInvalid={(bad) => setTypedWrong((w) => ({ ...w, asOf: bad }))} data-param="asOf" />
      </Field>

      <Field label={t.paramsUnit} hint={t.paramsDefault(t.paramsUnitWeek)}>
        <RadioGroup layout="horizontal" value={f.unit} onChange={(_, d) => store.setParam("unit", d.value as "day" | "week" | "month")}>
          <Radio value="day" label={t.paramsUnitDay} />
          <Radio value="week" label={t.paramsUnitWeek} />
          <Radio value="month" label={t.paramsUnitMonth} />
        </RadioGroup>
      </Field>

      <Field label={t.paramsBins} hint={t.paramsDefault(String(DEFAULT_PARAMS.bins))} validationMessage={errors.bins ? t.paramsBinsInvalid : undefined} validationState={errors.bins ? "error" : "none"}>
        <SpinButton
          className={l.pct}
          min={2}
          max={10}
          value={Number.isFinite(Number(f.bins)) && f.bins.trim() !== "" ? Number(f.bins) : null}
          displayValue={f.bins}
          onChange={(_, d) => store.setParam("bins", d.value !== undefined && d.value !== null ? String(d.value) : (d.displayValue ?? ""))}
          data-param="bins"
        />
      </Field>

      <div className={l.pair}>
        <Field label={t.paramsAbcA} hint={t.paramsDefault(pct(DEFAULT_PARAMS.abcA))} validationState={errors.abc ? "error" : "none"}>
          <Input className={l.pct} value={f.abcA} contentAfter="%" onChange={(_, d) => store.setParam("abcA", d.value)} inputMode="decimal" data-param="abcA" />
        </Field>
        <Field label={t.paramsAbcB} hint={t.paramsDefault(pct(DEFAULT_PARAMS.abcB))} validationState={errors.abc ? "error" : "none"} validationMessage={errors.abc ? t.paramsAbcInvalid : undefined}>
          <Input className={l.pct} value={f.abcB} contentAfter="%" onChange={(_, d) => store.setParam("abcB", d.value)} inputMode="decimal" data-param="abcB" />
        </Field>
      </div>

      <fieldset className={l.fieldset}>
        <legend className={l.legend}>{t.paramsLoss}</legend>
        <RadioGroup value={f.lossRateMethod} onChange={(_, d) => store.setParam("lossRateMethod", d.value as "auto" | "given")} aria-label={t.paramsLoss}>
          <Radio value="auto" label={t.paramsLossAuto} />
          <Radio value="given" label={t.paramsLossGiven} />
        </RadioGroup>
        <Text className={s.hint}>{t.paramsLossHint}</Text>
        <Field label={t.paramsAging} hint={t.paramsAgingHint} validationMessage={errors.aging ? t.paramsAgingInvalid : undefined} validationState={errors.aging ? "error" : "none"}>
          <Input value={f.aging} onChange={(_, d) => store.setAging(d.value)} inputMode="numeric" data-param="aging" />
        </Field>
        {estimating ? (
          <Text className={s.hint} data-testid="loss-estimated">
            {shownEstimates ? t.paramsLossEstimated : t.paramsLossFallback}
          </Text>
        ) : null}
        <div className={l.lossGrid} data-testid="loss-rates" data-estimating={estimating ? "true" : undefined}>
          {f.lossRates.map((r, i) => (
            <React.Fragment key={i}>
              <label htmlFor={`loss-${i}`}>
                {bucketLabels ? bucketLabels[i] : (t.paramsLossBucket[i] ?? `#${i + 1}`)}
                {defaults[i] !== undefined && !estimating ? <span className={s.hint}> · {t.paramsDefault(pct(defaults[i]))}</span> : null}
              </label>
              <Input
                id={`loss-${i}`}
                className={l.pct}
                value={shownEstimates ? String(Math.round(shownEstimates[i] * 1000) / 10) : r}
                contentAfter="%"
                inputMode="decimal"
                disabled={estimating}
                data-loss={i}
                aria-invalid={errors[`loss${i}`] && !estimating ? true : undefined}
                aria-describedby={errors[`loss${i}`] && !estimating ? `loss-${i}-err` : undefined}
                onChange={(_, d) => store.setLossRate(i, d.value)}
              />
              {errors[`loss${i}`] && !estimating ? (
                <Text id={`loss-${i}-err`} size={200} style={{ gridColumn: "1 / span 2", color: tokens.colorPaletteRedForeground1 }}>
                  {t.paramsLossInvalid}
                </Text>
              ) : null}
            </React.Fragment>
          ))}
        </div>
      </fieldset>
      <Field
        label={t.paramsCompare}
        hint={t.paramsCompareHint}
        validationMessage={errors.compareAsOf || typedWrong.compareAsOf ? t.paramsDateInvalid(example) : undefined}
        validationState={errors.compareAsOf || typedWrong.compareAsOf ? "error" : "none"}
      >
        <DateBox value={f.compareAsOf} locale={locale} lang={state.lang} onChange={(iso) => store.setParam("compareAsOf", iso)} onInvalid={(bad) => setTypedWrong((w) => ({ ...w, compareAsOf: bad }))} data-param="compareAsOf" />
      </Field>
      <div>
        <Button appearance="secondary" size="small" onClick={() => store.resetParams()}>
          {t.paramsReset}
        </Button>
      </div>
    </Page>
  );
}

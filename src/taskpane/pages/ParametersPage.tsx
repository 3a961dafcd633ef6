/**
 * Parameters: as-of date (default the ledger's last date), time unit, RFM bins, ABC thresholds, loss rates; the
 * forecast's hold-out test and model; the concentration trend, grouping columns and extra stress-test customers.
 */
import * as React from "react";
import { Button, Checkbox, Dropdown, Field, Input, makeStyles, MessageBar, MessageBarBody, Option, Radio, RadioGroup, SpinButton, Switch, Text, Textarea, tokens } from "@fluentui/react-components";
import { DEFAULT_PARAMS } from "../../engine/analysis";
import { customerDisplay, customerKey } from "../../engine/ledger";
import { groupChoices } from "../state/mapping";
import { formatNumber } from "../i18n";
import { agingLabels, illustrativeLossRates } from "../../engine/metrics/credit";
import { percentText, stressNames, validateForm, type ParamForm } from "../state/params";
import { agingBoundsOf, MAX_HOLDOUT_MONTHS } from "../state/settings";
import { Footer, Page, ProblemBar, usePane, useStore, useStyles, useText } from "../ui";
import { DateBox } from "../DateBox";
import { formatLocaleDate, userLocale } from "../dates";

const useLocal = makeStyles({
  pct: { width: "110px" },
  lossGrid: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) 110px", columnGap: "8px", rowGap: "4px", alignItems: "center" },
  pair: { display: "flex", columnGap: "12px", flexWrap: "wrap" },
  fieldset: { border: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "6px" },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: "2px" },
  section: { border: "none", margin: 0, padding: "8px 0 0 0", display: "flex", flexDirection: "column", rowGap: "10px", borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  sectionLegend: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, padding: "0 4px 0 0" },
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
      <ForecastFields />
      <DependenceFields />
      <div>
        <Button appearance="secondary" size="small" onClick={() => store.resetParams()}>
          {t.paramsReset}
        </Button>
      </div>
    </Page>
  );
}

/** The forecast's hold-out test ("Test the forecast on the last N months") and the model (issue 13). */
function ForecastFields(): React.ReactElement {
  const store = useStore();
  const state = usePane();
  const t = useText();
  const s = useStyles();
  const l = useLocal();
  const f = state.form;
  const errors = validateForm(f);
  const defaultMonths = store.defaultHoldout();
  const on = f.holdoutOn ?? defaultMonths !== undefined;
  const months = f.holdoutOn === undefined ? String(defaultMonths ?? "") : f.holdoutMonths;
  const monthsNumber = /^\s*\d+\s*$/.test(months) ? Number(months) : null;
  return (
    <fieldset className={l.section} data-section="forecast">
      <legend className={l.sectionLegend}>{t.paramsForecast}</legend>
      <Switch checked={on} onChange={(_, d) => store.setHoldout(d.checked)} label={t.paramsHoldout} data-param="holdout" />
      <Field
        label={t.paramsHoldoutMonths}
        hint={on && monthsNumber !== null ? t.paramsHoldoutOn(String(monthsNumber)) : on ? undefined : t.paramsHoldoutOff}
        validationMessage={errors.holdoutMonths ? t.paramsHoldoutInvalid : undefined}
        validationState={errors.holdoutMonths ? "error" : "none"}
      >
        <SpinButton
          className={l.pct}
          min={1}
          max={MAX_HOLDOUT_MONTHS}
          disabled={!on}
          value={monthsNumber}
          displayValue={months}
          onChange={(_, d) => store.setHoldoutMonths(d.value !== undefined && d.value !== null ? String(d.value) : (d.displayValue ?? ""))}
          data-param="holdoutMonths"
        />
      </Field>
      <Text className={s.hint} data-testid="holdout-default">
        {defaultMonths !== undefined ? t.paramsHoldoutDefaultOn(String(defaultMonths)) : t.paramsHoldoutDefaultOff}
      </Text>
      <Field label={t.paramsModel} hint={t.paramsModelHint}>
        <RadioGroup value={f.model} onChange={(_, d) => store.setParam("model", d.value as ParamForm["model"])} data-param="model">
          <Radio value="auto" label={t.paramsModelAuto} />
          <Radio value="bgnbd" label={t.paramsModelBgnbd} />
          <Radio value="paretonbd" label={t.paramsModelPareto} />
        </RadioGroup>
      </Field>
    </fieldset>
  );
}

/** The concentration trend's period and basis, grouping columns, extra stress-test customers (issue 14). */
function DependenceFields(): React.ReactElement {
  const store = useStore();
  const state = usePane();
  const t = useText();
  const l = useLocal();
  const f = state.form;
  const header = state.preview?.header;
  const mapping = state.detection?.mapping;
  const groups = React.useMemo(() => (header ? groupChoices(header, mapping) : { choices: [], detected: [] }), [header, mapping]);
  const selected = f.groupBy ?? groups.detected;
  const ledger = state.ledger;
  // Names typed that match no customer (compared as the engine compares them): said here, before the run.
  const keys = React.useMemo(() => new Set((ledger?.customers ?? []).map((c) => customerKey(c))), [ledger]);
  const unknown = ledger ? stressNames(f.stressCustomers).filter((n) => !keys.has(customerKey(customerDisplay(n)))) : [];
  return (
    <fieldset className={l.section} data-section="dependence">
      <legend className={l.sectionLegend}>{t.paramsDependence}</legend>
      <Field label={t.paramsTrend} hint={t.paramsDefault(t.paramsTrendQuarter)}>
        <RadioGroup layout="horizontal" value={f.trendPeriod} onChange={(_, d) => store.setParam("trendPeriod", d.value as ParamForm["trendPeriod"])} data-param="trendPeriod">
          <Radio value="month" label={t.paramsTrendMonth} />
          <Radio value="quarter" label={t.paramsTrendQuarter} />
        </RadioGroup>
      </Field>
      <Checkbox checked={f.trendBasis === "rolling12"} onChange={(_, d) => store.setParam("trendBasis", d.checked === true ? "rolling12" : "period")} label={t.paramsTrendRolling} data-param="trendRolling" />
      <Field label={t.paramsGroups} hint={groups.detected.length > 0 ? t.paramsGroupsDetected(groups.detected.join(", ")) : t.paramsGroupsNoneDetected}>
        <Dropdown
          multiselect
          placeholder={t.paramsGroupsNone}
          value={selected.join(", ")}
          selectedOptions={selected}
          onOptionSelect={(_, d) => store.setParam("groupBy", d.selectedOptions)}
          data-param="groupBy"
        >
          {groups.choices.map((c) => (
            <Option key={c.col} value={c.header}>
              {c.header}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label={t.paramsStress}
        hint={t.paramsStressHint(`${percentText(DEFAULT_PARAMS.stressShare)} %`)}
        validationMessage={unknown.length > 0 ? t.paramsStressUnknown(unknown.map((n) => `“${n}”`).join(", ")) : undefined}
        validationState={unknown.length > 0 ? "warning" : "none"}
      >
        <Textarea value={f.stressCustomers} resize="vertical" rows={3} onChange={(_, d) => store.setParam("stressCustomers", d.value)} data-param="stressCustomers" />
      </Field>
    </fieldset>
  );
}

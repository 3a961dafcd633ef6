/** Data: where the ledger is — the selection, the table or data at the cursor, or a chosen table or sheet. */
import * as React from "react";
import { Button, Dropdown, Field, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, Text } from "@fluentui/react-components";
import type { LocationInfo } from "../../workbook/port";
import { formatNumber } from "../i18n";
import { rangeLabel } from "../state/mapping";
import { Footer, Page, ProblemBar, RefreshIcon, usePane, useStore, useStyles, useText } from "../ui";

function keyOf(l: LocationInfo): string {
  return l.kind === "table" ? `table:${l.table}` : `${l.kind}:${l.sheet}!${l.address}`;
}

export function DataPage(): React.ReactElement {
  const store = useStore();
  const state = usePane();
  const t = useText();
  const s = useStyles();
  const d = state.discovery;
  const quick: { key: string; label: string; loc: LocationInfo }[] = [];
  if (d?.selection) quick.push({ key: "selection", label: t.dataSelection(rangeLabel(d.selection.sheet, d.selection.address)), loc: d.selection });
  if (d?.tableAtCursor) quick.push({ key: "tableAtCursor", label: t.dataTableAtCursor(d.tableAtCursor.table ?? ""), loc: d.tableAtCursor });
  if (d?.regionAtCursor) quick.push({ key: "region", label: t.dataRegion(rangeLabel(d.regionAtCursor.sheet, d.regionAtCursor.address)), loc: d.regionAtCursor });
  const others = [...(d?.tables ?? []), ...(d?.sheets ?? [])];
  const loc = state.location;
  const quickHit = loc ? quick.find((q) => q.loc === loc || (keyOf(q.loc) === keyOf(loc) && q.loc.kind === loc.kind)) : undefined;
  const radio = quickHit ? quickHit.key : "other";
  const [pickOpen, setPickOpen] = React.useState(false);
  const otherLabel = (l: LocationInfo) => (l.kind === "table" ? t.dataTableOption(l.table ?? "", l.sheet) : t.dataSheetOption(l.sheet, l.address));
  const chosenOther = loc && !quickHit ? others.find((o) => keyOf(o) === keyOf(loc)) : undefined;

  return (
    <Page
      id="data"
      title={t.dataTitle}
      footer={<Footer next={() => void store.goColumns()} nextDisabled={!loc || state.busy || (loc?.rows ?? 0) < 2} />}
    >
      <Text className={s.intro}>{t.dataIntro}</Text>
      {state.notice === "restored" ? (
        <MessageBar intent="info">
          <MessageBarBody>{t.dataRestored}</MessageBarBody>
        </MessageBar>
      ) : null}
      {!d && state.busy ? <Spinner size="tiny" label={t.loading} /> : null}
      {d && quick.length + others.length === 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t.dataNothing}</MessageBarBody>
        </MessageBar>
      ) : null}
      {d && quick.length + others.length > 0 ? (
        <RadioGroup
          aria-label={t.dataTitle}
          value={radio}
          onChange={(_, data) => {
            const q = quick.find((x) => x.key === data.value);
            if (q) store.chooseLocation(q.loc);
            else if (data.value === "other") {
              const first = chosenOther ?? others[0];
              if (first) store.chooseLocation(first);
              setPickOpen(true);
            }
          }}
        >
          {quick.map((q) => (
            <Radio key={q.key} value={q.key} label={q.label} />
          ))}
          {others.length > 0 ? <Radio value="other" label={t.dataPick} /> : null}
        </RadioGroup>
      ) : null}
      {others.length > 0 && radio === "other" ? (
        <Field label={t.dataPickPlaceholder}>
          <Dropdown
            open={pickOpen}
            onOpenChange={(_, data) => setPickOpen(data.open)}
            placeholder={t.dataPickPlaceholder}
            value={chosenOther ? otherLabel(chosenOther) : ""}
            selectedOptions={chosenOther ? [keyOf(chosenOther)] : []}
            onOptionSelect={(_, data) => {
              const o = others.find((x) => keyOf(x) === data.optionValue);
              if (o) store.chooseLocation(o);
            }}
          >
            {others.map((o) => (
              <Option key={keyOf(o)} value={keyOf(o)}>
                {otherLabel(o)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
      {loc ? (
        <Text data-testid="found">
          {t.dataFound(formatNumber(state.lang, Math.max(0, loc.rows - 1)), formatNumber(state.lang, loc.cols))}
          <br />
          <span className={s.hint}>{t.dataHeaderRow(String(Number(/\d+/.exec(loc.address)?.[0] ?? 1)))}</span>
        </Text>
      ) : null}
      <div>
        <Button icon={<RefreshIcon />} onClick={() => void store.refresh()} disabled={state.busy} title={t.dataRefreshHint}>
          {t.dataRefresh}
        </Button>
        <Text className={s.hint} style={{ marginLeft: 8 }}>
          {t.dataRefreshHint}
        </Text>
      </div>
      {state.problem && state.problem.page === "data" ? <ProblemBar problem={state.problem} /> : null}
    </Page>
  );
}

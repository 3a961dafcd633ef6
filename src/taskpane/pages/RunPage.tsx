/** Run: one progress bar with the stage's name, and Cancel (the workbook stays as it was until the last step). */
import * as React from "react";
import { Button, Field, makeStyles, mergeClasses, ProgressBar, Spinner, tokens } from "@fluentui/react-components";
import { formatNumber, stageName } from "../i18n";
import { CheckIcon, Page, usePane, useStore, useText } from "../ui";

const useLocal = makeStyles({
  stages: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "6px" },
  stage: { display: "flex", alignItems: "center", columnGap: "8px", color: tokens.colorNeutralForeground3 },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorPaletteGreenForeground1 },
  dot: { width: "16px", display: "inline-flex", justifyContent: "center" },
});

const ORDER = ["reading", "analysing", "writing"] as const;

export function RunPage(): React.ReactElement {
  const store = useStore();
  const state = usePane();
  const t = useText();
  const l = useLocal();
  const run = state.run;
  if (!run) return <Page id="run" title={t.runTitle}>{null}</Page>;
  const detail =
    run.stage === "reading"
      ? t.runReadingRows(formatNumber(state.lang, Number(run.detail) || 0))
      : run.stage === "analysing"
        ? stageName(state.lang, run.detail)
        : run.detail && run.detail !== "charts"
          ? run.detail
          : "";
  const label = `${t.runStages[run.stage]}${detail ? ` — ${detail}` : ""} · ${Math.round(run.done * 100)}%`;
  const at = ORDER.indexOf(run.stage);
  return (
    <Page id="run" title={t.runTitle}>
      <Field label={label} hint={t.runCancelHint}>
        <ProgressBar value={run.done} thickness="large" aria-valuetext={`${Math.round(run.done * 100)}%`} data-testid="progress" />
      </Field>
      <ol className={l.stages} aria-live="polite">
        {ORDER.map((stage, i) => (
          <li key={stage} className={mergeClasses(l.stage, i === at && l.current, i < at && l.done)} aria-current={i === at ? "step" : undefined}>
            <span className={l.dot}>{i < at ? <CheckIcon /> : i === at ? <Spinner size="extra-tiny" aria-hidden /> : "○"}</span>
            <span>{t.runStages[stage]}</span>
          </li>
        ))}
      </ol>
      <div>
        <Button onClick={() => store.cancel()} disabled={run.cancelling} data-testid="cancel">
          {run.cancelling ? t.runCancelling : t.runCancel}
        </Button>
      </div>
    </Page>
  );
}

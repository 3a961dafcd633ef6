/** Columns: the detected mapping as dropdowns, why a required field is missing, and the first rows. */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DATE_FIELDS, FIELD_DEF, OPTIONAL_FIELDS as OPTIONAL, REQUIRED_FIELDS as REQUIRED } from "../../engine/ledger";
import type { Field as LedgerField, RawCell } from "../../engine/ledger/types";
import { dayFromExcelSerial, isoFromDay } from "../../engine/day";
import { formatNumber } from "../i18n";
import type { Messages } from "../i18n";
import type { MappingIssue } from "../state/checks";
import { Footer, letters, Page, ProblemBar, usePane, useStore, useStyles, useText } from "../ui";

// The field lists come from the engine's ledger-field table (src/engine/ledger/fields.ts); their labels from i18n's
// `fields`, typed Record<Field, string>, so a new field without a label does not compile.
const IS_DATE = new Set<LedgerField>(DATE_FIELDS);

const useLocal = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "1fr", rowGap: "6px" },
  previewWrap: { overflowX: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  preview: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "nowrap",
    "& th, & td": { padding: "3px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, textAlign: "left" },
    "& th": { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
    "& td.num": { textAlign: "right" },
  },
  sub: { display: "block", fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  list: { margin: "4px 0 0 0", paddingLeft: "18px" },
});

function examples(field: LedgerField): string {
  const syn = FIELD_DEF[field].synonyms;
  const ascii = syn.filter((h) => /^[\x20-\x7e]+$/.test(h)).slice(0, 4);
  const other = syn.filter((h) => !/^[\x20-\x7e]+$/.test(h)).slice(0, 3);
  return [...ascii, ...other].join(", ");
}

function shown(cell: RawCell, field: LedgerField): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number" && IS_DATE.has(field) && cell > 0 && cell < 2958466) return isoFromDay(dayFromExcelSerial(cell));
  return String(cell);
}

/** An issue of the mapping as the user reads it: the field(s), the column and header, an example cell. */
function issueText(t: Messages, issue: MappingIssue): string {
  const name = (f: LedgerField) => t.fields[f].replace(/ \(.*\)$|（.*）$/, "");
  if (issue.kind === "clash") return t.columnsClash(issue.fields.map(name).join(t.columnsAnd), issue.column, issue.header);
  const say = issue.kind === "notNumber" ? t.columnsNotNumber : t.columnsNotDate;
  const text = say(name(issue.field), issue.column, issue.header, issue.example.address, issue.example.text);
  // An optional field can also be left out.
  return OPTIONAL.includes(issue.field) ? `${text} ${t.columnsOrNotUsed}` : text;
}

export function ColumnsPage(): React.ReactElement {
  const store = useStore();
  const state = usePane();
  const t = useText();
  const s = useStyles();
  const l = useLocal();
  const det = state.detection;
  const preview = state.preview;
  if (!det || !preview) return <Page id="columns" title={t.columnsTitle}>{null}</Page>;
  const headers = det.headers;
  const optionText = (col: number) => t.columnsColumn(letters(col), headers[col] || "—");
  const mapped = [...REQUIRED, ...OPTIONAL].filter((f) => det.mapping[f] !== undefined);
  const optionalMapped = OPTIONAL.filter((f) => det.mapping[f] !== undefined).length;

  const picker = (field: LedgerField) => {
    const col = det.mapping[field];
    const required = REQUIRED.includes(field);
    const candidates = det.candidates[field] ?? [];
    const missing = det.missing.includes(field);
    const issue = state.issues.find((i) => (i.kind === "clash" ? i.fields.includes(field) : i.field === field));
    const message = missing ? t.columnsNoColumn : issue ? issueText(t, issue) : undefined;
    return (
      <Field key={field} label={t.fields[field]} required={required} size="small" validationState={message ? "error" : "none"} validationMessage={message}>
        <Dropdown
          size="small"
          data-field={field}
          value={col === undefined ? t.columnsNotUsed : optionText(col)}
          selectedOptions={[col === undefined ? "none" : String(col)]}
          onOptionSelect={(_, data) => store.setColumn(field, data.optionValue === "none" || data.optionValue === undefined ? "" : Number(data.optionValue))}
        >
          <Option value="none">{t.columnsNotUsed}</Option>
          {headers.map((_, i) => (
            <Option key={i} value={String(i)} text={optionText(i)}>
              {candidates.includes(i) && i !== col ? `${optionText(i)} ★` : optionText(i)}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  };

  const reading = state.busy && state.read;
  return (
    <Page
      id="columns"
      title={t.columnsTitle}
      footer={<Footer back={() => store.goto("data")} next={() => void store.goParameters()} nextDisabled={det.missing.length > 0 || state.issues.length > 0 || state.busy || (state.needsDateOrder && !state.dateOrder) || (state.needsDecimal && !state.decimal)} />}
    >
      <Text className={s.intro}>{t.columnsIntro}</Text>
      {det.missing.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="missing">
          <MessageBarBody>
            <MessageBarTitle>{t.columnsMissing}</MessageBarTitle>
            <ul className={l.list}>
              {det.missing.map((f) => (
                <li key={f}>{t.columnsMissingField(t.fields[f], examples(f))}</li>
              ))}
            </ul>
            {det.missing.includes("amount") ? <Text block>{t.columnsAmountAlt}</Text> : null}
            <Text block size={200}>
              {t.columnsHeadersFound(headers.filter((h) => h !== "").join(", "))}
            </Text>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {state.issues.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="mapping-issues">
          <MessageBarBody>
            <MessageBarTitle>{t.columnsIssues}</MessageBarTitle>
            <ul className={l.list}>
              {state.issues.map((i, k) => (
                <li key={k} data-issue={i.kind}>
                  {issueText(t, i)}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={l.grid}>{REQUIRED.map(picker)}</div>
      <Accordion collapsible multiple defaultOpenItems={optionalMapped > 0 || state.issues.some((i) => (i.kind === "clash" ? i.fields : [i.field]).some((f) => OPTIONAL.includes(f))) ? ["optional"] : []}>
        <AccordionItem value="optional">
          <AccordionHeader size="small">{`${t.columnsOptional} (${optionalMapped})`}</AccordionHeader>
          <AccordionPanel>
            <div className={l.grid}>{OPTIONAL.map(picker)}</div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      {det.notes.length > 0 ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.columnsNotes}</MessageBarTitle>
            {det.notes.map((n, i) => (
              <Text key={i} block size={200}>
                {n}
              </Text>
            ))}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {state.needsDateOrder ? (
        <RadioGroup value={state.dateOrder ?? ""} onChange={(_, d) => store.setDateOrder(d.value as "dmy" | "mdy")} aria-label={t.columnsDateOrder}>
          <Text weight="semibold">{t.columnsDateOrder}</Text>
          <Radio value="dmy" label={t.columnsDmy} />
          <Radio value="mdy" label={t.columnsMdy} />
        </RadioGroup>
      ) : null}
      {state.needsDecimal ? (
        <RadioGroup value={state.decimal ?? ""} onChange={(_, d) => store.setDecimal(d.value as "." | ",")} aria-label={t.columnsDecimal} data-testid="decimal-choice">
          <Text weight="semibold">{t.columnsDecimal}</Text>
          <Radio value="." label={t.columnsDecimalPoint} />
          <Radio value="," label={t.columnsDecimalComma} />
        </RadioGroup>
      ) : null}
      <h3 className={s.sectionTitle}>{t.columnsPreview}</h3>
      <div className={l.previewWrap} tabIndex={0} role="region" aria-label={t.columnsPreview}>
        <table className={l.preview}>
          <thead>
            <tr>
              {mapped.map((f) => (
                <th key={f} scope="col">
                  {t.fields[f].replace(/ \(.*\)$|（.*）$/, "")}
                  {/* the sheet's own header, when it says something else */}
                  {(headers[det.mapping[f] as number] ?? "").toUpperCase() !== t.fields[f].toUpperCase() ? <span className={l.sub}>{headers[det.mapping[f] as number]}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.slice(0, 5).map((row, r) => (
              <tr key={r}>
                {mapped.map((f) => {
                  const v = row[det.mapping[f] as number];
                  return (
                    <td key={f} className={typeof v === "number" && !IS_DATE.has(f) ? "num" : undefined}>
                      {shown(v, f)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {reading && state.read ? (
        <Field label={t.columnsReading(formatNumber(state.lang, state.read.rows), formatNumber(state.lang, state.read.total))}>
          <ProgressBar value={state.read.total > 0 ? state.read.rows / state.read.total : undefined} />
        </Field>
      ) : null}
      {state.problem && state.problem.page === "columns" ? <ProblemBar problem={state.problem} /> : null}
    </Page>
  );
}

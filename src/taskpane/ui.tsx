/**
 * Shared pieces of the pane: the store hook, the language context, page frame (heading that takes focus, footer
 * with Back/Next), and small inline icons (no icon font: the CSP allows nothing from outside).
 */
import * as React from "react";
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from "@fluentui/react-components";
import { MESSAGES } from "./i18n";
import type { Messages } from "./i18n";
import type { PaneState, PaneStore, ShownProblem } from "./store";

export const StoreContext = React.createContext<PaneStore | null>(null);

export function useStore(): PaneStore {
  const store = React.useContext(StoreContext);
  if (!store) throw new Error("PaneStore missing");
  return store;
}

export function usePane(): PaneState {
  const store = useStore();
  return React.useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

export function useText(): Messages {
  return MESSAGES[usePane().lang];
}

export const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", rowGap: "12px", paddingBottom: "8px" },
  heading: { margin: 0, outlineStyle: "none", fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  intro: { color: tokens.colorNeutralForeground2 },
  footer: {
    display: "flex",
    justifyContent: "space-between",
    columnGap: "8px",
    paddingTop: "12px",
    marginTop: "4px",
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  footerEnd: { display: "flex", columnGap: "8px", marginLeft: "auto", "& button": { whiteSpace: "nowrap" } },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  section: { display: "flex", flexDirection: "column", rowGap: "8px" },
  sectionTitle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "4px 0 0 0" },
});

/** A page: heading focused when the page opens (screen readers announce it), content, and footer. */
export function Page(props: { title: string; children: React.ReactNode; footer?: React.ReactNode; id: string }): React.ReactElement {
  const s = useStyles();
  const ref = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    ref.current?.focus();
  }, [props.id]);
  return (
    <section className={s.page} aria-labelledby={`${props.id}-title`} data-page={props.id}>
      <h2 id={`${props.id}-title`} className={s.heading} tabIndex={-1} ref={ref}>
        {props.title}
      </h2>
      {props.children}
      {props.footer ? <div className={s.footer}>{props.footer}</div> : null}
    </section>
  );
}

export function Footer(props: { back?: () => void; next?: () => void; nextLabel?: string; nextDisabled?: boolean; extra?: React.ReactNode }): React.ReactElement {
  const t = useText();
  const s = useStyles();
  return (
    <>
      {props.back ? <Button onClick={props.back}>{t.back}</Button> : <span />}
      <div className={s.footerEnd}>
        {props.extra}
        {props.next ? (
          <Button appearance="primary" onClick={props.next} disabled={props.nextDisabled} data-testid="next">
            {props.nextLabel ?? t.next}
          </Button>
        ) : null}
      </div>
    </>
  );
}

/** A problem from the engine or the host: the localized headline and the engine's detail. */
export function ProblemBar(props: { problem: ShownProblem }): React.ReactElement {
  const t = useText();
  return (
    <MessageBar intent="error" layout="multiline" data-testid="problem">
      <MessageBarBody>
        <MessageBarTitle>{props.problem.code ? t.problem[props.problem.code] : t.unexpected}</MessageBarTitle>
        <Text block size={200}>
          {props.problem.message}
        </Text>
      </MessageBarBody>
    </MessageBar>
  );
}

export function CheckIcon(): React.ReactElement {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function RefreshIcon(): React.ReactElement {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** Column letters of a 0-based index (0 → A): the engine's, so the pane and the written formulas agree. */
export { columnLetters as letters } from "../engine/report/refs";

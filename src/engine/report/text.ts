/**
 * The one place where written text is resolved. Every header, tab name, chart title and group title of the
 * catalogue passes through a `TextResolver` with a stable id (`column.revenue`, `tab.summary`,
 * `table.KAAlerts.severity`, `chart.topCustomers`) and its English text; the report's language catalogue plugs in
 * here by passing another resolver to `buildReport`. Formulas never contain a header: they are built from keys after
 * the headers are resolved (model.ts `AccountRefs`), so they stay valid in every language.
 */

export type TextVars = Readonly<Record<string, string | number>>;

/** Resolves one written string: `id` is stable, `english` the default text with `{name}` placeholders. */
export type TextResolver = (id: string, english: string, vars?: TextVars) => string;

/** Fills `{name}` placeholders; an unknown name is left as written, so a missing variable shows in the output. */
export function fillVars(template: string, vars?: TextVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

/** The English report (today's only language). */
export const englishText: TextResolver = (_id, english, vars) => fillVars(english, vars);

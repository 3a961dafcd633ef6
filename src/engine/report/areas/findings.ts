/**
 * Key findings in the report (src/engine/findings): the JSON `findings` section — code, sentence in the report's
 * language, number (its unit says how to read it), the tab behind it. KA Summary's findings block reads the same list.
 */
import { jsonSection } from "../model";

export const findingsJson = jsonSection("findings", (a) => (a.findings ?? []).map((f) => ({ code: f.code, text: f.text, value: f.value, unit: f.unit, tab: f.link.tab })));

/**
 * KA Alerts (docs/report.md): one row per account and reason with the measured value and the threshold, high severity
 * first. Fractions (shares, ratios, P(alive), growth) are written as fractions; the contract alert's value and
 * threshold are days (the Unit column says which).
 */
import { ALERTS_TABLE, ALERT_LABELS } from "../areas/risk";
import { Column } from "../layout";
import type { TabDef } from "../model";
import { tableBlock } from "../tables";
import type { Cell, TextBlock } from "../types";

export const alertsTab: TabDef = {
  role: "alerts",
  name: "KA Alerts",
  build(ctx) {
    const { a } = ctx;
    const k = a.risk;
    if (!k) return undefined;
    const share = a.concentration?.share;
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: "KA Alerts — accounts that need a look", style: "title" });
    left.add<TextBlock>({
      kind: "text",
      text: `${k.alerts.length} alert${k.alerts.length === 1 ? "" : "s"} on ${new Set(k.alerts.map((x) => x.customer)).size} accounts, high severity first (money at risk or an account likely lost), then medium, then low; thresholds on KA About.`,
      style: "note",
    });
    const rows: Cell[][] = k.alerts.map((x) => [
      x.severity,
      a.customers.names[x.customer],
      ALERT_LABELS[x.reason],
      x.value,
      x.threshold,
      x.reason === "contractEnd" ? "days" : "fraction",
      share && Number.isFinite(share[x.customer]) ? share[x.customer] : null,
      x.message,
      x.reason,
    ]);
    left.place(tableBlock(ctx, ALERTS_TABLE, rows.length > 0 ? rows : [["", "(no alerts)", "", null, null, "", null, "", ""]]));
    return { blocks: left.blocks, columnWidths: ALERTS_TABLE.columns.map((c) => c.width ?? 12), freeze: { rows: 3, cols: 0 }, tabColor: "C00000" };
  },
};

/**
 * KA Alerts (docs/report.md): one row per account and reason with the measured value and the threshold, high severity
 * first. Shares, ratios, P(alive) and growth are percentages; the contract alert's value and threshold are days,
 * written as words ("45 days") in the same columns. The `Code` column keeps the JSON key of the reason.
 */
import { ALERTS_TABLE } from "../areas/risk";
import { Column } from "../layout";
import type { TabDef } from "../model";
import { freezeAtHeader, printSetup } from "../print";
import { tableBlock } from "../tables";
import type { Cell, TextBlock } from "../types";

export const alertsTab: TabDef = {
  role: "alerts",
  name: "KA Alerts",
  build(ctx) {
    const { a, t, m } = ctx;
    const k = a.risk;
    if (!k) return undefined;
    const share = a.concentration?.share;
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: t("KA Alerts — accounts that need a look"), style: "title" });
    left.add<TextBlock>({ kind: "text", text: m.alerts.intro({ alerts: k.alerts.length, accounts: new Set(k.alerts.map((x) => x.customer)).size }), style: "note" });
    const days = a.params.alertThresholds.overdueDays;
    const shifts = a.dependence?.shifts;
    const risingOf = (c: number) => {
      const r = shifts?.rising.find((x) => x.customer === c);
      const fin = (v: number) => (Number.isFinite(v) ? v : 0);
      return r && shifts ? { then: fin(r.shareThen), now: fin(r.shareNow), crossed: r.crossed, line: shifts.line } : undefined;
    };
    // Churn by recency (no model estimates P(alive)): measured in multiples of the customer's typical gap.
    const recency = a.clv?.recency;
    const recencyOf = (c: number) => (recency ? { days: recency.daysSinceLast[c], gap: recency.typicalGap[c] } : undefined);
    const rows: Cell[][] = k.alerts.map((x) => {
      const asText = (v: number) => (x.unit === "days" ? m.common.days({ n: v }) : m.alerts.gaps({ n: v }));
      return [
        m.common.severity[x.severity],
        a.customers.names[x.customer],
        m.common.alertReason[x.reason],
        x.unit === "fraction" ? x.value : asText(x.value),
        x.unit === "fraction" ? x.threshold : asText(x.threshold),
        share && Number.isFinite(share[x.customer]) ? share[x.customer] : null,
        m.alerts.detail({ reason: x.reason, value: x.value, threshold: x.threshold, days, share: share ? share[x.customer] : NaN, rising: risingOf(x.customer), recency: x.unit === "gaps" ? recencyOf(x.customer) : undefined }),
        x.reason,
      ];
    });
    const header = left.nextRow;
    left.place(tableBlock(ctx, ALERTS_TABLE, rows.length > 0 ? rows : [["", t("(no alerts)"), "", null, null, null, "", ""]]));
    return {
      blocks: left.blocks,
      columnWidths: ALERTS_TABLE.columns.map((c) => c.width ?? 12),
      freeze: freezeAtHeader(header, 0),
      tabColor: "C00000",
      ...printSetup(ctx, { headerRow: header }),
    };
  },
};

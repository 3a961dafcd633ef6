/** KA Summary: the headline groups of every area on the left, their panels (tables, charts) on the right. */
import { isoFromDay } from "../../day";
import { Column } from "../layout";
import type { TabDef } from "../model";
import type { KeyValueBlock, TextBlock } from "../types";

export const summaryTab: TabDef = {
  role: "summary",
  name: "KA Summary",
  build(ctx) {
    const { a, catalogue } = ctx;
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: "KA Risk — key-account summary", style: "title" });
    left.add<TextBlock>({ kind: "text", text: `As of ${isoFromDay(a.asOf)} · ${ctx.source.label}`, style: "note" });
    for (const source of catalogue.summaryGroups) {
      const group = source(ctx);
      if (group) left.add<KeyValueBlock>({ kind: "keyValue", title: group.title, items: group.items });
    }
    if (a.warnings.length > 0) {
      left.add<TextBlock>({ kind: "text", text: "Warnings", style: "heading" });
      for (const w of a.warnings) left.add<TextBlock>({ kind: "text", text: w.message, style: "note" });
    }
    const right = new Column(2, 4);
    for (const panel of catalogue.summaryPanels) for (const b of panel(ctx)) right.place(b);
    return { blocks: [...left.blocks, ...right.blocks], columnWidths: [38, 24, 46, 3, 22, 30, 16, 12], tabColor: "1F4E79" };
  },
};

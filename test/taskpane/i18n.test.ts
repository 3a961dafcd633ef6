/**
 * The pane's words for what the engine reports: every analysis stage (the names `analyze` passes to onProgress,
 * e.g. "clv models") has a name in English and in Chinese — the Run page never shows a raw stage name.
 */
import { analyze, STAGES } from "../../src/engine/analysis";
import { LedgerBuilder } from "../../src/engine/ledger";
import { stageName } from "../../src/taskpane/i18n";

const CJK = /[\u4e00-\u9fff]/;

describe("run-stage names in the pane", () => {
  test("every stage the analysis reports, read from a real run, is translated in en and zh-CN", async () => {
    const b = new LedgerBuilder(["Customer", "Date", "Amount"]);
    for (const [c, d, a] of [["Acme", "2024-01-05", 100], ["Beta", "2024-02-11", 50], ["Acme", "2024-03-02", 70]] as const) b.push([c, d, a]);
    const seen: string[] = [];
    await analyze(b.finish(), {}, { onProgress: (stage) => void seen.push(stage) });
    expect(seen).toEqual(expect.arrayContaining(STAGES.map((s) => s.name)));
    for (const stage of new Set(seen)) {
      const en = stageName("en", stage);
      const zh = stageName("zh-CN", stage);
      expect({ stage, en: en !== stage || /^[A-Z]/.test(en) }).toEqual({ stage, en: true });
      expect({ stage, zh: CJK.test(zh) }).toEqual({ stage, zh: true });
    }
    expect(stageName("en", "clv models")).toBe("Lifetime value models");
    expect(stageName("zh-CN", "clv models")).toBe("客户终身价值模型");
  });
});

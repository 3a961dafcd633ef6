/**
 * A book with more open items than KA Aging lists (MAX_OPEN_ITEMS): the most overdue are listed with a note, and the
 * figures that would add up the list are written as the analysis' values, so nothing on the tab sums a partial list.
 */
import { analyze } from "../../src/engine/analysis";
import { dayFromYmd } from "../../src/engine/day";
import { buildReport } from "../../src/engine/report";
import { MAX_OPEN_ITEMS } from "../../src/engine/report/tabs/aging";
import { isFormulaCell } from "../../src/engine/report/types";
import type { KeyValueBlock, TableBlock, TextBlock } from "../../src/engine/report/types";
import { makeLedger } from "../helpers/ledger";

test(`${MAX_OPEN_ITEMS + 50} unpaid invoices: the ${MAX_OPEN_ITEMS} most overdue are listed; credit balances and write-offs are values`, async () => {
  const n = MAX_OPEN_ITEMS + 50;
  const asOf = dayFromYmd(2024, 12, 31);
  const rows = Array.from({ length: n }, (_, i) => ({ customer: i % 2 === 0 ? "A" : "B", day: asOf - (i % 300), amount: 10 }));
  const ledger = makeLedger(rows, { asOf });
  ledger.dueDay = Int32Array.from(rows, (r) => r.day + 30);
  ledger.paidDay = new Int32Array(n).fill(-2147483648);
  const a = await analyze(ledger, { asOf, lossRateMethod: "given" });
  expect(a.credit!.openItems.row.length).toBe(n);
  const aging = buildReport(a, { label: "test", kind: "sample" }).sheets.find((s) => s.role === "aging")!;
  const items = aging.blocks.find((b) => b.kind === "table" && b.name === "KAOpenItems") as TableBlock;
  expect(items.rows).toHaveLength(MAX_OPEN_ITEMS);
  expect(items.rows[0][4]).toBe(299 - 30); // the most overdue first: 299 days old, due 30 days after
  const note = aging.blocks.find((b) => b.kind === "text" && /most overdue of/.test((b as TextBlock).text)) as TextBlock;
  expect(note.text).toBe(`The ${MAX_OPEN_ITEMS.toLocaleString("en-US")} most overdue of ${n.toLocaleString("en-US")} open items; the figures above that add them up are the analysis' values.`);
  const provision = aging.blocks.find((b) => b.kind === "table" && b.name === "KAProvision") as TableBlock;
  for (const r of provision.rows) {
    expect(isFormulaCell(r[2])).toBe(false);
    expect(isFormulaCell(r[3])).toBe(false);
  }
  const labels = aging.blocks.filter((b) => b.kind === "keyValue").flatMap((b) => (b as KeyValueBlock).items.map((x) => x.label));
  expect(labels).not.toContain("Open items − receivables (0 when they reconcile)");
}, 60_000);

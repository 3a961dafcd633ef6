/**
 * Hostile corpus, issue 17 item 11 (ingestion side): a customer name longer than an Excel cell holds (32,767
 * characters) is shortened once, at ingestion, so the workbook, the pane and the JSON agree; the JSON says so.
 */
import { ingestGrid, MAX_NAME_CHARS } from "../../src/engine/ledger";
import { kaIn, scratchDir } from "./ka";

const tmp = scratchDir("ka-hostile-names-");
afterAll(() => tmp.cleanup());

test("a 10 MB customer name: shortened to 32,767 characters ending in '…', with a warning; two long names that differ late stay two customers", async () => {
  const long = "N".repeat(10_000_000);
  tmp.file("long.csv", `Customer,Date,Amount\n${long},2024-01-05,100\nShort,2024-01-05,50\n${long}x,2024-01-06,25\n${long},2024-01-07,1\n`);
  const r = await kaIn(["analyze", "long.csv", "--json", "-", "--accounts", "--out", "long.xlsx"], tmp.dir);
  expect(r.code).toBe(0);
  expect(r.json!.customers).toBe(3);
  const names = r.json!.accounts!.map((a) => a.customer);
  const shortened = names.filter((n) => n.length === MAX_NAME_CHARS);
  expect(shortened).toHaveLength(2);
  for (const n of shortened) expect(n).toBe(`${"N".repeat(MAX_NAME_CHARS - 1)}…`);
  expect(r.json!.accounts!.map((a) => a.revenue).sort((x, y) => x - y)).toEqual([25, 50, 101]);
  expect(r.json!.warnings).toContainEqual({
    code: "longNames",
    message: '2 customer names are longer than the 32,767 characters an Excel cell holds (the first, in row 2, has 10,000,000): shown shortened, ending in "…", everywhere.',
  });
  expect(r.stderr).toMatch(/warning: 2 customer names are longer than/);
});

test("a surrogate pair at the cut is not split; the ledger lists the shortened customers", () => {
  const name = "a".repeat(MAX_NAME_CHARS - 2) + "😀" + "tail";
  const l = ingestGrid([["Customer", "Date", "Amount"], ["Short", "2024-01-05", 1], [name, "2024-01-05", 1]]);
  expect(l.customers[1]).toBe(`${"a".repeat(MAX_NAME_CHARS - 2)}…`);
  expect(l.shortenedNames).toEqual([1]);
});

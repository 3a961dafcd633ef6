/**
 * The streamed --json text is byte for byte JSON.stringify of the whole summary (with and without --accounts, with
 * accounts in chunks of any size, none at all, an empty summary), so scripts reading it see no difference — checked
 * on the pieces themselves and on `ka analyze` as a script calls it (file and standard output), on the bundled sample
 * and on a ledger of odd-character names spanning more than one chunk of accounts.
 */
import * as fs from "fs";
import * as path from "path";
import { analyze } from "../../src/engine/analysis";
import { ingestGrid } from "../../src/engine/ledger";
import { accountsJson, accountsJsonChunks, summaryJson } from "../../src/engine/report";
import { jsonPieces } from "../../src/cli/json-text";
import { readLedger, SAMPLE_LEDGER } from "../../src/cli/main";
import { parseArgs } from "../../src/cli/args";
import { kaIn, scratchDir } from "../hostile/ka";

test("pieces join to JSON.stringify(summary + accounts, null, 2) + newline", async () => {
  const grid = [["Customer", "Date", "Amount", "Note"], ["Acme \"quoted\"", "2024-01-05", 100, "a"], ["Beta\nline", "2024-02-01", 50, "b"], ["客户甲", "2024-03-01", -7, "c"], ["Acme \"quoted\"", "2024-03-02", 20, "d"]];
  const analysis = await analyze(ingestGrid(grid));
  const summary = summaryJson(analysis);
  const whole = JSON.stringify(summaryJson(analysis, { accounts: true }), null, 2) + "\n";
  expect(JSON.parse(whole).accounts).toHaveLength(3);
  for (const size of [1, 2, 3, 1000]) expect([...jsonPieces(summary, accountsJsonChunks(analysis, size))].join("")).toBe(whole);
  expect([...jsonPieces(summary, accountsJsonChunks(analysis, 1))]).toHaveLength(4); // streamed: summary with the first chunk, 2 more chunks, the end
  expect([...jsonPieces(summary)].join("")).toBe(JSON.stringify(summary, null, 2) + "\n");
  expect([...jsonPieces(summary, [])].join("")).toBe(JSON.stringify({ ...summary, accounts: [] }, null, 2) + "\n");
  expect([...jsonPieces({}, [[], accountsJson(analysis).slice(0, 1)])].join("")).toBe(JSON.stringify({ accounts: accountsJson(analysis).slice(0, 1) }, null, 2) + "\n");
  expect([...jsonPieces({}, [])].join("")).toBe(JSON.stringify({ accounts: [] }, null, 2) + "\n");
});

describe("ka analyze --json writes what JSON.stringify of the whole summary gives", () => {
  const tmp = scratchDir("ka-json-text-");
  afterAll(() => tmp.cleanup());

  /** The text the CLI wrote before it streamed: the whole summary of the same ledger, stringified at once. */
  async function wholeText(argv: string[]): Promise<string> {
    const command = parseArgs(argv);
    if (command.kind !== "analyze") throw new Error("not an analyze command");
    const args = command.args;
    const ledger = await readLedger(args.ledger ?? SAMPLE_LEDGER, args, undefined, () => undefined);
    const analysis = await analyze(ledger, { lang: args.lang });
    return JSON.stringify(summaryJson(analysis, { accounts: args.accounts }), null, 2) + "\n";
  }

  test("the bundled sample with --accounts, to a file", async () => {
    const argv = ["analyze", "--quiet", "--lang", "en", "--accounts", "--out", "s.xlsx"];
    const r = await kaIn([...argv, "--json", "s.json"], tmp.dir);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(tmp.dir, "s.json"), "utf8");
    expect(text).toBe(await wholeText([...argv, "--json", "-"]));
    expect(JSON.parse(text).accounts.length).toBe(JSON.parse(text).customers);
  });

  test("odd-character names over more than one chunk of 2,000 accounts, to standard output", async () => {
    // Quotes, a line break and a tab inside a name, backslashes, CJK, an emoji (a surrogate pair in JSON's UTF-16),
    // U+2028, a control character, a formula, markup — and 2,050 customers, so the accounts come in two chunks.
    const odd = ['Acme "quoted"', "Beta\nline", "tab\there", "back\\slash\\", "客户甲 有限公司", "😀 Smile Ltd", "line\u2028sep", "ctl\u0001x", '=HYPERLINK("http://x","y")', "</script>"];
    const names = [...odd, ...Array.from({ length: 2040 }, (_, i) => `Kunde ${i} Müller & Söhne`)];
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const lines = names.map((n, i) => `${quote(n)},2024-${String((i % 12) + 1).padStart(2, "0")}-15,${(i % 97) * 10.25 + 1}`);
    const file = tmp.file("odd.csv", `Customer,Date,Amount\n${lines.join("\n")}\n`);
    const argv = ["analyze", file, "--quiet", "--lang", "en", "--accounts", "--out", "odd.xlsx"];
    const expected = await wholeText([...argv, "--json", "-"]);
    const r = await kaIn([...argv, "--json", "-"], tmp.dir);
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text).toBe(expected);
    const accounts: { customer: string }[] = JSON.parse(text).accounts;
    expect(accounts).toHaveLength(2050);
    // Names keep their characters (a control character too); only runs of white space (tab, line break, U+2028) become
    // one space, as the ledger reads every name.
    expect(accounts.map((a) => a.customer)).toEqual(expect.arrayContaining(["Beta line", "tab here", "line sep"]));
    const written = new Set(accounts.map((a) => a.customer));
    for (const name of ['Acme "quoted"', "back\\slash\\", "ctl\u0001x", "客户甲 有限公司", "😀 Smile Ltd", '=HYPERLINK("http://x","y")', "</script>", "Kunde 2039 Müller & Söhne"]) expect(written).toContain(name);
  });
});

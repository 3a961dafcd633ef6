/** The one ledger field table (issue 16 item 2): ingestion and the CLI derive their field lists from it. */
import { spawnSync } from "child_process";
import * as path from "path";
import { DATE_FIELDS, FIELD_DEFS, FIELD_NAMES, ingestGrid, isField, OPTIONAL_FIELDS, REQUIRED_FIELDS } from "../../../src/engine/ledger";
import { parseMap, UsageError, USAGE } from "../../../src/cli/args";

describe("LEDGER_FIELDS", () => {
  test("names, required and date fields read from the table", () => {
    expect(FIELD_NAMES).toEqual(FIELD_DEFS.map((d) => d.field));
    expect(REQUIRED_FIELDS).toEqual(["customer", "date", "amount"]);
    expect([...REQUIRED_FIELDS, ...OPTIONAL_FIELDS].sort()).toEqual([...FIELD_NAMES].sort());
    expect(DATE_FIELDS).toEqual(["date", "dueDate", "paidDate", "contractEnd"]);
    expect(isField("segmentBy")).toBe(true);
    expect(isField("toString")).toBe(false);
    expect(new Set(FIELD_NAMES).size).toBe(FIELD_NAMES.length);
  });

  test("every field is a --map name, listed in the help, and taken case-insensitively", () => {
    const listed = /\(fields: ([^)]*)\)/.exec(USAGE.replace(/\s+/g, " "))?.[1].split(", ");
    expect(listed).toEqual(FIELD_NAMES);
    for (const f of FIELD_NAMES) {
      expect(parseMap(`${f.toUpperCase()}=Some Header`)).toEqual({ [f]: "Some Header" });
    }
    expect(() => parseMap("vendor=X")).toThrow(UsageError);
    expect(() => parseMap("vendor=X")).toThrow(`fields: ${FIELD_NAMES.join(", ")}`);
  });

  test("every optional field of the table is read by ingestion when mapped, with its kind", () => {
    const header = ["Customer", "Date", "Amount", ...OPTIONAL_FIELDS.map((f) => `col ${f}`)];
    const row = ["Acme", "2024-01-05", 100, ...OPTIONAL_FIELDS.map((f) => (DATE_FIELDS.includes(f) ? "2024-02-05" : f === "invoice" || f === "currency" || f === "segmentBy" ? "X1" : 7))];
    const map = Object.fromEntries(OPTIONAL_FIELDS.map((f) => [f, `col ${f}`]));
    const l = ingestGrid([header, row], { map });
    for (const f of OPTIONAL_FIELDS) expect([f, l.mapping[f]]).toEqual([f, `col ${f}`]);
    expect(l.dueDay?.[0]).toBe(l.day[0] + 31);
    expect(l.contractEnd?.[0]).toBe(l.day[0] + 31); // per customer
    expect(l.creditLimit?.[0]).toBe(7); // per customer
    expect(l.invoice).toEqual(["X1"]);
    expect(l.currencies).toEqual(["X1"]);
    expect(l.segments).toEqual(["X1"]);
    expect(l.balance?.[0]).toBe(7);
  });

  test("ka --help lists the same fields", () => {
    const r = spawnSync(process.execPath, [path.resolve(__dirname, "../../../bin/ka.js"), "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const listed = /\(fields: ([^)]*)\)/.exec(r.stdout.replace(/\s+/g, " "))?.[1].split(", ");
    expect(listed).toEqual(FIELD_NAMES);
  });
});

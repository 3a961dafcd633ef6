/**
 * Where each key finding's link goes, once every tab is placed: a hidden defined name (`KA_Finding1` …) over the
 * rows behind the finding — the Accounts rows of the customers it names (from the first to the last, in the tab's
 * order), the KA Alerts rows it quotes, the provision matrix, the excluded rows. A finding whose tab was not written
 * loses its link rather than pointing nowhere.
 */
import type { Analysis } from "../analysis/types";
import type { Finding } from "../findings/types";
import { ACCOUNTS_TABLE, accountOrder } from "./account-columns";
import { ALERTS_TABLE } from "./areas/risk";
import type { DefinedName, KeyValueBlock, SheetSpec, TableBlock, TextBlock } from "./types";
import { bodyRowCount } from "./types";
import { findingLinkName } from "./tabs/summary";

const TABLE_OF: Record<Finding["link"]["tab"], string> = {
  accounts: ACCOUNTS_TABLE,
  alerts: ALERTS_TABLE.name,
  aging: "KAProvision",
  about: "KAExcluded",
};

function findTable(sheets: readonly SheetSpec[], name: string): { sheet: SheetSpec; table: TableBlock } | undefined {
  for (const sheet of sheets) for (const b of sheet.blocks) if (b.kind === "table" && b.name === name) return { sheet, table: b };
  return undefined;
}

/** Body rows (0-based within the table) behind a finding; undefined: the whole body. */
function bodyRows(a: Analysis, f: Finding): [number, number] | undefined {
  if (f.link.alerts && f.link.alerts.length > 0) return [Math.min(...f.link.alerts), Math.max(...f.link.alerts)];
  if (f.link.customers && f.link.customers.length > 0) {
    const order = accountOrder(a);
    const position = new Int32Array(order.length);
    order.forEach((c, i) => (position[c] = i));
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of f.link.customers) {
      lo = Math.min(lo, position[c]);
      hi = Math.max(hi, position[c]);
    }
    return [lo, hi];
  }
  return undefined;
}

/** Defines the findings' link names and drops the links of findings whose rows are not in the workbook. */
export function linkFindings(a: Analysis, sheets: SheetSpec[]): Record<string, DefinedName> {
  const names: Record<string, DefinedName> = {};
  (a.findings ?? []).forEach((f, i) => {
    const found = findTable(sheets, TABLE_OF[f.link.tab]);
    if (!found) return;
    const { table } = found;
    const span = bodyRows(a, f) ?? [0, Math.max(0, bodyRowCount(table) - 1)];
    names[findingLinkName(i)] = {
      sheet: found.sheet.role,
      row: table.row + 1 + span[0],
      col: table.col,
      rows: span[1] - span[0] + 1,
      cols: table.columns.length,
      hidden: true,
      comment: f.code,
    };
  });
  for (const sheet of sheets) {
    sheet.blocks = sheet.blocks.map((b) => {
      if (b.kind === "text" && b.link && "name" in b.link && b.link.name.startsWith("KA_Finding") && !names[b.link.name]) return { ...b, link: undefined } as TextBlock;
      if (b.kind === "keyValue" && b.items.some((it) => it.link && "name" in it.link && it.link.name.startsWith("KA_Finding") && !names[it.link.name])) {
        return { ...b, items: b.items.map((it) => (it.link && "name" in it.link && !names[it.link.name] ? { ...it, link: undefined } : it)) } as KeyValueBlock;
      }
      return b;
    });
  }
  return names;
}

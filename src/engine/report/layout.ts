import type { LooseBlock } from "./model";
import type { Block, KeyValueBlock, SheetSpec, TableBlock, DefinedName } from "./types";
import { bodyRowCount, updateTable } from "./types";

/** Rows a block occupies, so tab builders can stack blocks without hand-counting. */
export function blockHeight(b: Block): number {
  switch (b.kind) {
    case "table":
      return 1 + bodyRowCount(b);
    case "keyValue":
      return (b.title ? 1 : 0) + b.items.length;
    case "text":
      return 1;
    case "matrix":
      return (b.title ? 1 : 0) + 1 + b.rowHeaders.length;
    case "chart":
      return b.heightRows ?? 15;
  }
}

/** Stacks blocks top to bottom from `startRow` in column `col`, one blank row between them. */
export class Column {
  private next: number;
  readonly blocks: Block[] = [];
  constructor(
    startRow: number,
    private readonly col: number,
  ) {
    this.next = startRow;
  }
  add<B extends Block>(block: Omit<B, "row" | "col">): B {
    const b = block as unknown as Block;
    const placed = (b.kind === "table" ? updateTable(b, { row: this.next, col: this.col }) : { ...block, row: this.next, col: this.col }) as unknown as B;
    this.blocks.push(placed);
    this.next += blockHeight(placed) + 1;
    return placed;
  }
  /** Places a block of any kind (an area's panel). */
  place(block: LooseBlock): Block {
    return this.add<Block>(block as Omit<Block, "row" | "col">);
  }
  get nextRow(): number {
    return this.next;
  }
}

/** Defined names declared on key-value items (`item.name`), pointing at their value cell. */
export function namesOf(sheet: SheetSpec): Record<string, DefinedName> {
  const out: Record<string, DefinedName> = {};
  for (const b of sheet.blocks) {
    if (b.kind !== "keyValue") continue;
    const kv = b as KeyValueBlock;
    kv.items.forEach((item, i) => {
      if (item.name) out[item.name] = { sheet: sheet.role, row: kv.row + (kv.title ? 1 : 0) + i, col: kv.col + 1 };
    });
  }
  return out;
}

export type { TableBlock };

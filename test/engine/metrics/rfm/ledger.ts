import type { Ledger } from "../../../../src/engine/ledger/types";
import { makeLedger as ledgerOf } from "../../../helpers/ledger";

/** A minimal Ledger from rows [customer, day, amount, invoice?] (the shared test builder, tuple-shaped). */
export function makeLedger(rows: [string, number, number, string?][], asOf: number): Ledger {
  return ledgerOf(
    rows.map(([customer, day, amount, invoice]) => ({ customer, day, amount, invoice })),
    { asOf },
  );
}

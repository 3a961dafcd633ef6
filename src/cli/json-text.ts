/**
 * The `--json` text in pieces: the summary, then `accounts` a chunk of customers at a time — byte for byte what
 * `JSON.stringify(summary with accounts, null, 2)` gives, without ever holding the whole text (185 MB for 100,000
 * customers with `--accounts`, and the objects behind it: 1.2 GB peak before).
 */
import type { AccountJson } from "../engine/report/json";

const WRAP_HEAD = '{\n  "accounts": [\n';
const WRAP_TAIL = "\n  ]\n}";

/**
 * Pieces of the JSON text of `summary` with `accounts` (when given) as its last key, ending in a line break.
 * @example [...jsonPieces({ a: 1 }, [[{ k: 2 }]])].join("") === JSON.stringify({ a: 1, accounts: [{ k: 2 }] }, null, 2) + "\n"
 */
export function* jsonPieces(summary: object, accounts?: Iterable<AccountJson[]>): Generator<string> {
  const head = JSON.stringify(summary, null, 2);
  if (accounts === undefined) {
    yield `${head}\n`;
    return;
  }
  // The summary's closing brace is replaced by the accounts key (stringify puts a new key last).
  const open = head === "{}" ? "{\n" : `${head.slice(0, -2)},\n`;
  let first = true;
  for (const chunk of accounts) {
    if (chunk.length === 0) continue;
    // Stringified as the whole text would nest them (one call a chunk: per object, with re-indenting, is 15× slower),
    // then the wrapper cut off.
    const wrapped = JSON.stringify({ accounts: chunk }, null, 2);
    const items = wrapped.slice(WRAP_HEAD.length, wrapped.length - WRAP_TAIL.length);
    yield first ? `${open}  "accounts": [\n${items}` : `,\n${items}`;
    first = false;
  }
  yield first ? `${open}  "accounts": []\n}\n` : "\n  ]\n}\n";
}

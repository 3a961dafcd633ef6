/**
 * The report catalogue is complete in both languages: the compiler checks keys and message arguments (see the
 * `@ts-expect-error` cases below, which fail `npm run typecheck` if the check ever stops working); this test checks
 * what types cannot: the Chinese texts hold no untranslated English words, English texts hold no Chinese, and the
 * plain strings the report shows are not copied across untranslated.
 */
import { CATALOGUE, defineMessages, messages, text } from "../../../src/engine/i18n";
import { englishWordsIn } from "../../helpers/latin-words";

type Node = string | ((...a: any[]) => string) | { [k: string]: Node };

/** Every entry as [dotted key, entry]. */
function entries(node: Node, prefix = ""): [string, Node][] {
  if (typeof node !== "object") return [[prefix, node]];
  return Object.entries(node).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * The literal text of a message function's source: string and template literal parts, without the `${…}`
 * expressions (nested templates inside them are read too). What a reader would see, minus the numbers and names.
 */
export function literalTexts(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  const readTemplate = (): void => {
    // at the char after the opening backtick
    let cur = "";
    while (i < source.length) {
      const ch = source[i];
      if (ch === "\\") {
        cur += source[i + 1];
        i += 2;
      } else if (ch === "`") {
        i++;
        break;
      } else if (ch === "$" && source[i + 1] === "{") {
        out.push(cur);
        cur = "";
        i += 2;
        readCode("}");
      } else {
        cur += ch;
        i++;
      }
    }
    out.push(cur);
  };
  // A literal compared with a code (`a.method === "rollRate"`, `case "churnRisk":`) is a code, not text.
  const isCode = (at: number): boolean => /(?:[!=]==?|\bcase)\s*$/.test(source.slice(Math.max(0, at - 8), at));
  const readQuoted = (q: string): void => {
    const start = i - 1;
    let cur = "";
    while (i < source.length && source[i] !== q) {
      if (source[i] === "\\") {
        cur += source[i + 1];
        i += 2;
      } else cur += source[i++];
    }
    i++;
    if (!isCode(start)) out.push(cur);
  };
  const readCode = (until?: string): void => {
    let depth = 0;
    while (i < source.length) {
      const ch = source[i++];
      if (ch === "`") readTemplate();
      else if (ch === '"' || ch === "'") readQuoted(ch);
      else if (ch === "{") depth++;
      else if (ch === "}") {
        if (depth === 0 && until === "}") return;
        depth--;
      }
    }
  };
  readCode();
  return out.filter((t) => t.trim() !== "");
}

describe("report catalogue", () => {
  const areas = Object.entries(CATALOGUE);

  test.each(areas)("%s: both languages have the same keys and kinds of entry", (_area, defs) => {
    const en = entries(defs.en as Node);
    const zh = new Map(entries(defs["zh-CN"] as Node));
    expect([...zh.keys()].sort()).toEqual(en.map(([k]) => k).sort());
    for (const [k, v] of en) expect(`${k}: ${typeof zh.get(k)}`).toBe(`${k}: ${typeof v}`);
  });

  test.each(areas)("%s: Chinese texts hold no English word (codes and model names allowed)", (_area, defs) => {
    const found: string[] = [];
    for (const [k, v] of entries(defs["zh-CN"] as Node)) {
      const texts = typeof v === "string" ? [v] : literalTexts((v as () => string).toString());
      for (const t of texts) for (const w of englishWordsIn(t)) found.push(`${k}: '${w}' in "${t}"`);
    }
    expect(found).toEqual([]);
  });

  test.each(areas)("%s: English texts hold no Chinese; Chinese strings are not English copies", (_area, defs) => {
    const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
    const bad: string[] = [];
    const zh = new Map(entries(defs["zh-CN"] as Node));
    for (const [k, v] of entries(defs.en as Node)) {
      const texts = typeof v === "string" ? [v] : literalTexts((v as () => string).toString());
      if (texts.some((t) => cjk.test(t))) bad.push(`${k}: Chinese in the English text`);
      const z = zh.get(k);
      if (typeof v === "string" && z === v && englishWordsIn(v).length > 0) bad.push(`${k}: '${v}' not translated`);
    }
    expect(bad).toEqual([]);
  });

  test("the literal reader sees template parts and nested templates, not expressions", () => {
    const src = "(a, f) => `共 ${f.int(a.n)} 个${a.k === \"key\" ? `客户 ${a.name}` : \"项\"}`";
    expect(literalTexts(src)).toEqual(["共 ", " 个", "客户 ", "项"]);
  });

  test("messages bind the language's formatter and a currency; text() reads a plain string by key", () => {
    expect(messages("en").common.customers({ n: 1 })).toBe("1 customer");
    expect(messages("en").common.customers({ n: 1234 })).toBe("1,234 customers");
    expect(messages("zh-CN").common.customers({ n: 1234 })).toBe("1,234 个客户");
    expect(messages("en").currency.notInLedger({ code: "JPY", codes: ["CNY", "USD", "EUR"] })).toBe(
      "Currency JPY is not in the ledger's currency column, which holds CNY, USD and EUR.",
    );
    expect(messages("zh-CN").currency.notInLedger({ code: "JPY", codes: ["CNY", "USD"] })).toBe("台账的币种列中没有 JPY，只有 CNY和USD。");
    expect(text("zh-CN", "common.hhiBand.highly concentrated")).toBe("高度集中");
    expect(text("en", "common.yes")).toBe("Yes");
    expect(messages("en", "CNY")).toBe(messages("en", "CNY")); // cached per language and currency
  });

  test("a translation missing a key, with an extra key or with other arguments does not compile", () => {
    const ok = defineMessages({ en: { a: "one", b: (x: { n: number }) => `${x.n}` }, "zh-CN": { a: "一", b: (x) => `${x.n}` } });
    expect(ok["zh-CN"].a).toBe("一");
    // @ts-expect-error b is missing from the Chinese messages
    defineMessages({ en: { a: "one", b: "two" }, "zh-CN": { a: "一" } });
    // @ts-expect-error c is not an English key
    defineMessages({ en: { a: "one" }, "zh-CN": { a: "一", c: "三" } });
    // @ts-expect-error the Chinese message reads an argument the English one does not take
    defineMessages({ en: { b: (x: { n: number }) => `${x.n}` }, "zh-CN": { b: (x) => `${x.m}` } });
    // @ts-expect-error a plain string cannot become a message function
    defineMessages({ en: { a: "one" }, "zh-CN": { a: () => "一" } });
    // @ts-expect-error callers must pass the named arguments
    messages("en").common.customers({});
  });
});

/**
 * Currencies: the ledger's currency column or the user's `--currency CODE` gives an ISO 4217 code; amounts are then
 * written with its symbol, in sentences and in the cells' number formats. Ledgers write the same currency many
 * ways (`RMB`, `人民币`, `¥`, `US$`), so labels are normalised to one code before they are compared.
 */
export interface CurrencyInfo {
  /** ISO 4217 code, upper case (`CNY`). */
  code: string;
  /** What goes before the amount (`¥`, `$`, `HK$`), or the code and a space when no symbol is unambiguous. */
  symbol: string;
  /** Minor-unit digits shown (JPY and KRW have none). */
  decimals: number;
}

const SYMBOLS: Record<string, [symbol: string, decimals: number]> = {
  CNY: ["¥", 2],
  USD: ["$", 2],
  EUR: ["€", 2],
  GBP: ["£", 2],
  JPY: ["JP¥", 0],
  HKD: ["HK$", 2],
  TWD: ["NT$", 2],
  AUD: ["A$", 2],
  CAD: ["C$", 2],
  SGD: ["S$", 2],
  NZD: ["NZ$", 2],
  KRW: ["₩", 0],
  INR: ["₹", 2],
  RUB: ["₽", 2],
  CHF: ["CHF ", 2],
  SEK: ["SEK ", 2],
  NOK: ["NOK ", 2],
  DKK: ["DKK ", 2],
  MOP: ["MOP$", 2],
  THB: ["฿", 2],
  VND: ["₫", 0],
  BRL: ["R$", 2],
  MXN: ["MX$", 2],
};

/** Spellings found in ledgers → ISO code. Keys are compared upper-cased and without spaces. */
const ALIASES: Record<string, string> = {
  RMB: "CNY",
  CNH: "CNY",
  "¥": "CNY",
  "￥": "CNY",
  "元": "CNY",
  "人民币": "CNY",
  "人民幣": "CNY",
  "人民币元": "CNY",
  $: "USD",
  US$: "USD",
  "美元": "USD",
  "€": "EUR",
  "欧元": "EUR",
  "£": "GBP",
  "英镑": "GBP",
  "円": "JPY",
  "日元": "JPY",
  HK$: "HKD",
  "港币": "HKD",
  "港元": "HKD",
  "港幣": "HKD",
  NT$: "TWD",
  "新台币": "TWD",
  "₩": "KRW",
  "韩元": "KRW",
  "₹": "INR",
};

/**
 * The ISO code of a currency label, or undefined when the label is not a currency: three letters are taken as a
 * code (`cny` → `CNY`), known symbols and names are translated (`RMB`, `人民币` → `CNY`).
 */
export function currencyCode(label: string): string | undefined {
  const t = label.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (t === "") return undefined;
  const alias = ALIASES[t] ?? ALIASES[label.trim()];
  if (alias) return alias;
  return /^[A-Z]{3}$/.test(t) ? t : undefined;
}

export function currencyInfo(code: string): CurrencyInfo {
  const c = code.toUpperCase();
  const known = SYMBOLS[c];
  return known ? { code: c, symbol: known[0], decimals: known[1] } : { code: c, symbol: `${c} `, decimals: 2 };
}

/**
 * The Excel number format of money: the symbol as a quoted literal before `#,##0.00` (Excel and LibreOffice show
 * `-¥1,234.50` for a negative amount), or the plain format when the currency is unknown.
 */
export function moneyNumberFormat(code: string | undefined, decimals?: number): string {
  if (!code) return decimals === 0 ? "#,##0" : "#,##0.00";
  const info = currencyInfo(code);
  const d = decimals ?? info.decimals;
  const digits = d > 0 ? `#,##0.${"0".repeat(d)}` : "#,##0";
  return `"${info.symbol.replace(/"/g, "")}"${digits}`;
}

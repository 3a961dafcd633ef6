/**
 * Latin-script words a Chinese report may keep: codes and names of measures and models that Chinese finance texts
 * write in Latin letters too (HHI, CR5, RFM, BG/NBD, IFRS 9…), units and the product's name. Everything else in
 * Latin letters in a zh-CN text is an untranslated English word. Compared case-sensitively (`a` is an article). Customer names, formulas and JSON codes are not
 * text of the catalogue and are checked by the callers' own rules.
 */
export const ALLOWED_LATIN = new Set(
  [
    "KA", "Risk", // product name "KA Risk"
    "HHI", "CR", "CR1", "CR5", "CR10", "CRn", "ABC", "A", "B", "C", "D", "E", "RFM", "R", "F", "M", "FM",
    "CLV", "BG", "NBD", "Pareto", "Gamma", "P", "alive", "IFRS", "DSO", "YoY", "NRR", "ECL", "SEC", "ASC", "S-K",
    "ISO", "CNY", "USD", "EUR", "ka", "analyze", "--currency", "currency", "CODE", "L2", "x", "t", "T", "n", "k", "r", "q", "p", "v",
    "CSV", "XLSX", "Excel", "LibreOffice", "roll-rate", "Gini", "Lorenz", "CV", "t_x",
    // Model parameters, math and Excel functions quoted in explanations, encodings, Excel error values.
    "a", "b", "min", "clamp", "bins", "ROUND", "MIN", "MAX", "INT", "COUNTIF", "COUNT", "CEILING", "SUMIF", "UTF-8", "GB18030", "Windows-1252", "N/A", "VALUE", "REF", "NUM", "NAME", "NULL", "DIV/0",
    "CEI", "ADD", "S", // collection KPIs (CEI, ADD) and their formulas' letters
    // Forecast (issue 13): model parameters as the models name them, the model criterion, Excel functions of the
    // interval formula, and the codes KA_ForecastModel takes.
    "s", "alpha", "beta", "BIC", "EXP", "NORMSINV", "bgnbd", "paretonbd", "auto",
  ],
);

/** Latin words of a text (letters with inner digits, hyphens or slashes kept together: `BG/NBD`, `CR10`, `S-K`). */
export function latinWords(text: string): string[] {
  return text.match(/[A-Za-z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*/g) ?? [];
}

/** Latin words of a text that are not on the allow-list (`BG/NBD` is checked part by part). */
export function englishWordsIn(text: string): string[] {
  const out: string[] = [];
  for (const w of latinWords(text)) {
    if (ALLOWED_LATIN.has(w)) continue;
    if (/^[A-Z]\d+$/.test(w)) continue; // a paragraph of a standard (IFRS 9 B5.5.37) or a cell (A1)
    const parts = w.split(/[-/]/);
    if (parts.every((p) => ALLOWED_LATIN.has(p) || /^\d+$/.test(p))) continue;
    out.push(w);
  }
  return out;
}

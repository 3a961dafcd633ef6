/**
 * How the demo workbook shows a cell: the report's Excel number formats rendered as Excel (en-US) would, so the
 * standalone demo reads like the tabs in Excel. Only the formats the report uses are needed; anything else falls
 * back to Excel's General format.
 */
import { dayFromExcelSerial, isoFromDay } from "../engine/day";
import type { Scalar } from "../engine/report/types";

/** Decimals of a fixed format like `#,##0.00`, `0.0%`, `0.000`. */
function decimals(format: string): number {
  const m = /0\.(0+)/.exec(format);
  return m ? m[1].length : 0;
}

/** Excel's General format: up to 11 significant characters, no thousands separators. */
export function generalNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e11) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) return x.toExponential(5).replace(/\.?0+e/, "E").replace("E+", "E+").toUpperCase();
  const digits = Math.max(0, 10 - Math.max(0, Math.floor(Math.log10(abs || 1)) + 1));
  return String(Number(x.toFixed(digits)));
}

/**
 * A cell's display text.
 * @example displayValue(1234.5, "#,##0.00") // "1,234.50"
 * @example displayValue(0.2712, "0.0%") // "27.1%"
 * @example displayValue(46022, "yyyy-mm-dd") // "2025-12-31"
 */
export function displayValue(value: Scalar | undefined, format: string | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  const f = format ?? "General";
  if (/y{2,4}/i.test(f) && /d/i.test(f)) return isoFromDay(dayFromExcelSerial(value));
  if (f.endsWith("%")) return `${(value * 100).toLocaleString("en-US", { minimumFractionDigits: decimals(f), maximumFractionDigits: decimals(f), useGrouping: f.includes(",") })}%`;
  if (/^[#,0.]+$/.test(f)) return value.toLocaleString("en-US", { minimumFractionDigits: decimals(f), maximumFractionDigits: decimals(f), useGrouping: f.includes(",") });
  return generalNumber(value);
}

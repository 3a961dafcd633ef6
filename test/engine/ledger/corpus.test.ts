/**
 * Bad-input corpus for ledger ingestion (SPEC §1): each case is a grid (header first), options, and the exact
 * outcome — every used row [customer, date, amount, sheet row] and every excluded row [sheet row, reason,
 * detail], or the problem thrown. Expected values are written by hand from the cells.
 */
import { ingestGrid, NO_DAY } from "../../../src/engine/ledger";
import type { ExclusionReason, IngestOptions, Ledger, RawCell } from "../../../src/engine/ledger";
import { dayFromYmd } from "../../../src/engine/day";
import type { ProblemCode } from "../../../src/engine/problems";
import { excludedTotal, usedRows } from "./helpers";
import type { UsedRow } from "./helpers";

interface Case {
  name: string;
  grid: RawCell[][];
  options?: IngestOptions;
  /** Exact used rows, in order. */
  used?: UsedRow[];
  /** Exact excluded rows (all of them, sorted by row): [row, reason, detail]. */
  excluded?: [number, ExclusionReason, string][];
  /** Exact customer list (display names, in code order). */
  customers?: string[];
  asOf?: string;
  /** Each must match one note. */
  notes?: RegExp[];
  /** The problem ingestion must throw instead. */
  problem?: { code: ProblemCode; message: RegExp[]; path?: string; row?: number };
  /** Extra checks on the ledger. */
  check?: (l: Ledger) => void;
}

const H = ["Customer", "Date", "Amount"];

const cases: Case[] = [
  {
    name: "plain numbers and ISO dates",
    grid: [H, ["Acme", "2024-01-05", 100], ["Beta", "2024-01-06", 250.5]],
    used: [
      ["Acme", "2024-01-05", 100, 2],
      ["Beta", "2024-01-06", 250.5, 3],
    ],
    excluded: [],
    asOf: "2024-01-06",
  },
  {
    name: "blank cells: customer (null, '', spaces, U+3000, NBSP), date, amount",
    grid: [H, [null, "2024-01-05", 1], ["", "2024-01-05", 1], ["   ", "2024-01-05", 1], ["\u3000", "2024-01-05", 1], ["\u00a0", "2024-01-05", 1], ["A", null, 1], ["A", " ", 1], ["A", "2024-01-05", null], ["A", "2024-01-05", ""], ["A", "2024-01-05", 7]],
    used: [["A", "2024-01-05", 7, 11]],
    excluded: [
      [2, "customer is blank", "Customer is blank"],
      [3, "customer is blank", "Customer is blank"],
      [4, "customer is blank", "Customer is blank"],
      [5, "customer is blank", "Customer is blank"],
      [6, "customer is blank", "Customer is blank"],
      [7, "date is blank", "Date is blank"],
      [8, "date is blank", "Date is blank"],
      [9, "amount is blank", "Amount is blank"],
      [10, "amount is blank", "Amount is blank"],
    ],
  },
  {
    name: "blank rows (nulls, empty strings, a short row, an empty row) count as read and excluded",
    grid: [[...H, "Note"], [null, null, null, null], ["", "", "", " "], [], ["A", "2024-01-05", 1, "x"], [null, "", null]],
    used: [["A", "2024-01-05", 1, 5]],
    excluded: [
      [2, "blank row", "every cell is blank"],
      [3, "blank row", "every cell is blank"],
      [4, "blank row", "every cell is blank"],
      [6, "blank row", "every cell is blank"],
    ],
    check: (l) => expect(l.read).toBe(5),
  },
  {
    name: "a row blank in the required columns but not elsewhere is not a blank row",
    grid: [[...H, "Note"], [null, null, null, "remark"]],
    used: [],
    excluded: [[2, "customer is blank", "Customer is blank"]],
  },
  {
    name: "text numbers in every accepted form",
    grid: [
      H,
      ["A", "2024-01-05", "$1,234.50"],
      ["A", "2024-01-05", "(1,234.50)"],
      ["A", "2024-01-05", "¥1,000"],
      ["A", "2024-01-05", "￥2,000"],
      ["A", "2024-01-05", "1,000元"],
      ["A", "2024-01-05", "12.5%"],
      ["A", "2024-01-05", "１２，３４５．６"],
      ["A", "2024-01-05", "－５"],
      ["A", "2024-01-05", "1 234 567.89"],
      ["A", "2024-01-05", "USD 12"],
      ["A", "2024-01-05", "12 CNY"],
      ["A", "2024-01-05", "1.2E3"],
      ["A", "2024-01-05", "+5"],
      ["A", "2024-01-05", ".5"],
      ["A", "2024-01-05", "1,234.50-"],
      ["A", "2024-01-05", "€ 12"],
      ["A", "2024-01-05", "\u221212"],
      ["A", "2024-01-05", "  42  "],
      ["A", "2024-01-05", "-$7.25"],
      ["A", "2024-01-05", "£3"],
      ["A", "2024-01-05", "（１２）"],
    ],
    used: [
      ["A", "2024-01-05", 1234.5, 2],
      ["A", "2024-01-05", -1234.5, 3],
      ["A", "2024-01-05", 1000, 4],
      ["A", "2024-01-05", 2000, 5],
      ["A", "2024-01-05", 1000, 6],
      ["A", "2024-01-05", 0.125, 7],
      ["A", "2024-01-05", 12345.6, 8],
      ["A", "2024-01-05", -5, 9],
      ["A", "2024-01-05", 1234567.89, 10],
      ["A", "2024-01-05", 12, 11],
      ["A", "2024-01-05", 12, 12],
      ["A", "2024-01-05", 1200, 13],
      ["A", "2024-01-05", 5, 14],
      ["A", "2024-01-05", 0.5, 15],
      ["A", "2024-01-05", -1234.5, 16],
      ["A", "2024-01-05", 12, 17],
      ["A", "2024-01-05", -12, 18],
      ["A", "2024-01-05", 42, 19],
      ["A", "2024-01-05", -7.25, 20],
      ["A", "2024-01-05", 3, 21],
      ["A", "2024-01-05", -12, 22],
    ],
    excluded: [],
  },
  {
    name: "not numbers: words, marks that fit neither convention, booleans, multipliers, two signs",
    grid: [H, ["A", "2024-01-05", "abc"], ["A", "2024-01-05", "1,2,3"], ["A", "2024-01-05", "1.2.3"], ["A", "2024-01-05", true], ["A", "2024-01-05", "12万"], ["A", "2024-01-05", "--5"], ["A", "2024-01-05", "0x1A"]],
    used: [],
    excluded: [
      [2, "amount is not a number", "'abc' in Amount is not a number"],
      [3, "amount is not a number", "'1,2,3' in Amount is not a number"],
      [4, "amount is not a number", "'1.2.3' in Amount is not a number"],
      [5, "amount is not a number", "TRUE in Amount is not a number (TRUE/FALSE is not a number)"],
      [6, "amount is not a number", "'12万' in Amount is not a number"],
      [7, "amount is not a number", "'--5' in Amount is not a number"],
      [8, "amount is not a number", "'0x1A' in Amount is not a number"],
    ],
  },
  {
    name: "every date form",
    grid: [
      H,
      ["A", "2024-01-05", 1],
      ["A", "2024-01-05 10:30", 2],
      ["A", "2024-01-05 10:30:15", 3],
      ["A", "2024-01-05T23:59:59Z", 4],
      ["A", "2024-01-05T10:30:15.123+08:00", 5],
      ["A", "2024/1/5", 6],
      ["A", "2024.1.5", 7],
      ["A", "2024-1-5", 8],
      ["A", "2024年1月5日", 9],
      ["A", "２０２４年１月５日", 10],
      ["A", "2024年1月5日 10:30", 11],
      ["A", "20240105", 12],
      ["A", 20240105, 13],
      ["A", 45296, 14],
      ["A", 45296.99, 15],
      ["A", "2024/01/05 8:26 PM", 16],
    ],
    used: Array.from({ length: 16 }, (_, k) => ["A", "2024-01-05", k + 1, k + 2] as UsedRow),
    excluded: [],
  },
  {
    name: "not dates: impossible days, words, bad yyyymmdd, booleans, numeric text, two-digit years, serial 0",
    grid: [H, ["A", "2023-02-29", 1], ["A", "foo", 1], ["A", 20241305, 1], ["A", true, 1], ["A", "45292", 1], ["A", "1/2/24", 1], ["A", 0, 1], ["A", -3, 1], ["A", "31/02/2024", 1]],
    used: [],
    excluded: [
      [2, "date is not a date", "'2023-02-29' in Date is not a date (no such day)"],
      [3, "date is not a date", "'foo' in Date is not a date"],
      [4, "date is not a date", "20241305 in Date is not a date (not a valid yyyymmdd date)"],
      [5, "date is not a date", "TRUE in Date is not a date (TRUE/FALSE is not a date)"],
      [6, "date is not a date", "'45292' in Date is not a date"],
      [7, "date is not a date", "'1/2/24' in Date is not a date"],
      [8, "date is not a date", "0 in Date is not a date (not an Excel date serial (1 to 2958465))"],
      [9, "date is not a date", "-3 in Date is not a date (not an Excel date serial (1 to 2958465))"],
      [10, "date is not a date", "'31/02/2024' in Date is not a date (no such day as d/m/yyyy or m/d/yyyy)"],
    ],
    asOf: "NO_DAY",
  },
  {
    name: "error cells #N/A, #VALUE!, #REF!, #DIV/0! in required columns name the error and the column",
    grid: [H, ["A", "2024-01-05", "#N/A"], ["A", "#VALUE!", 1], ["#REF!", "2024-01-05", 1], ["A", "2024-01-05", "#DIV/0!"], ["A", "2024-01-05", " #NAME? "], ["A", "2024-01-05", 3]],
    used: [["A", "2024-01-05", 3, 7]],
    excluded: [
      [2, "error cell", "#N/A in Amount"],
      [3, "error cell", "#VALUE! in Date"],
      [4, "error cell", "#REF! in Customer"],
      [5, "error cell", "#DIV/0! in Amount"],
      [6, "error cell", "#NAME? in Amount"],
    ],
  },
  {
    name: "precedence: error cell beats blank customer; customer beats date; date beats amount",
    grid: [H, [null, "2024-01-05", "#N/A"], [null, null, null, "x"], ["A", "bad", null], ["A", null, "abc"], ["#N/A", "#REF!", 1]],
    used: [],
    excluded: [
      [2, "error cell", "#N/A in Amount"],
      [3, "customer is blank", "Customer is blank"],
      [4, "date is not a date", "'bad' in Date is not a date"],
      [5, "date is blank", "Date is blank"],
      [6, "error cell", "#N/A in Customer"],
    ],
  },
  {
    name: "an error cell in a column the ledger does not use changes nothing",
    grid: [[...H, "Description"], ["A", "2024-01-05", 5, "#N/A"]],
    used: [["A", "2024-01-05", 5, 2]],
    excluded: [],
  },
  {
    name: "refunds: negative amounts are used rows",
    grid: [H, ["A", "2024-01-05", 100], ["A", "2024-01-06", -40], ["A", "2024-01-07", "(10.00)"]],
    used: [
      ["A", "2024-01-05", 100, 2],
      ["A", "2024-01-06", -40, 3],
      ["A", "2024-01-07", -10, 4],
    ],
    excluded: [],
  },
  {
    name: "duplicate headers: the first column wins and a note says so",
    grid: [["Customer", "Date", "Amount", "Amount"], ["A", "2024-01-05", 10, 99]],
    used: [["A", "2024-01-05", 10, 2]],
    excluded: [],
    notes: [/Duplicate header 'Amount' \(columns 3 and 4\): the first is used for amount/],
    check: (l) => expect(l.columns.amount).toBe(2),
  },
  {
    name: "missing required column: the message names the field, the expected headers and the headers found",
    grid: [["Customer", "Amount"], ["A", 1]],
    problem: { code: "missingColumn", path: "date", message: [/No column found for date/, /Invoice Date/, /日期/, /Headers found: 'Customer', 'Amount'/] },
  },
  {
    name: "missing amount with a quantity but no unit price",
    grid: [["Customer", "Date", "Qty"], ["A", "2024-01-05", 1]],
    problem: { code: "missingColumn", path: "amount", message: [/No column found for amount/, /Quantity and Unit Price/, /a quantity column was found but no unit price/] },
  },
  {
    name: "no header at all (empty grid) is a missing-column problem",
    grid: [],
    problem: { code: "missingColumn", message: [/customer, date and amount/, /Headers found: none/] },
  },
  {
    name: "header only: zero rows read, nothing used, as-of undefined (NO_DAY)",
    grid: [H],
    used: [],
    excluded: [],
    asOf: "NO_DAY",
    check: (l) => {
      expect(l.read).toBe(0);
      expect(l.customers).toEqual([]);
    },
  },
  {
    name: "every row excluded: a ledger with used = 0 (the analysis raises noRows)",
    grid: [H, ["", "2024-01-05", 1], ["A", "", 1]],
    used: [],
    excluded: [
      [2, "customer is blank", "Customer is blank"],
      [3, "date is blank", "Date is blank"],
    ],
    customers: [],
  },
  {
    name: "one customer",
    grid: [H, ["Solo", "2024-01-05", 1], ["solo", "2024-02-05", 2]],
    used: [
      ["Solo", "2024-01-05", 1, 2],
      ["Solo", "2024-02-05", 2, 3],
    ],
    customers: ["Solo"],
    excluded: [],
  },
  {
    name: "CJK headers and CJK customer names (full-width spaces collapse)",
    grid: [["客户名称", "开票日期", "价税合计"], ["北京某某科技有限公司", "2024年3月1日", "¥1,000.00"], ["上海\u3000\u3000甲乙 公司", "2024/3/2", "２００"], ["上海 甲乙　公司 ", "2024-03-03", 1]],
    used: [
      ["北京某某科技有限公司", "2024-03-01", 1000, 2],
      ["上海 甲乙 公司", "2024-03-02", 200, 3],
      ["上海 甲乙 公司", "2024-03-03", 1, 4],
    ],
    customers: ["北京某某科技有限公司", "上海 甲乙 公司"],
    excluded: [],
    check: (l) => expect(l.mapping).toEqual({ customer: "客户名称", date: "开票日期", amount: "价税合计" }),
  },
  {
    name: "formula-like and '#'-names are kept verbatim as names",
    grid: [H, ['=HYPERLINK("x")', "2024-01-05", 1], ["+Plus Co", "2024-01-05", 2], ["#1 Shop", "2024-01-05", 3], ["@mention", "2024-01-05", 4]],
    used: [
      ['=HYPERLINK("x")', "2024-01-05", 1, 2],
      ["+Plus Co", "2024-01-05", 2, 3],
      ["#1 Shop", "2024-01-05", 3, 4],
      ["@mention", "2024-01-05", 4, 5],
    ],
    excluded: [],
  },
  {
    name: "ambiguous d/m column without dateOrder: a problem naming the column and an example",
    grid: [["Customer", "Invoice Date", "Amount"], ["A", "03/04/2024", 1], ["A", "05/06/2024", 1]],
    problem: { code: "ambiguousDateOrder", path: "Invoice Date", row: 2, message: [/column 'Invoice Date'/, /'03\/04\/2024' in row 2/, /Choose the date order/] },
  },
  {
    name: "d/m decided by the column (a first part above 12)",
    grid: [H, ["A", "03/04/2024", 1], ["A", "25/04/2024", 2], ["A", "5.5.2024", 3]],
    used: [
      ["A", "2024-04-03", 1, 2],
      ["A", "2024-04-25", 2, 3],
      ["A", "2024-05-05", 3, 4],
    ],
    excluded: [],
    notes: [/Date: a\/b\/yyyy dates read as d\/m\/yyyy \(decided by column 'Date' \('25\/04\/2024' in row 3\)\)/],
  },
  {
    name: "m/d decided by the column (a second part above 12), with times",
    grid: [H, ["A", "03/04/2024 10:00", 1], ["A", "4/25/2024 8:26 AM", 2], ["A", "12-1-2023", 3]],
    used: [
      ["A", "2024-03-04", 1, 2],
      ["A", "2024-04-25", 2, 3],
      ["A", "2023-12-01", 3, 4],
    ],
    excluded: [],
    notes: [/read as m\/d\/yyyy/],
  },
  {
    name: "a column mixing d/m and m/d is a problem naming both examples",
    grid: [H, ["A", "25/04/2024", 1], ["A", "04/25/2024", 1]],
    problem: { code: "ambiguousDateOrder", path: "Date", message: [/'25\/04\/2024' \(row 2\) can only be d\/m\/yyyy/, /'04\/25\/2024' \(row 3\) only m\/d\/yyyy/] },
  },
  {
    name: "dateOrder dmy settles an ambiguous column",
    grid: [H, ["A", "03/04/2024", 1], ["A", "05/06/2024", 2]],
    options: { dateOrder: "dmy" },
    used: [
      ["A", "2024-04-03", 1, 2],
      ["A", "2024-06-05", 2, 3],
    ],
    excluded: [],
    notes: [/read as d\/m\/yyyy \(decided by the dateOrder option\)/],
  },
  {
    name: "dateOrder mdy settles an ambiguous column",
    grid: [H, ["A", "03/04/2024", 1], ["A", "05/06/2024", 2]],
    options: { dateOrder: "mdy" },
    used: [
      ["A", "2024-03-04", 1, 2],
      ["A", "2024-05-06", 2, 3],
    ],
    excluded: [],
  },
  {
    name: "dateOrder wins over a conflicting cell, which is excluded with the order named",
    grid: [H, ["A", "04/25/2024", 1], ["A", "25/04/2024", 2]],
    options: { dateOrder: "mdy" },
    used: [["A", "2024-04-25", 1, 2]],
    excluded: [[3, "date is not a date", "'25/04/2024' in Date is not a date (not a m/d/yyyy date (dateOrder = mdy))"]],
  },
  {
    name: "an ambiguous Date column takes the order another date column decided",
    grid: [[...H, "Due Date"], ["A", "03/04/2024", 1, "20/04/2024"]],
    used: [["A", "2024-04-03", 1, 2]],
    excluded: [],
    notes: [/Date: a\/b\/yyyy dates read as d\/m\/yyyy \(decided by column 'Due Date'/],
    check: (l) => expect(l.dueDay?.[0]).toBe(dayFromYmd(2024, 4, 20)),
  },
  {
    name: "an ambiguous a/b/yyyy date in a row excluded for another reason does not demand a date order",
    grid: [H, ["A", "2024-01-05", 1], ["A", "03/04/2024", ""], ["", "05/06/2024", 1]],
    used: [["A", "2024-01-05", 1, 2]],
    excluded: [
      [3, "amount is blank", "Amount is blank"],
      [4, "customer is blank", "Customer is blank"],
    ],
  },
  {
    name: "1904 workbook: serial 0 is 1904-01-01, serial 43830 is 2024-01-01",
    grid: [H, ["A", 0, 1], ["A", 43830, 2], ["A", 43830.5, 3]],
    options: { date1904: true },
    used: [
      ["A", "2024-01-01", 2, 3],
      ["A", "2024-01-01", 3, 4],
    ],
    // 1904-01-01 is read, and is 120 years before the other rows: excluded as a far date (issue 17 item 5).
    excluded: [[2, "date far before the other rows", "1904-01-01 is 120 years before the other rows' first date 2024-01-01"]],
  },
  {
    name: "1900 workbook: serial 43830 is 2019-12-31 (1,462 days before 2024-01-01, its 1904 reading), 43831 is 2020-01-01, 61 is 1900-03-01",
    grid: [H, ["A", 43830, 1], ["A", 61, 2], ["A", 1, 3], ["A", 43831, 4]],
    used: [
      ["A", "2019-12-31", 1, 2],
      ["A", "1900-03-01", 2, 3],
      ["A", "1900-01-01", 3, 4],
      ["A", "2020-01-01", 4, 5],
    ],
    excluded: [],
  },
  {
    name: "serial vs yyyymmdd numbers: 8-digit valid dates are yyyymmdd, others up to 2958465 are serials",
    grid: [H, ["A", 20240105, 1], ["A", 45292, 2], ["A", 2958465, 3], ["A", 19000101, 4], ["A", 20241301, 5], ["A", 2958466, 6], ["A", 20240105.5, 7]],
    used: [
      ["A", "2024-01-05", 1, 2],
      ["A", "2024-01-01", 2, 3],
      ["A", "1900-01-01", 4, 5],
    ],
    excluded: [
      // Read as a date, then excluded as far after the other rows (issue 17 item 5): the detail shows the date read.
      [4, "date far after the other rows", "9999-12-31 is 7,976 years after the other rows' last date 2024-01-05"],
      [6, "date is not a date", "20241301 in Date is not a date (not a valid yyyymmdd date)"],
      [7, "date is not a date", "2958466 in Date is not a date (not an Excel date serial (1 to 2958465))"],
      [8, "date is not a date", "20240105.5 in Date is not a date (not an Excel date serial (1 to 2958465))"],
    ],
  },
  {
    name: "quantity × unit price when there is no amount column",
    grid: [["Customer", "Date", "Qty", "Unit Price"], ["A", "2024-01-05", "6", "2.55"], ["A", "2024-01-05", -2, "£1.50"], ["A", "2024-01-05", "3", "0"]],
    used: [
      ["A", "2024-01-05", 6 * 2.55, 2],
      ["A", "2024-01-05", -3, 3],
      ["A", "2024-01-05", 0, 4],
    ],
    excluded: [],
    notes: [/amount = Qty × Unit Price \(no amount column\)/],
    check: (l) => expect(l.columns).toEqual({ customer: 0, date: 1, quantity: 2, unitPrice: 3 }),
  },
  {
    name: "quantity × unit price: a blank or bad part excludes the row naming that column",
    grid: [["Customer", "Date", "Qty", "Unit Price"], ["A", "2024-01-05", "", "2"], ["A", "2024-01-05", "2", "abc"], ["A", "2024-01-05", "x", ""], ["A", "2024-01-05", "#N/A", "1"], ["A", "2024-01-05", 1e200, 1e200]],
    used: [],
    excluded: [
      [2, "amount is blank", "Qty is blank"],
      [3, "amount is not a number", "'abc' in Unit Price is not a number"],
      [4, "amount is not a number", "'x' in Qty is not a number"],
      [5, "error cell", "#N/A in Qty"],
      [6, "amount is not a number", "Qty × Unit Price: the product overflows"],
    ],
  },
  {
    name: "rows after the as-of date are excluded last, with the dates in the detail",
    grid: [H, ["A", "2024-01-05", 1], ["A", "2024-02-01", 2], ["", "2024-03-01", 3], ["B", "2024-01-31", 4]],
    options: { asOf: dayFromYmd(2024, 1, 31) },
    used: [
      ["A", "2024-01-05", 1, 2],
      ["B", "2024-01-31", 4, 5],
    ],
    excluded: [
      [3, "after as-of date", "2024-02-01 is after the as-of date 2024-01-31"],
      [4, "customer is blank", "Customer is blank"],
    ],
    asOf: "2024-01-31",
  },
  {
    name: "the default as-of date is the latest date among rows that are otherwise valid",
    grid: [H, ["A", "2024-01-05", 1], ["A", "2024-06-01", "abc"], ["", "2024-07-01", 1], ["A", "2024-02-01", 2]],
    used: [
      ["A", "2024-01-05", 1, 2],
      ["A", "2024-02-01", 2, 5],
    ],
    excluded: [
      [3, "amount is not a number", "'abc' in Amount is not a number"],
      [4, "customer is blank", "Customer is blank"],
    ],
    asOf: "2024-02-01",
  },
  {
    name: "a customer whose only rows fall after as-of is not in the customer list",
    grid: [H, ["Late", "2024-05-01", 1], ["A", "2024-01-05", 2]],
    options: { asOf: dayFromYmd(2024, 3, 1) },
    used: [["A", "2024-01-05", 2, 3]],
    customers: ["A"],
    excluded: [[2, "after as-of date", "2024-05-01 is after the as-of date 2024-03-01"]],
  },
  {
    name: "case, width and white-space variants of a customer merge; display is the first spelling",
    grid: [H, ["Acme Ltd", "2024-01-05", 1], ["  ACME   LTD ", "2024-01-05", 2], ["acme\u00a0ltd", "2024-01-05", 3], ["ＡＣＭＥ Ltd", "2024-01-05", 4], ["Acme\tLtd", "2024-01-05", 5], ["Acme Ltd.", "2024-01-05", 6]],
    used: [
      ["Acme Ltd", "2024-01-05", 1, 2],
      ["Acme Ltd", "2024-01-05", 2, 3],
      ["Acme Ltd", "2024-01-05", 3, 4],
      ["Acme Ltd", "2024-01-05", 4, 5],
      ["Acme Ltd", "2024-01-05", 5, 6],
      ["Acme Ltd.", "2024-01-05", 6, 7],
    ],
    customers: ["Acme Ltd", "Acme Ltd."],
    excluded: [],
  },
  {
    name: "numeric customer ids: 17850, '17850', '17850.0' and ' 17850 ' are one key; '017850' is another",
    grid: [H, [17850, "2024-01-05", 1], ["17850", "2024-01-05", 2], ["17850.0", "2024-01-05", 3], [" 17850 ", "2024-01-05", 4], ["017850", "2024-01-05", 5], [17850.0, "2024-01-05", 6]],
    used: [
      ["17850", "2024-01-05", 1, 2],
      ["17850", "2024-01-05", 2, 3],
      ["17850", "2024-01-05", 3, 4],
      ["17850", "2024-01-05", 4, 5],
      ["017850", "2024-01-05", 5, 6],
      ["17850", "2024-01-05", 6, 7],
    ],
    customers: ["17850", "017850"],
    excluded: [],
  },
  {
    name: "mapping override by header text (normalised) picks another customer column",
    grid: [["Customer", "Client Name", "Date", "Amount"], ["C1", "Acme", "2024-01-05", 1]],
    options: { map: { customer: "client_name" } },
    used: [["Acme", "2024-01-05", 1, 2]],
    excluded: [],
    check: (l) => expect(l.mapping.customer).toBe("Client Name"),
  },
  {
    name: "mapping override by 0-based index, for headers no synonym knows",
    grid: [["Kunde", "Datum", "Betrag"], ["Acme", "2024-01-05", 9]],
    options: { map: { customer: 0, date: 1, amount: 2 } },
    used: [["Acme", "2024-01-05", 9, 2]],
    excluded: [],
    check: (l) => expect(l.mapping).toEqual({ customer: "Kunde", date: "Datum", amount: "Betrag" }),
  },
  {
    name: "a mapping override naming a header that does not exist is a badArgument naming it",
    grid: [H, ["A", "2024-01-05", 1]],
    options: { map: { amount: "Net Total" } },
    problem: { code: "badArgument", path: "map.amount", message: [/no column headed 'Net Total' for amount/, /Headers found: 'Customer', 'Date', 'Amount'/] },
  },
  {
    name: "a mapping override by an index outside the header is a badArgument",
    grid: [H, ["A", "2024-01-05", 1]],
    options: { map: { amount: 7 } },
    problem: { code: "badArgument", path: "map.amount", message: [/column index 7 for amount is outside the 3 columns/] },
  },
  {
    name: "mapping quantity and unit price explicitly uses their product even with an Amount column",
    grid: [["Customer", "Date", "Amount", "Qty", "Price"], ["A", "2024-01-05", 999, 2, 3]],
    options: { map: { quantity: "Qty", unitPrice: "Price" } },
    used: [["A", "2024-01-05", 6, 2]],
    excluded: [],
  },
  {
    name: "headerRow shifts sheet row numbers (header on row 5: first data row is 6)",
    grid: [H, ["A", "2024-01-05", 1], ["", "2024-01-05", 1]],
    options: { headerRow: 5 },
    used: [["A", "2024-01-05", 1, 6]],
    excluded: [[7, "customer is blank", "Customer is blank"]],
  },
  {
    name: "keepExcludedPerReason keeps the first rows of each reason but counts all",
    grid: [H, ["", "2024-01-05", 1], ["", "2024-01-05", 1], ["", "2024-01-05", 1], ["A", "", 1]],
    options: { keepExcludedPerReason: 2 },
    used: [],
    excluded: [
      [2, "customer is blank", "Customer is blank"],
      [3, "customer is blank", "Customer is blank"],
      [5, "date is blank", "Date is blank"],
    ],
    check: (l) => expect(l.excludedCounts).toEqual({ "customer is blank": 3, "date is blank": 1 }),
  },
  {
    name: "optional columns: unreadable values and error cells become missing, never exclude, and are noted",
    grid: [
      ["Customer", "Date", "Amount", "Due Date", "Paid Amount", "Balance", "Cost"],
      ["A", "2024-01-05", 10, "2024-02-05", 4, "6", "(1.5)"],
      ["A", "2024-01-06", 20, "soon", "#N/A", "", "x"],
      ["A", "2024-01-07", 30, "#REF!", "abc", "1,2,3", 3],
      ["", "2024-01-08", 40, "never", "bad", "bad", "bad"],
    ],
    used: [
      ["A", "2024-01-05", 10, 2],
      ["A", "2024-01-06", 20, 3],
      ["A", "2024-01-07", 30, 4],
    ],
    excluded: [[5, "customer is blank", "Customer is blank"]],
    notes: [
      /^dueDate \(Due Date\): 1 cell with an error value \(row 4\); read as missing\.$/,
      /^dueDate \(Due Date\): 1 cell not a date \(row 3\); read as missing\.$/,
      /^paidAmount \(Paid Amount\): 1 cell with an error value \(row 3\)/,
      /^paidAmount \(Paid Amount\): 1 cell not a number \(row 4\)/,
      /^balance \(Balance\): 1 cell not a number \(row 4\)/,
      /^cost \(Cost\): 1 cell not a number \(row 3\)/,
    ],
    check: (l) => {
      expect(Array.from(l.dueDay ?? [])).toEqual([dayFromYmd(2024, 2, 5), NO_DAY, NO_DAY]);
      expect(Array.from(l.paidAmount ?? [])).toEqual([4, NaN, NaN]);
      expect(Array.from(l.balance ?? [])).toEqual([6, NaN, NaN]);
      expect(Array.from(l.cost ?? [])).toEqual([-1.5, NaN, 3]);
    },
  },
  {
    name: "currency column with two values: noted, per-row codes, case-insensitive",
    grid: [["Customer", "Date", "Amount", "Currency"], ["A", "2024-01-05", 1, "USD"], ["B", "2024-01-05", 2, "eur"], ["C", "2024-01-05", 3, " usd "]],
    used: [
      ["A", "2024-01-05", 1, 2],
      ["B", "2024-01-05", 2, 3],
      ["C", "2024-01-05", 3, 4],
    ],
    excluded: [],
    notes: [/currency \(Currency\): 2 currencies \(USD, EUR\); amounts are not converted/],
    check: (l) => {
      expect(l.currencies).toEqual(["USD", "EUR"]);
      expect(Array.from(l.currency ?? [])).toEqual([0, 1, 0]);
    },
  },
  {
    name: "segmentBy (mapped by the user): values merge case-insensitively, blanks get their own segment",
    grid: [["Customer", "Date", "Amount", "Region", "区域"], ["A", "2024-01-05", 1, "North", "华北"], ["B", "2024-01-05", 2, "NORTH ", "华北"], ["C", "2024-01-05", 3, "", "华东"]],
    options: { map: { segmentBy: "Region" } },
    used: [
      ["A", "2024-01-05", 1, 2],
      ["B", "2024-01-05", 2, 3],
      ["C", "2024-01-05", 3, 4],
    ],
    excluded: [],
    check: (l) => {
      expect(l.segments).toEqual(["North", "(blank)"]);
      expect(Array.from(l.segment ?? [])).toEqual([0, 0, 1]);
      expect(l.mapping.segmentBy).toBe("Region");
    },
  },
  {
    name: "segmentBy is not auto-detected",
    grid: [["Customer", "Date", "Amount", "Region"], ["A", "2024-01-05", 1, "North"]],
    used: [["A", "2024-01-05", 1, 2]],
    excluded: [],
    check: (l) => {
      expect(l.segment).toBeUndefined();
      expect(l.mapping.segmentBy).toBeUndefined();
    },
  },
  {
    name: "credit limit and contract end are per customer: the last non-blank value in row order",
    grid: [["Customer", "Date", "Amount", "Credit Limit", "Contract End"], ["A", "2024-01-05", 1, 1000, "2025-01-01"], ["B", "2024-01-05", 1, "", ""], ["A", "2024-01-06", 1, "2,000.00", ""], ["A", "2024-01-07", 1, "", "2026-06-30"]],
    used: [
      ["A", "2024-01-05", 1, 2],
      ["B", "2024-01-05", 1, 3],
      ["A", "2024-01-06", 1, 4],
      ["A", "2024-01-07", 1, 5],
    ],
    excluded: [],
    check: (l) => {
      expect(Array.from(l.creditLimit ?? [])).toEqual([2000, NaN]);
      expect(Array.from(l.contractEnd ?? [])).toEqual([dayFromYmd(2026, 6, 30), NO_DAY]);
    },
  },
  {
    name: "invoice numbers are kept as text (numbers as Excel shows them, '536365.0' as '536365')",
    grid: [["Invoice No", "Customer", "Date", "Amount"], [536365, "A", "2024-01-05", 1], ["C536379", "A", "2024-01-05", -1], ["536365.0", "A", "2024-01-05", 2], ["", "A", "2024-01-05", 3]],
    used: [
      ["A", "2024-01-05", 1, 2],
      ["A", "2024-01-05", -1, 3],
      ["A", "2024-01-05", 2, 4],
      ["A", "2024-01-05", 3, 5],
    ],
    excluded: [],
    check: (l) => expect(l.invoice).toEqual(["536365", "C536379", "536365", ""]),
  },
  {
    name: "CSV-style string cells (Online Retail shape) with auto-detected headers",
    grid: [
      ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
      ["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6", "2010-12-01 08:26", "2.55", "17850", "United Kingdom"],
      ["C536379", "D", "Discount", "-1", "2010-12-01 09:41", "27.5", "14527", "United Kingdom"],
      ["536414", "22139", "", "56", "2010-12-01 11:52", "0", "", "United Kingdom"],
    ],
    used: [
      ["17850", "2010-12-01", 6 * 2.55, 2],
      ["14527", "2010-12-01", -27.5, 3],
    ],
    excluded: [[4, "customer is blank", "CustomerID is blank"]],
    check: (l) => expect(l.mapping).toEqual({ customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity", unitPrice: "UnitPrice", invoice: "InvoiceNo" }),
  },
  {
    name: "rows shorter or longer than the header",
    grid: [H, ["A", "2024-01-05"], ["A", "2024-01-05", 5, "extra", "cells"]],
    used: [["A", "2024-01-05", 5, 3]],
    excluded: [[2, "amount is blank", "Amount is blank"]],
  },
  {
    name: "impossible options are badArgument problems",
    grid: [H],
    options: { headerRow: 0 },
    problem: { code: "badArgument", path: "headerRow", message: [/headerRow must be a sheet row number/] },
  },
];

describe("ledger ingestion: bad-input corpus", () => {
  test("the corpus has at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if (c.problem) {
      const { code, path, row, message } = c.problem;
      const ingest = () => ingestGrid(c.grid, c.options);
      expect(ingest).toThrowProblem(code, { ...(path !== undefined && { path }), ...(row !== undefined && { row }) });
      for (const re of message) expect(ingest).toThrowProblem(code, { message: re });
      return;
    }
    const l = ingestGrid(c.grid, c.options);
    if (c.used) expect(usedRows(l)).toEqual(c.used);
    if (c.excluded) expect(l.excluded.map((e) => [e.row, e.reason, e.detail])).toEqual(c.excluded);
    if (c.customers) expect(l.customers).toEqual(c.customers);
    if (c.asOf) expect(l.asOf).toBe(c.asOf === "NO_DAY" ? NO_DAY : dayFromYmd(+c.asOf.slice(0, 4), +c.asOf.slice(5, 7), +c.asOf.slice(8, 10)));
    for (const re of c.notes ?? []) expect(l.notes.some((n) => re.test(n)) ? re : l.notes).toEqual(re);
    // The accounting identity holds for every case.
    expect(l.read).toBe(Math.max(0, c.grid.length - 1));
    expect(l.used + excludedTotal(l)).toBe(l.read);
    expect(l.customer.length).toBe(l.used);
    expect(l.day.length).toBe(l.used);
    expect(l.amount.length).toBe(l.used);
    expect(l.sourceRow.length).toBe(l.used);
    c.check?.(l);
  });
});

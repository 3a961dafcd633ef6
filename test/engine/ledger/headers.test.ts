/** Column detection from headers (SPEC §1 field table). */
import { detectColumns, FIELD_DEFS, normalizeHeader } from "../../../src/engine/ledger";
import type { Field } from "../../../src/engine/ledger";

describe("detectColumns", () => {
  test("every synonym in the SPEC §1 table maps its field, in English and Chinese", () => {
    const table: [Field, string[]][] = [
      ["customer", ["Customer", "Customer ID", "Client", "Account", "Company", "客户", "客户名称", "客户编号", "客户ID", "单位名称", "公司"]],
      ["date", ["Date", "Invoice Date", "Order Date", "InvoiceDate", "日期", "开票日期", "订单日期", "交易日期"]],
      ["amount", ["Amount", "Revenue", "Sales", "Net Amount", "Total", "Value", "金额", "销售额", "收入", "含税金额", "价税合计"]],
      ["quantity", ["Quantity", "Qty", "数量"]],
      ["unitPrice", ["UnitPrice", "Price", "单价"]],
      ["invoice", ["Invoice", "Invoice No", "Order ID", "发票号", "单号", "订单号"]],
      ["dueDate", ["Due Date", "到期日", "应收日期"]],
      ["paidDate", ["Paid Date", "Payment Date", "回款日期", "收款日期"]],
      ["paidAmount", ["Paid", "Paid Amount", "Received", "已收金额", "回款金额"]],
      ["balance", ["Balance", "Outstanding", "Open Amount", "未收金额", "应收余额"]],
      ["cost", ["Cost", "COGS", "成本"]],
      ["creditLimit", ["Credit Limit", "信用额度"]],
      ["contractEnd", ["Contract End", "Renewal Date", "合同到期日"]],
      ["currency", ["Currency", "币种"]],
    ];
    for (const [field, headers] of table) {
      for (const h of headers) {
        const d = detectColumns(["x", h]);
        expect([h, d.mapping[field]]).toEqual([h, 1]);
      }
    }
  });

  test("no two fields share an exact synonym", () => {
    const owner = new Map<string, Field>();
    for (const def of FIELD_DEFS) {
      for (const s of def.synonyms) {
        const k = normalizeHeader(s);
        const prev = owner.get(k);
        expect(prev === undefined || prev === def.field ? "ok" : `${s}: ${prev} and ${def.field}`).toBe("ok");
        owner.set(k, def.field);
      }
    }
  });

  test("matching ignores case, spaces, punctuation, underscores and full width", () => {
    const d = detectColumns(["CUSTOMER_ID", "invoice-date", " Net  Amount ", "ＱＴＹ"]);
    expect(d.mapping).toEqual({ customer: 0, date: 1, amount: 2, quantity: 3 });
  });

  test("bracketed units and header endings: 'Sales Amount (USD)', '金额（元）', 'Ship Date', 'Net Invoice Amount'", () => {
    expect(detectColumns(["Client", "Ship Date", "Sales Amount (USD)"]).mapping).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(detectColumns(["客户", "日期", "金额（元）"]).mapping).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(detectColumns(["Customer Code", "Posting Date", "Net Invoice Amount"]).mapping).toEqual({ customer: 0, date: 1, amount: 2 });
  });

  test("exact synonyms beat partial matches, whatever the column order", () => {
    // 'Total Sales Value' only ends with a stem; 'Amount' is exact.
    expect(detectColumns(["Customer", "Date", "Total Sales Value x", "Gross Sales", "Amount"]).mapping.amount).toBe(4);
    // 'Due Date' is exactly dueDate, so it cannot be taken as the date; 'Invoice Date' is the date.
    expect(detectColumns(["Due Date", "Customer", "Invoice Date", "Amount"]).mapping).toMatchObject({ dueDate: 0, date: 2 });
  });

  test("words that change the meaning block partial matches: 'Tax Amount' is not the amount, 'Sales Rep' is not sales", () => {
    const d = detectColumns(["Customer", "Date", "Tax Amount", "Sales Rep"]);
    expect(d.mapping.amount).toBeUndefined();
    expect(d.missing).toEqual(["amount"]);
    expect(detectColumns(["Customer Type", "Date", "Amount"]).mapping.customer).toBeUndefined();
  });

  test("money columns go to their own fields: paid, balance, cost, credit limit are not the amount", () => {
    const d = detectColumns(["Customer", "Date", "Paid Amount", "Amount Due", "COGS", "Credit Limit", "Amount"]);
    expect(d.mapping).toEqual({ customer: 0, date: 1, paidAmount: 2, balance: 3, cost: 4, creditLimit: 5, amount: 6 });
  });

  test("duplicate headers: the first wins, a note names both columns; another fitting header is noted too", () => {
    const d = detectColumns(["Customer", "Date", "Amount", "amount", "Client"]);
    expect(d.mapping).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(d.notes).toEqual([
      "'Client' (column 5) also fits customer; 'Customer' (column 1) is used (map customer to choose another).",
      "Duplicate header 'Amount' (columns 3 and 4): the first is used for amount.",
    ]);
    expect(d.candidates.customer).toEqual([0, 4]);
    expect(d.candidates.amount).toEqual([2, 3]);
  });

  test("missing: amount is satisfied by quantity + unit price, not by one of them", () => {
    expect(detectColumns(["Customer", "Date", "Qty", "Unit Price"]).missing).toEqual([]);
    expect(detectColumns(["Customer", "Date", "Qty"]).missing).toEqual(["amount"]);
    expect(detectColumns(["Foo"]).missing).toEqual(["customer", "date", "amount"]);
  });

  test("segmentBy is never detected, but likely columns are offered as candidates", () => {
    const d = detectColumns(["Customer", "Date", "Amount", "Region", "销售员", "Industry", "Country", "区域", "行业", "Notes"]);
    expect(d.mapping.segmentBy).toBeUndefined();
    expect(d.candidates.segmentBy).toEqual([3, 4, 5, 6, 7, 8]);
  });

  test("user map: by header (normalised) or index; it takes the column away from other fields", () => {
    const d = detectColumns(["Customer", "Client", "Date", "Amount", "Region"], { customer: "CLIENT", segmentBy: 4 });
    expect(d.mapping).toEqual({ customer: 1, date: 2, amount: 3, segmentBy: 4 });
    const e = detectColumns(["Customer", "Date", "Amount", "Total"], { amount: "Total" });
    expect(e.mapping.amount).toBe(3);
    // A column mapped by the user to one field is not auto-assigned to another.
    const f = detectColumns(["Customer", "Date", "Amount"], { customer: "Amount" });
    expect(f.mapping.customer).toBe(2);
    expect(f.mapping.amount).toBeUndefined();
    expect(f.missing).toEqual(["amount"]);
  });

  test("user map: an empty header text unmaps a field", () => {
    const d = detectColumns(["Customer", "Date", "Amount", "Balance"], { balance: "" });
    expect(d.mapping.balance).toBeUndefined();
  });

  test("user map errors are badArgument problems naming the header or index", () => {
    expect(() => detectColumns(["Customer", "Date", "Amount"], { customer: "Kunde" })).toThrowProblem("badArgument", { path: "map.customer", message: /'Kunde'/ });
    expect(() => detectColumns(["Customer", "Date", "Amount"], { date: -1 })).toThrowProblem("badArgument", { path: "map.date" });
    expect(() => detectColumns(["Customer", "Date", "Amount"], { date: 1.5 })).toThrowProblem("badArgument");
    expect(() => detectColumns(["Customer", "Date", "Amount"], { nonsense: 1 } as never)).toThrowProblem("badArgument", { path: "map.nonsense" });
  });

  test("headers are trimmed text; numbers and blanks are kept in place", () => {
    const d = detectColumns([" Customer ", 2024, null, "Date", "Amount"]);
    expect(d.headers).toEqual(["Customer", "2024", "", "Date", "Amount"]);
    expect(d.mapping).toEqual({ customer: 0, date: 3, amount: 4 });
  });
});

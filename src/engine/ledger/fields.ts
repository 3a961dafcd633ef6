/**
 * The ledger fields — ONE table (`LEDGER_FIELDS`) from which the `Field` type, ingestion, the CLI's `--map` names
 * and help, and the pane's Columns page and labels are derived. Add a field here and every face learns it.
 *
 * Each entry says how its cells are read (`kind`), whether every ledger needs it, whether it is a per-customer value
 * (`perCustomer`), and the headers that name it (docs/metrics.md#reading-a-ledger, plus common variants from ERP and
 * e-commerce exports). Headers are compared after `normalizeHeader`, so `Customer ID`, `customer_id`, `CUSTOMER-ID` and
 * `ＣｕｓｔｏｍｅｒＩＤ` are one synonym.
 *
 * Matching tiers (see headers.ts): a header equal to a synonym; a header equal to a synonym once bracketed
 * parts are dropped (`Amount (USD)`, `金额（元）`); a header that ends with one of the field's `suffixStems`
 * (`Net Invoice Amount` is an amount, `Ship Date` a date — the head noun comes last in English and Chinese);
 * a header that starts with one of its `prefixStems` (`Customer Code`, `客户代码`, `Invoice Ref`). A stem match
 * is dropped when the header contains one of the field's `notWith` words (`Tax Amount` is not the amount).
 */
export interface FieldDef {
  field: string;
  /** Shown in messages and the mapping UI (English; the pane translates by `field`). */
  label: string;
  /**
   * How cells are read: `customer` (the customer key), `date` (a calendar day), `number`, `text` (kept as written:
   * invoice numbers), `category` (a short list of values: currency, segment).
   */
  kind: FieldKind;
  /** Required for every ledger. `amount` is also satisfied by quantity + unitPrice. */
  required: boolean;
  /** quantity and unit price: the amount is their product when there is no amount column. */
  amountPart?: boolean;
  /** One value per customer (the last non-blank one in row order), not per row. */
  perCustomer?: boolean;
  /** Typical headers, as a user writes them (used in messages; normalised for matching). */
  synonyms: readonly string[];
  suffixStems?: readonly string[];
  prefixStems?: readonly string[];
  notWith?: readonly string[];
  /** Never mapped automatically (segmentBy): matches are only offered as candidates. */
  candidatesOnly?: boolean;
}

/** Words that make a money header something other than the invoice amount. */
const NOT_THE_AMOUNT = ["tax", "vat", "discount", "paid", "received", "due", "outstanding", "balance", "open", "cost", "credit", "limit", "unit", "price", "税", "折扣", "已收", "回款", "收款", "未收", "余额", "成本", "信用", "额度", "单价"];

export const LEDGER_FIELDS = [
  {
    field: "customer",
    label: "customer",
    kind: "customer",
    required: true,
    synonyms: [
      "Customer", "Customer ID", "Customer Name", "Customer No", "Customer Number", "Customer Code", "CustomerID",
      "Client", "Client Name", "Client ID", "Account", "Account Name", "Account ID", "Company", "Company Name",
      "Buyer", "Sold-to", "Sold-to Party", "Payer", "Bill-to",
      "客户", "客户名称", "客户名", "客户编号", "客户编码", "客户代码", "客户ID", "客户简称", "单位名称", "公司", "公司名称",
      "购买方", "购买方名称", "购货单位", "购方名称", "买方",
    ],
    prefixStems: ["customer", "client", "客户"],
    suffixStems: ["customer", "client", "客户", "客户名称"],
    notWith: ["type", "group", "segment", "class", "country", "city", "region", "manager", "service", "类型", "类别", "分类", "等级", "地区", "区域", "经理", "国家", "城市"],
  },
  {
    field: "date",
    label: "date",
    kind: "date",
    required: true,
    synonyms: [
      "Date", "Invoice Date", "Order Date", "InvoiceDate", "Transaction Date", "Txn Date", "Posting Date", "Document Date",
      "Doc Date", "Sale Date", "Sales Date", "Billing Date", "Ship Date", "Date Time", "Timestamp",
      "日期", "开票日期", "订单日期", "交易日期", "单据日期", "销售日期", "下单日期", "记账日期", "业务日期", "发票日期", "交易时间", "下单时间",
    ],
    suffixStems: ["date", "datetime", "日期", "时间"],
    notWith: ["due", "paid", "payment", "receipt", "settle", "contract", "renewal", "expiry", "expire", "end", "birth", "到期", "回款", "收款", "付款", "到账", "合同", "续约", "截止", "出生"],
  },
  {
    field: "amount",
    label: "amount",
    kind: "number",
    required: true,
    synonyms: [
      "Amount", "Revenue", "Sales", "Net Amount", "Total", "Value", "Net Sales", "Sales Amount", "Invoice Amount",
      "Line Amount", "Line Total", "Total Amount", "Gross Amount", "Total Price", "Extended Price", "Ext Price",
      "Net Value", "Turnover", "Order Amount", "Order Total",
      "金额", "销售额", "收入", "含税金额", "价税合计", "销售金额", "总金额", "发票金额", "开票金额", "不含税金额", "营业收入",
      "订单金额", "合计金额", "销售收入",
    ],
    suffixStems: ["amount", "revenue", "sales", "total", "金额", "销售额", "收入", "合计"],
    notWith: NOT_THE_AMOUNT,
  },
  {
    field: "quantity",
    label: "quantity",
    kind: "number",
    required: false,
    amountPart: true,
    synonyms: ["Quantity", "Qty", "Units", "Quantity Ordered", "Order Qty", "数量", "销售数量", "件数"],
    suffixStems: ["quantity", "qty", "数量"],
  },
  {
    field: "unitPrice",
    label: "unit price",
    kind: "number",
    required: false,
    amountPart: true,
    synonyms: ["Unit Price", "UnitPrice", "Price", "Price Each", "Sales Price", "单价", "含税单价", "销售单价", "不含税单价"],
    suffixStems: ["unitprice", "price", "单价"],
    notWith: ["total", "extended", "line", "合计", "总"],
  },
  {
    field: "invoice",
    label: "invoice",
    kind: "text",
    required: false,
    synonyms: [
      "Invoice", "Invoice No", "InvoiceNo", "Invoice Number", "Invoice ID", "Invoice Num", "Order ID", "Order No",
      "Order Number", "Document No", "Doc No", "Bill No",
      "发票号", "发票号码", "单号", "订单号", "单据号", "单据编号", "订单编号", "发票编号",
    ],
    prefixStems: ["invoice", "发票"],
    notWith: ["date", "amount", "total", "value", "日期", "金额"],
  },
  {
    field: "dueDate",
    label: "due date",
    kind: "date",
    required: false,
    synonyms: ["Due Date", "Payment Due Date", "Due", "Due On", "DueDate", "到期日", "应收日期", "到期日期", "付款到期日", "约定收款日期", "应收款到期日"],
    suffixStems: ["duedate", "到期日"],
    notWith: ["contract", "合同"],
  },
  {
    field: "paidDate",
    label: "paid date",
    kind: "date",
    required: false,
    synonyms: ["Paid Date", "Payment Date", "Date Paid", "Receipt Date", "Settlement Date", "Paid On", "回款日期", "收款日期", "付款日期", "实际回款日期", "到账日期"],
    suffixStems: ["paiddate", "paymentdate", "回款日期", "收款日期"],
  },
  {
    field: "paidAmount",
    label: "paid amount",
    kind: "number",
    required: false,
    synonyms: ["Paid", "Paid Amount", "Amount Paid", "Received", "Amount Received", "Payment", "Payment Amount", "已收金额", "回款金额", "收款金额", "已回款", "实收金额", "已收款"],
    suffixStems: ["paidamount", "amountpaid", "received", "回款金额", "已收金额"],
  },
  {
    field: "balance",
    label: "balance",
    kind: "number",
    required: false,
    synonyms: [
      "Balance", "Outstanding", "Open Amount", "Amount Due", "Balance Due", "Outstanding Amount", "Open Balance",
      "Unpaid", "Unpaid Amount", "Total Due", "Receivable", "未收金额", "应收余额", "余额", "应收账款", "未回款金额", "欠款", "未收款",
    ],
    suffixStems: ["balance", "outstanding", "余额", "未收金额"],
  },
  {
    field: "cost",
    label: "cost",
    kind: "number",
    required: false,
    synonyms: ["Cost", "COGS", "Cost of Goods Sold", "Total Cost", "Cost Amount", "成本", "销售成本", "成本金额"],
    suffixStems: ["cost", "cogs", "成本"],
    notWith: ["unit", "单位", "单价"],
  },
  {
    field: "creditLimit",
    label: "credit limit",
    kind: "number",
    required: false,
    perCustomer: true,
    synonyms: ["Credit Limit", "Credit Line", "CreditLimit", "信用额度", "授信额度", "信用限额"],
  },
  {
    field: "contractEnd",
    label: "contract end",
    kind: "date",
    required: false,
    perCustomer: true,
    synonyms: ["Contract End", "Contract End Date", "Renewal Date", "Contract Expiry", "Contract Expiry Date", "合同到期日", "合同到期日期", "合同截止日期", "续约日期"],
  },
  {
    field: "currency",
    label: "currency",
    kind: "category",
    required: false,
    synonyms: ["Currency", "Curr", "Currency Code", "CCY", "币种", "货币", "币别"],
  },
  {
    field: "segmentBy",
    label: "segment",
    kind: "category",
    required: false,
    candidatesOnly: true,
    synonyms: [
      "Region", "Sales Rep", "Salesperson", "Sales Person", "Rep", "Industry", "Country", "Segment", "Channel", "Territory",
      "City", "State", "Province", "Market", "Category", "Team", "Customer Type", "Customer Group", "Customer Segment",
      "区域", "地区", "大区", "销售员", "业务员", "销售代表", "行业", "国家", "渠道", "城市", "省份", "部门", "分类", "客户类型", "客户分类",
    ],
    suffixStems: ["region", "industry", "country", "segment", "channel", "区域", "地区", "行业", "渠道"],
  },
] as const satisfies readonly FieldDef[];

/** How a field's cells are read (see `FieldDef.kind`). */
export type FieldKind = "customer" | "date" | "number" | "text" | "category";

/** Fields a ledger column can be mapped to, from the table above. */
export type Field = (typeof LEDGER_FIELDS)[number]["field"];

/** A field's definition with its name typed as a `Field`. */
export type LedgerFieldDef = FieldDef & { field: Field };

/** The table as plain definitions, in order. */
export const FIELD_DEFS: readonly LedgerFieldDef[] = LEDGER_FIELDS;

/** Field definitions by field. */
export const FIELD_DEF: Readonly<Record<Field, LedgerFieldDef>> = Object.fromEntries(FIELD_DEFS.map((d) => [d.field, d])) as Record<Field, LedgerFieldDef>;

/** Every field name, in table order (the CLI's `--map` names and help, the pane's Columns page). */
export const FIELD_NAMES: readonly Field[] = FIELD_DEFS.map((d) => d.field);

/** Fields every ledger needs (customer, date, amount). */
export const REQUIRED_FIELDS: readonly Field[] = FIELD_DEFS.filter((d) => d.required).map((d) => d.field);

/** Fields a ledger may have; quantity and unit price stand in for a missing amount. */
export const OPTIONAL_FIELDS: readonly Field[] = FIELD_DEFS.filter((d) => !d.required).map((d) => d.field);

/** Fields whose cells are dates. */
export const DATE_FIELDS: readonly Field[] = FIELD_DEFS.filter((d) => d.kind === "date").map((d) => d.field);

/** True when `name` is a ledger field (e.g. a `--map` key or a saved setting). */
export function isField(name: unknown): name is Field {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(FIELD_DEF, name);
}

/**
 * The comparison form of a header: NFKC (full-width to ASCII), lower case, and no white space, punctuation,
 * symbols or underscores.
 * @example normalizeHeader(" Customer_ID ") === "customerid"
 * @example normalizeHeader("客户 名称") === "客户名称"
 */
export function normalizeHeader(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
}

/**
 * `normalizeHeader` after dropping bracketed parts — units and notes such as `(USD)`, `（元）`, `[k€]`, `【含税】`.
 * @example normalizeHeaderCore("Amount (USD)") === "amount"
 */
export function normalizeHeaderCore(text: string): string {
  return normalizeHeader(text.normalize("NFKC").replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, ""));
}

/** Normalised synonyms per field, for matching. */
export const NORMALIZED_SYNONYMS: Readonly<Record<Field, ReadonlySet<string>>> = Object.fromEntries(
  FIELD_DEFS.map((d) => [d.field, new Set(d.synonyms.map(normalizeHeader))]),
) as unknown as Record<Field, ReadonlySet<string>>;

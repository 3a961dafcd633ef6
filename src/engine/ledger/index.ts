/**
 * Ledger ingestion (docs/metrics.md#reading-a-ledger): field detection, cell parsers, customer keys, and the columnar
 * builder.
 */
export * from "./types";
export * from "./cells";
export * from "./fields";
export * from "./headers";
export * from "./parse-number";
export * from "./parse-date";
export * from "./customer-key";
export * from "./ingest";
export * from "./group-columns";
export * from "./rows";

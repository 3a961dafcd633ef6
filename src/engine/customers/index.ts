/** Per-customer aggregates: the layer between the ledger and the metrics (every metric reads a CustomerBase). */
export { aggregateCustomers, GRID_MONTHS_AFTER_DATA } from "./base";
export type { CustomerBase, CustomerRows } from "./base";

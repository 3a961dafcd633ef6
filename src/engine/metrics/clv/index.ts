/**
 * Customer lifetime value, deterministic forms (docs/metrics.md#customer-lifetime-value). The probabilistic models live
 * in src/engine/models.
 */
export { simpleClv } from "./simple";
export { discountedClv } from "./discounted";

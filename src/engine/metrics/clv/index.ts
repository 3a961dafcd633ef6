/** Customer lifetime value, deterministic forms (SPEC §4). The probabilistic models live in src/engine/models. */
export { simpleClv } from "./simple";
export { discountedClv } from "./discounted";

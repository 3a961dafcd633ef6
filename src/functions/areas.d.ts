/** Types of areas.js (plain CommonJS so that webpack.config.js can use it without a TypeScript step). */
export const AREAS: readonly string[];
export function areaFiles(root: string): string[];
export function areaLocaleFiles(root: string, locale: string): string[];

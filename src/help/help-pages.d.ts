/** Types of help-pages.js (plain CommonJS so that webpack.config.js can use it without a TypeScript step). */
import type { FunctionsMetadata } from "../functions/locale/localize";

export const CSP: string;
export function functionAnchor(id: string): string;
export function markdownPage(markdown: string, opts: { title: string; lang?: string }): string;
export function functionsSummaryZh(metadata: FunctionsMetadata, reference: string): string;
export function withHelpUrls(metadata: FunctionsMetadata, base: string, pageName: string): FunctionsMetadata;

/** Types of localize.js (plain CommonJS so that webpack.config.js can use it without a TypeScript step). */
export interface FunctionsMetadata {
  functions: Array<{
    id: string;
    name: string;
    description?: string;
    parameters: Array<{ name: string; description?: string; [key: string]: unknown }>;
    [key: string]: unknown;
  }>;
  [key: string]: unknown;
}

export interface LocaleEntry {
  name?: string;
  description: string;
  parameters?: Record<string, { name: string; description: string }>;
}

export type LocaleFile = Record<string, LocaleEntry>;

export function localeGaps(metadata: FunctionsMetadata, overrides: LocaleFile): string[];
export function localizeFunctionsMetadata(metadata: FunctionsMetadata, overrides: LocaleFile, locale: string): FunctionsMetadata;

export function readLocaleFiles(files: string[]): LocaleFile;

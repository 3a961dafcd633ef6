/**
 * The shape of the report catalogue. An area's messages are one object per language: English first, and the
 * Chinese object typed from it (`Translation<typeof en>`), so a missing key, an extra key or a message taking other
 * arguments fails to compile. A message is a plain string, or a function of named arguments and the language's
 * formatter (numbers, money, plurals), so each language words its own counts and amounts.
 */
import type { Fmt } from "./format";

export type Message = string | ((args: any, f: Fmt) => string);
export interface Messages {
  readonly [key: string]: Message | Messages;
}

/** What the Chinese (any further) catalogue must provide for an English one: the same keys and signatures. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (args: infer A, f: Fmt) => string
      ? (args: A, f: Fmt) => string
      : Translation<T[K]>;
};

/** The catalogue as callers use it: strings stay strings, messages take their named arguments only. */
export type Bound<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (args: infer A, f: Fmt) => string
      ? unknown extends A
        ? () => string
        : (args: A) => string
      : Bound<T[K]>;
};

export interface AreaMessages<T extends Messages> {
  readonly en: T;
  readonly "zh-CN": Translation<T>;
}

/**
 * Declares one area's messages in both languages. The Chinese object is checked against the English one by the
 * compiler (missing or extra keys, different arguments); `test/engine/i18n` checks the rest (no untranslated
 * English, the same placeholders).
 */
export function defineMessages<T extends Messages>(area: { en: T; "zh-CN": NoInfer<Translation<T>> }): AreaMessages<T> {
  return area;
}

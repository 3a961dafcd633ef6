/**
 * `expect(fn).toThrowProblem(code, where?)`: `fn` throws a KaProblem with this code and, when given, this
 * `path`, `row`, `column` or `message` (a string is compared exactly, a RegExp matched; `messageContains` lists
 * parts it must contain). It fails when `fn`
 * returns normally — unlike a try/catch around the call, which passes when nothing throws — and re-reports any
 * other exception. For a promise: `await expect(promise).rejects.toThrowProblem(code, where)` (a promise that
 * resolves fails). Registered for every test file by jest.config.js (setupFilesAfterEnv).
 *
 * @example expect(() => dso(100, 0)).toThrowProblem("divideByZero", { path: "revenue" });
 * @example await expect(openCsvLedger(missing)).rejects.toThrowProblem("fileUnreadable", { path: missing });
 */
import { KaProblem, type Problem, type ProblemCode } from "../../src/engine/problems";

export interface ProblemWhere {
  path?: string;
  row?: number;
  column?: number;
  message?: string | RegExp;
  /** Parts the message must contain (file paths and other text with regular-expression characters). */
  messageContains?: string | string[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toThrowProblem(code: ProblemCode, where?: ProblemWhere): R;
    }
  }
}

function describeProblem(p: Problem): string {
  const where = (["path", "row", "column"] as const).filter((k) => p[k] !== undefined).map((k) => `${k} ${JSON.stringify(p[k])}`);
  return `${p.code}${where.length ? ` (${where.join(", ")})` : ""}: ${p.message}`;
}

/** Which expected parts differ from the problem; empty when it matches. */
function mismatches(p: Problem, code: ProblemCode, where: ProblemWhere): string[] {
  const out: string[] = [];
  if (p.code !== code) out.push(`code ${p.code}, expected ${code}`);
  for (const k of ["path", "row", "column"] as const) {
    if (k in where && p[k] !== where[k]) out.push(`${k} ${JSON.stringify(p[k])}, expected ${JSON.stringify(where[k])}`);
  }
  const m = where.message;
  if (m !== undefined && !(typeof m === "string" ? p.message === m : m.test(p.message))) out.push(`message ${JSON.stringify(p.message)}, expected ${String(m)}`);
  for (const part of [where.messageContains ?? []].flat()) {
    if (!p.message.includes(part)) out.push(`message ${JSON.stringify(p.message)}, expected it to contain ${JSON.stringify(part)}`);
  }
  return out;
}

export function toThrowProblem(this: jest.MatcherContext, received: unknown, code: ProblemCode, where: ProblemWhere = {}): jest.CustomMatcherResult {
  let thrown: unknown;
  let threw = false;
  if (this.promise === "rejects") {
    threw = true; // .rejects hands over the rejection reason
    thrown = received;
  } else {
    if (typeof received !== "function") throw new Error("toThrowProblem expects a function: expect(() => call()).toThrowProblem(...), or a promise with .rejects");
    try {
      received();
    } catch (e) {
      threw = true;
      thrown = e;
    }
  }
  const expected = `${code}${Object.keys(where).length ? ` ${JSON.stringify(where, (_k, v) => (v instanceof RegExp ? String(v) : v))}` : ""}`;
  if (!threw) return { pass: false, message: () => `expected a KaProblem ${expected}, but nothing was thrown` };
  if (!(thrown instanceof KaProblem)) {
    return { pass: false, message: () => `expected a KaProblem ${expected}, but ${thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown)} was thrown` };
  }
  const diff = mismatches(thrown.problem, code, where);
  return diff.length === 0
    ? { pass: true, message: () => `expected no KaProblem ${expected}, but got ${describeProblem(thrown.problem)}` }
    : { pass: false, message: () => `expected a KaProblem ${expected}, got ${describeProblem(thrown.problem)}: ${diff.join("; ")}` };
}

expect.extend({ toThrowProblem });

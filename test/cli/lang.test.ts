/** `--lang`: parsed and checked; the default language comes from the locale variables (main's env). */
import { parseArgs, UsageError } from "../../src/cli/args";

describe("ka analyze --lang", () => {
  test("en and zh-CN are accepted; anything else is a usage error naming the flag", () => {
    const a = parseArgs(["analyze", "--lang", "zh-CN"]);
    expect(a.kind === "analyze" && a.args.lang).toBe("zh-CN");
    const b = parseArgs(["analyze", "--lang=en"]);
    expect(b.kind === "analyze" && b.args.lang).toBe("en");
    const c = parseArgs(["analyze"]);
    expect(c.kind === "analyze" && c.args.lang).toBeUndefined();
    expect(() => parseArgs(["analyze", "--lang", "fr"])).toThrow(UsageError);
    expect(() => parseArgs(["analyze", "--lang", "fr"])).toThrow("--lang must be en or zh-CN, got 'fr'");
  });
});

import { problem } from "../../problems";

/** Key-account tier (docs/metrics.md#account-risk). */
export type Tier = "Strategic" | "Key" | "General";

/** Tiering rules: Strategic needs share ≥ `strategicShare` and YoY growth ≥ `strategicMinYoy`. */
export interface TierRules {
  strategicShare: number;
  strategicMinYoy: number;
}

export const DEFAULT_TIER_RULES: Readonly<TierRules> = Object.freeze({ strategicShare: 0.05, strategicMinYoy: 0 });

/**
 * Tier of one account (docs/metrics.md#account-risk): Strategic when its revenue share ≥ 5 % and its YoY growth ≥ 0 %;
 * else Key when its ABC class is A; else General. Shares and growth are fractions (0.05 = 5 %). A customer without a
 * share (net revenue ≤ 0, NaN) is never Strategic. When YoY is unknown (NaN: less than two years of history, or no
 * revenue in the earlier year) the growth condition cannot be checked and is dropped — a large young account is
 * Strategic on its share alone — rather than demoting it for lack of history.
 *
 * @example accountTier(0.08, 0.1, "A") // "Strategic"
 * @example accountTier(0.08, -0.02, "A") // "Key"
 * @throws KaProblem outOfRange when a rule is not finite or the share rule is outside 0–1.
 */
export function accountTier(share: number, yoy: number, abc: string, rules: TierRules = DEFAULT_TIER_RULES): Tier {
  checkTierRules(rules);
  const growthOk = Number.isNaN(yoy) || yoy >= rules.strategicMinYoy;
  if (share >= rules.strategicShare && growthOk) return "Strategic";
  if (abc === "A") return "Key";
  return "General";
}

export function checkTierRules(rules: TierRules): void {
  if (!(rules.strategicShare >= 0 && rules.strategicShare <= 1)) {
    throw problem("outOfRange", `strategicShare: ${rules.strategicShare} is outside 0–1`, { path: "strategicShare" });
  }
  if (!Number.isFinite(rules.strategicMinYoy)) throw problem("outOfRange", `strategicMinYoy: ${rules.strategicMinYoy} is not a number`, { path: "strategicMinYoy" });
}

/** Tiers of n customers from share, YoY (optional) and ABC class columns. */
export function accountTiers(share: ArrayLike<number>, yoy: ArrayLike<number> | undefined, abc: ArrayLike<string>, rules: TierRules = DEFAULT_TIER_RULES): Tier[] {
  checkTierRules(rules);
  const out: Tier[] = new Array(share.length);
  for (let c = 0; c < share.length; c++) out[c] = accountTier(share[c], yoy ? yoy[c] : NaN, abc[c], rules);
  return out;
}

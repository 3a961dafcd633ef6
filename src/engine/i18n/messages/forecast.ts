/**
 * The forecast (issue 13): which model and why, the backtest and the intervals — sentences of the CLV stage's
 * warnings, KA Forecast and KA About.
 */
import type { DropoutModel, FitState, ModelChoice } from "../../forecast/choice";
import type { RepeatModelName } from "../../models/repeat-model";
import { defineMessages } from "../define";
import type { Fmt } from "../format";

const MODEL_EN: Record<RepeatModelName, string> = { bgnbd: "BG/NBD", paretonbd: "Pareto/NBD", nbd: "NBD (no dropout)" };
const MODEL_ZH: Record<RepeatModelName, string> = { bgnbd: "BG/NBD", paretonbd: "Pareto/NBD", nbd: "NBD（无流失）" };

function stateEn(n: DropoutModel, s: FitState): string {
  switch (s) {
    case "ok":
      return `${MODEL_EN[n]} fits`;
    case "notFitted":
      return `${MODEL_EN[n]} could not be fitted`;
    case "notConverged":
      return `${MODEL_EN[n]} did not converge`;
    case "noDropout":
      return `${MODEL_EN[n]} finds no dropout (${n === "bgnbd" ? "a → 0" : "s → 0 or β → ∞"})`;
  }
}
function stateZh(n: DropoutModel, s: FitState): string {
  switch (s) {
    case "ok":
      return `${MODEL_ZH[n]} 拟合成功`;
    case "notFitted":
      return `${MODEL_ZH[n]} 无法拟合`;
    case "notConverged":
      return `${MODEL_ZH[n]} 未收敛`;
    case "noDropout":
      return `${MODEL_ZH[n]} 看不出客户流失（${n === "bgnbd" ? "流失概率趋于 0" : "流失率趋于 0"}）`;
  }
}

function choiceEn(c: ModelChoice, f: Fmt): string {
  const other = (n: DropoutModel): DropoutModel => (n === "bgnbd" ? "paretonbd" : "bgnbd");
  const prefix = c.requested ? `${MODEL_EN[c.requested]} was chosen, but ${stateEn(c.requested, c.state[c.requested]).replace(`${MODEL_EN[c.requested]} `, "it ")}. ` : "";
  switch (c.criterion) {
    case "forced":
      return `${MODEL_EN[c.name]}, as chosen by the user.`;
    case "noDropout":
      return `${prefix}${stateEn("bgnbd", c.state.bgnbd)} and ${stateEn("paretonbd", c.state.paretonbd)}: the ledger does not identify customer dropout (often a history too short for it). Expected purchases and CLV use the NBD limit (no dropout); P(alive) = 1 is an assumption of that limit, not an estimate, so churn alerts use recency instead.`;
    case "only": {
      const n = c.name as DropoutModel;
      return `${prefix}${MODEL_EN[n]}: ${stateEn(other(n), c.state[other(n)])}.`;
    }
    case "holdout": {
      const n = c.name as DropoutModel;
      const mae = c.mae as Record<DropoutModel, number>;
      return `${prefix}${MODEL_EN[n]}: lower hold-out error — mean absolute error ${f.num(mae[n], 3)} vs ${f.num(mae[other(n)], 3)} purchases per customer (${MODEL_EN[other(n)]}) over the ${f.int(c.holdoutCustomers ?? 0)} customers of the calibration period.`;
    }
    case "bic": {
      const n = c.name as DropoutModel;
      const b = c.bic as Record<DropoutModel, number>;
      return `${prefix}${MODEL_EN[n]}: lower BIC on the full ledger (${f.num(b[n], 1)} vs ${f.num(b[other(n)], 1)} for ${MODEL_EN[other(n)]}; no hold-out test ran).`;
    }
  }
}
function choiceZh(c: ModelChoice, f: Fmt): string {
  const other = (n: DropoutModel): DropoutModel => (n === "bgnbd" ? "paretonbd" : "bgnbd");
  const prefix = c.requested ? `已指定 ${MODEL_ZH[c.requested]}，但${stateZh(c.requested, c.state[c.requested]).replace(`${MODEL_ZH[c.requested]} `, "该模型")}。` : "";
  switch (c.criterion) {
    case "forced":
      return `${MODEL_ZH[c.name]}（由用户指定）。`;
    case "noDropout":
      return `${prefix}${stateZh("bgnbd", c.state.bgnbd)}，${stateZh("paretonbd", c.state.paretonbd)}：这份台账无法识别客户流失（通常是历史太短）。预计购买次数和 CLV 采用 NBD 极限（无流失）；P(alive) = 1 是该极限的假设而非估计，因此流失预警改用最近购买间隔。`;
    case "only": {
      const n = c.name as DropoutModel;
      return `${prefix}${MODEL_ZH[n]}：${stateZh(other(n), c.state[other(n)])}。`;
    }
    case "holdout": {
      const n = c.name as DropoutModel;
      const mae = c.mae as Record<DropoutModel, number>;
      return `${prefix}${MODEL_ZH[n]}：留出期误差更小——在校准期的 ${f.int(c.holdoutCustomers ?? 0)} 个客户上，每客户购买次数的平均绝对误差为 ${f.num(mae[n], 3)}，${MODEL_ZH[other(n)]} 为 ${f.num(mae[other(n)], 3)}。`;
    }
    case "bic": {
      const n = c.name as DropoutModel;
      const b = c.bic as Record<DropoutModel, number>;
      return `${prefix}${MODEL_ZH[n]}：全台账的贝叶斯信息准则更低（${f.num(b[n], 1)}，${MODEL_ZH[other(n)]} 为 ${f.num(b[other(n)], 1)}；未做留出期检验）。`;
    }
  }
}

/** A fit's problem (models/*.ts and the backtest write it in English) in Chinese; an unknown one as written. */
const PROBLEM_ZH: readonly (readonly [RegExp, string])[] = [
  [/^the fit did not converge$/, "拟合未收敛"],
  [/^dropout not identified \(a → 0\)$/, "无法识别客户流失（a 趋于 0）"],
  [/^dropout not identified \(s → 0 or β → ∞\)$/, "无法识别客户流失（s 趋于 0 或 β 趋于 ∞）"],
  [/^(.+) needs at least (\d+) customers with a purchase; there (?:is|are) (\d+)$/, "$1 至少需要 $2 个有购买的客户，目前有 $3 个"],
  [/^(.+) needs at least one customer with a repeat purchase \(every frequency is 0\).*$/, "$1 需要至少一个有复购的客户（所有复购次数都为 0）"],
  [/^(.+) needs some customer observed for a while.*$/, "$1 需要有客户被观察一段时间（所有 T 都为 0）"],
  [/^Gamma-Gamma needs at least (\d+) customers with a repeat purchase and positive spend; there (?:is|are) (\d+)$/, "Gamma-Gamma 至少需要 $1 个有复购且消费为正的客户，目前有 $2 个"],
  [/^No customer bought in the calibration period \(up to (\S+)\): nothing to backtest$/, "校准期（截至 $1）内没有客户购买：无法回测"],
  [/^the calibration end (\S+) is not between the first purchase \((\S+)\) and the as-of date \((\S+)\)$/, "校准期结束日期 $1 不在首次购买（$2）与分析日期（$3）之间"],
];
function problemZh(why: string): string {
  for (const [pattern, zh] of PROBLEM_ZH) if (pattern.test(why)) return why.replace(pattern, zh);
  return why;
}

export const forecast = defineMessages({
  en: {
    model: { ...MODEL_EN },
    choice: (c: ModelChoice, f: Fmt) => choiceEn(c, f),
    /** The CLV stage's warning that names the model and the reason. */
    modelWarning: (c: ModelChoice, f: Fmt) => `Forecast model: ${choiceEn(c, f)}`,
    notFitted: (a: { model: RepeatModelName; why: string }) => `${MODEL_EN[a.model]} not fitted: ${a.why}.`,
    /** A fit's problem as the models wrote it. */
    problem: (a: { why: string }) => a.why,
    gammaGammaUnusable: "Gamma-Gamma fit did not converge or has q ≤ 1 (expected spend undefined): expected spend and CLV are left blank.",
    noIntervals: (a: { model: RepeatModelName }) => `No forecast intervals: the ${MODEL_EN[a.model]} fit has no usable standard errors (its information matrix is not positive definite).`,
    noClvIntervals: "No CLV intervals: the Gamma-Gamma fit has no usable standard errors.",
    backtestNotRun: (a: { why: string }) => `Forecast backtest not run: ${a.why}.`,
    backtestModelFailed: (a: { model: RepeatModelName; why: string }) => `Backtest: ${MODEL_EN[a.model]} on the calibration period — ${a.why}.`,
    noModel: "No repeat-purchase model gives a usable fit (not even the NBD, which must converge): P(alive), expected purchases and CLV are left blank rather than shown from an unreliable fit; churn alerts use recency.",
    intervalsNote: (a: { draws: number; seed: number }, f: Fmt) =>
      `The 90 % intervals (… low, … high) show how far each forecast moves with the models' estimation error: ${f.int(a.draws)} parameter sets are drawn from each fitted model's sampling distribution (log-normal around the estimates, covariance from the observed information), seed ${f.int(a.seed)} so a re-run gives the same intervals; each customer's value is computed under every draw and the interval runs from the 5th to the 95th percentile. They do not include the randomness of the customer's own future purchases.`,
    nbdNote: "NBD limit: the ledger does not identify customer dropout, so expected purchases assume nobody leaves; P(alive) = 1 (and its interval) is that assumption, not an estimate. Churn alerts use recency instead.",
    backtestNote: (a: { calibrationEnd: number; holdoutEnd: number; customers: number; period: "week" | "month" }, f: Fmt) =>
      `Each model was fitted on the ledger up to ${f.date(a.calibrationEnd)} (calibration) and its forecast for the ${f.int(a.customers)} customers who had bought by then compared with their purchases from then to ${f.date(a.holdoutEnd)} (hold-out). A purchase is a day with a positive net amount, as the models count them. Tracking is cumulative by ${a.period === "week" ? "week" : "calendar month"}.`,
    recencyNote: (a: { multiple: number; median: number }, f: Fmt) =>
      `Churn by recency (used when no model estimates P(alive)): a customer is flagged when the days since its last purchase exceed ${f.num(a.multiple, 1)} × its typical gap between purchases ((last − first purchase) ÷ (purchases − 1)); with one purchase, the ledger's median typical gap (${f.num(a.median, 1)} days).`,
  },
  "zh-CN": {
    model: { ...MODEL_ZH },
    choice: (c: ModelChoice, f: Fmt) => choiceZh(c, f),
    modelWarning: (c: ModelChoice, f: Fmt) => `预测模型：${choiceZh(c, f)}`,
    notFitted: (a: { model: RepeatModelName; why: string }) => `${MODEL_ZH[a.model]} 未能拟合：${problemZh(a.why)}。`,
    problem: (a: { why: string }) => problemZh(a.why),
    gammaGammaUnusable: "Gamma-Gamma 拟合未收敛或 q ≤ 1（预计客单价无定义）：预计客单价和 CLV 留空。",
    noIntervals: (a: { model: RepeatModelName }) => `无预测区间：${MODEL_ZH[a.model]} 拟合没有可用的标准误（信息矩阵非正定）。`,
    noClvIntervals: "无 CLV 区间：Gamma-Gamma 拟合没有可用的标准误。",
    backtestNotRun: (a: { why: string }) => `未做预测回测：${problemZh(a.why)}。`,
    backtestModelFailed: (a: { model: RepeatModelName; why: string }) => `回测：${MODEL_ZH[a.model]} 在校准期上——${problemZh(a.why)}。`,
    noModel: "没有任何复购模型得到可用的拟合（NBD 也须收敛）：P(alive)、预计购买次数和 CLV 留空，不以不可靠的拟合结果显示；流失预警改用最近购买间隔。",
    intervalsNote: (a: { draws: number; seed: number }, f: Fmt) =>
      `90% 区间（下限、上限）显示各项预测随模型估计误差的变动幅度：从每个拟合模型的抽样分布（以估计值为中心的对数正态分布，协方差取自观测信息矩阵）中抽取 ${f.int(a.draws)} 组参数，随机种子为 ${f.int(a.seed)}，重算结果相同；对每组参数计算每个客户的值，区间取第 5 至第 95 百分位。区间不含客户自身未来购买的随机性。`,
    nbdNote: "NBD 极限：这份台账无法识别客户流失，预计购买次数按无人流失计算；P(alive) = 1（及其区间）是这一假设而非估计。流失预警改用最近购买间隔。",
    backtestNote: (a: { calibrationEnd: number; holdoutEnd: number; customers: number; period: "week" | "month" }, f: Fmt) =>
      `各模型用截至 ${f.date(a.calibrationEnd)} 的台账拟合（校准期），并将其对当时已购买的 ${f.int(a.customers)} 个客户的预测与他们此后至 ${f.date(a.holdoutEnd)} 的实际购买比较（留出期）。购买按模型的口径计：净额为正的一天。累计跟踪按${a.period === "week" ? "周" : "自然月"}。`,
    recencyNote: (a: { multiple: number; median: number }, f: Fmt) =>
      `按最近购买间隔判断流失（没有模型能估计 P(alive) 时使用）：距上次购买的天数超过该客户常规购买间隔（（末次 − 首次购买）÷（购买次数 − 1））的 ${f.num(a.multiple, 1)} 倍即预警；只购买过一次的客户用全台账常规间隔的中位数（${f.num(a.median, 1)} 天）。`,
  },
});

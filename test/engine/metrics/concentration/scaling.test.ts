/**
 * Share arithmetic near the top of the number range: amounts are divided by a power of two before summing
 * (sumScale), which is exact, so the shares of amounts × 2^k are the very same numbers as the shares of the amounts.
 */
import { abcClasses, concentrationRatio, gini, hhi, lorenz, pareto, sumScale } from "../../../../src/engine/metrics/concentration";
import { coefficientOfVariation, relativeTrend } from "../../../../src/engine/metrics/stability";
import { netRevenueRetention } from "../../../../src/engine/metrics/retention/rates";

const amounts = [1234.5, 99.25, 5000, 0.75, 42, -30, 777];
const huge = amounts.map((v) => v * 2 ** 1010); // the largest is about 5e307: scaled (sumScale ≠ 1)

test("sumScale: 1 for money, the power of two at the largest |value| near 1e308", () => {
  expect(sumScale(amounts)).toBe(1);
  expect(sumScale([1e308, -1.7e308])).toBe(2 ** 1023);
  expect(sumScale([3], [2 ** 961])).toBe(2 ** 961);
  expect(sumScale(huge)).toBe(2 ** 1022);
});

test("HHI, Gini, CR, Pareto, ABC and Lorenz of amounts × 2^1010 equal those of the amounts exactly", () => {
  expect(hhi(huge)).toBe(hhi(amounts));
  expect(gini(huge)).toBe(gini(amounts));
  expect(concentrationRatio(huge, 2)).toBe(concentrationRatio(amounts, 2));
  expect(pareto(huge, 0.9)).toEqual(pareto(amounts, 0.9));
  expect(abcClasses(huge, 0.7, 0.9)).toEqual(abcClasses(amounts, 0.7, 0.9));
  expect(Array.from(lorenz(huge).y)).toEqual(Array.from(lorenz(amounts).y));
});

test("volatility, trend and NRR of scaled values equal those of the values exactly", () => {
  const months = [120, 80.5, 0, 300, 95.25];
  const big = months.map((v) => v * 2 ** 1015);
  const tiny = months.map((v) => v * 2 ** -1000);
  expect(coefficientOfVariation(big)).toBe(coefficientOfVariation(months));
  expect(relativeTrend(big)).toBe(relativeTrend(months));
  expect(coefficientOfVariation(tiny)).toBe(coefficientOfVariation(months));
  expect(netRevenueRetention([1e308, 1e308], [1.5e308, 0.25e308])).toBe(netRevenueRetention([1, 1], [1.5, 0.25]));
});

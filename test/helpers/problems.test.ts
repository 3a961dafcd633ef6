/** The toThrowProblem matcher itself: it passes only when the expected KaProblem is thrown. */
import { problem } from "../../src/engine/problems";

const throwsBadRow = () => {
  throw problem("badArgument", "lossRates: row 2 is blank", { path: "lossRates", row: 2 });
};

test("passes on the code and every given part; .not passes on a different one", () => {
  expect(throwsBadRow).toThrowProblem("badArgument");
  expect(throwsBadRow).toThrowProblem("badArgument", { path: "lossRates", row: 2, message: "lossRates: row 2 is blank" });
  expect(throwsBadRow).toThrowProblem("badArgument", { message: /row 2/ });
  expect(throwsBadRow).toThrowProblem("badArgument", { messageContains: ["lossRates:", "is blank"] });
  expect(throwsBadRow).not.toThrowProblem("outOfRange");
});

test("fails when nothing is thrown, on another code, row or message, and on an exception that is not a problem", () => {
  expect(() => expect(() => 1).toThrowProblem("badArgument")).toThrow("nothing was thrown");
  expect(() => expect(throwsBadRow).toThrowProblem("outOfRange")).toThrow("code badArgument, expected outOfRange");
  expect(() => expect(throwsBadRow).toThrowProblem("badArgument", { row: 3 })).toThrow("row 2, expected 3");
  expect(() => expect(throwsBadRow).toThrowProblem("badArgument", { message: /row 3/ })).toThrow('message "lossRates: row 2 is blank", expected /row 3/');
  expect(() => expect(throwsBadRow).toThrowProblem("badArgument", { messageContains: "row 3" })).toThrow('expected it to contain "row 3"');
  expect(() =>
    expect(() => {
      throw new TypeError("boom");
    }).toThrowProblem("badArgument"),
  ).toThrow("TypeError: boom");
});

test("a promise: .rejects checks the rejection; a resolved promise fails", async () => {
  await expect(Promise.reject(problem("fileUnreadable", "cannot read x", { path: "x" }))).rejects.toThrowProblem("fileUnreadable", { path: "x" });
  await expect(expect(Promise.resolve(1)).rejects.toThrowProblem("fileUnreadable")).rejects.toThrow(/resolved/);
  await expect(expect(Promise.reject(problem("noRows", "none"))).rejects.toThrowProblem("fileUnreadable")).rejects.toThrow("code noRows, expected fileUnreadable");
});

/**
 * Online Retail's one year does not identify dropout: the Pareto/NBD and BG/NBD fits report the no-dropout boundary
 * from their score tests without searching. Here the full searches (forced by giving them a start) run too, and must
 * not find a more likely point than the boundary that was reported.
 */
import * as fs from "fs";
import * as path from "path";
import { LedgerBuilder } from "../../../src/engine/ledger";
import { customerSummary } from "../../../src/engine/models";
import { fitNbd } from "../../../src/engine/models/nbd";
import { dropoutScore as bgnbdDropoutScore, fitBgNbd } from "../../../src/engine/models/bgnbd";
import { dropoutScore, fitParetoNbd } from "../../../src/engine/models/paretonbd";
import { openLedgerFile } from "../../../src/workbook/xlsx";

const DATA = path.resolve(__dirname, "../../../../shared/data/online-retail.csv.gz");

(fs.existsSync(DATA) ? describe : describe.skip)("Pareto/NBD on Online Retail (no dropout identified)", () => {
  let data: { x: Float64Array; tx: Float64Array; T: Float64Array };
  beforeAll(async () => {
    const src = await openLedgerFile(DATA);
    const b = new LedgerBuilder(src.header, { headerRow: src.headerRow, date1904: src.date1904, delimiter: src.text?.delimiter, expectedRows: src.estimatedRows });
    src.onlyColumns?.(b.columnsRead);
    for await (const chunk of src.rows) for (const row of chunk) b.push(row);
    const l = b.finish();
    let last = 0;
    for (let i = 0; i < l.used; i++) last = Math.max(last, l.day[i]);
    const s = customerSummary({ customer: l.customer.subarray(0, l.used), day: l.day.subarray(0, l.used), amount: l.amount.subarray(0, l.used), nCustomers: l.customers.length }, { asOf: last, unit: "week" });
    data = { x: s.x, tx: s.tx, T: s.T };
  }, 60_000);

  it("the score at the NBD estimates is ≤ 0; the boundary is reported with the NBD's r and α and its log-likelihood (1e-6)", () => {
    const nbd = fitNbd(data);
    const ok = Array.from(data.x, (x) => !Number.isNaN(x));
    const keep = <T extends Float64Array>(a: T) => Float64Array.from(a.filter((_, i) => ok[i]));
    const T = keep(data.T);
    const maxT = Math.max(...T);
    const scaled = { x: keep(data.x), tx: keep(data.tx).map((v) => v / maxT), T: T.map((v) => v / maxT), w: new Float64Array(T.length).fill(1) };
    expect(dropoutScore(scaled, nbd.params.r, nbd.params.alpha / maxT)).toBeLessThanOrEqual(0);
    const quick = fitParetoNbd(data);
    expect(quick.noDropout).toBe(true);
    expect(quick.converged).toBe(false);
    expect(quick.params.r).toBeCloseTo(nbd.params.r, 10);
    expect(Math.abs(quick.logLikelihood - nbd.logLikelihood)).toBeLessThan(1e-6 * Math.abs(nbd.logLikelihood));
  });

  it("the full search from the usual start ends no higher than the reported boundary (0.01 in log-likelihood)", () => {
    const quick = fitParetoNbd(data);
    const searched = fitParetoNbd(data, { init: { r: 1, alpha: 1, s: 1, beta: 1 } });
    expect(searched.noDropout).toBe(true);
    expect(searched.logLikelihood).toBeLessThanOrEqual(quick.logLikelihood + 0.01);
  });

  it("BG/NBD: the score at the NBD estimates is ≤ 0 for every b; the a → 0 boundary is reported with the NBD's r, α and log-likelihood (1e-6)", () => {
    const nbd = fitNbd(data);
    const ok = Array.from(data.x, (x) => !Number.isNaN(x));
    const keep = <T extends Float64Array>(a: T) => Float64Array.from(a.filter((_, i) => ok[i]));
    const patterns = { x: keep(data.x), tx: keep(data.tx), T: keep(data.T), w: new Float64Array(ok.filter(Boolean).length).fill(1) };
    for (const b of [0, 1e-3, 0.1, 1, 10, 1000, 1e6, Infinity]) expect(bgnbdDropoutScore(patterns, nbd.params.r, nbd.params.alpha)(b)).toBeLessThanOrEqual(0);
    const quick = fitBgNbd(data);
    expect(quick.converged).toBe(false);
    expect(quick.params.a).toBeLessThan(1e-6);
    expect(quick.params.r).toBeCloseTo(nbd.params.r, 10);
    expect(Math.abs(quick.logLikelihood - nbd.logLikelihood)).toBeLessThan(1e-6 * Math.abs(nbd.logLikelihood));
  });

  it("BG/NBD: the full search from the usual start ends no higher than the reported boundary (0.01 in log-likelihood)", () => {
    const quick = fitBgNbd(data);
    const searched = fitBgNbd(data, { init: { r: 1, alpha: 1, a: 1, b: 1 } });
    expect(searched.logLikelihood).toBeLessThanOrEqual(quick.logLikelihood + 0.01);
  });
});

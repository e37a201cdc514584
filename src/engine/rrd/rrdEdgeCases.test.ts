/**
 * Hand-checkable cases and bad input for the rrd functions: the oracle files cover the real
 * behaviour; these pin the off-by-one rules on tiny arrays and prove nothing throws.
 */
import { rrdCount, rrdGraphRows, rrdGraphStep } from './rrdRows';
import { rrdReduceAverage } from './rrdReduceAverage';
import { rrdDurationRows } from './rrdDurationRows';
import { rrdLsl } from './rrdLsl';
import { rrdLimit, rrdLslProjection, rrdLslThresholdTimes, rrdVdefFirst, rrdVdefLast } from './rrdLslProjection';
import { rrdTrend, rrdTrendNan } from './rrdTrend';
import { rrdPredict, rrdPredictPerc, rrdPredictShifts, rrdPredictSigma, rrdPredictSpec } from './rrdPredict';
import { expectAllClose, expectClose } from './testing/oracleClose';

const S = 1000;
const STEP = 300 * S;
const f64 = (a: number[]): Float64Array => Float64Array.from(a);

describe('rrdDurationRows', () => {
  it('rounds up like rrdtool', () => {
    expect([1800, 900, 1000, 400, 0].map((s) => rrdDurationRows(s * S, STEP))).toEqual([6, 3, 4, 2, 0]);
  });
  it('is NaN for a negative duration or a bad step', () => {
    expect(rrdDurationRows(-1, STEP)).toBeNaN();
    expect(rrdDurationRows(STEP, 0)).toBeNaN();
    expect(rrdDurationRows(NaN, STEP)).toBeNaN();
  });
});

describe('rrdLsl', () => {
  it('uses the row index as x and keeps the index of NaN and ±Inf rows', () => {
    const fit = rrdLsl(f64([1, NaN, 3, Infinity, 5]));
    expectClose(fit.slope, 1, 'slope');
    expectClose(fit.intercept, 1, 'intercept');
    expectClose(fit.correl, 1, 'correl');
    expect(fit.n).toBe(3);
  });
  it('measures x from `from`, so the intercept is the fitted value at row `from`', () => {
    const fit = rrdLsl(f64([100, -100, 5, 7, 9, 100]), 2, 5);
    expectClose(fit.slope, 2, 'slope');
    expectClose(fit.intercept, 5, 'intercept');
    expect(fit.n).toBe(3);
  });
  it('returns NaN instead of throwing on empty, single and constant input', () => {
    expect(rrdLsl(f64([]))).toEqual({ slope: NaN, intercept: NaN, correl: NaN, n: 0 });
    expect(rrdLsl(f64([NaN, NaN])).n).toBe(0);
    expect(rrdLsl(f64([4])).slope).toBeNaN();
    const flat = rrdLsl(f64([2, 2, 2]));
    expect(flat.slope).toBe(0);
    expect(flat.intercept).toBe(2);
    expect(flat.correl).toBeNaN();
    expect(rrdLsl(f64([1, 2]), 5, 1).n).toBe(0);
  });
});

describe('projection, LIMIT, FIRST/LAST', () => {
  it('projects one step ahead: int + slope·(i+1)', () => {
    expectAllClose(rrdLslProjection({ slope: 2, intercept: 10 }, 3), f64([12, 14, 16]), 'proj', 0);
    expect(rrdCount(3)).toEqual(f64([1, 2, 3]));
  });
  it('LIMIT keeps both ends and drops unknown or infinite values and bounds', () => {
    expectAllClose(rrdLimit(f64([1, 2, 3, 4, NaN, Infinity]), 2, 3), f64([NaN, 2, 3, NaN, NaN, NaN]), 'limit', 0);
    expectAllClose(rrdLimit(f64([1, 2]), NaN, 3), f64([NaN, NaN]), 'NaN bound', 0);
    expectAllClose(rrdLimit(f64([1, 2]), -Infinity, 3), f64([NaN, NaN]), 'infinite bound', 0);
  });
  it('FIRST reports the start of the row interval, LAST its end', () => {
    const v = f64([NaN, 5, 6, NaN]);
    expect(rrdVdefFirst(v, 10 * STEP, STEP)).toEqual({ row: 1, value: 5, time: 10 * STEP });
    expect(rrdVdefLast(v, 10 * STEP, STEP)).toEqual({ row: 2, value: 6, time: 12 * STEP });
    expect(rrdVdefFirst(f64([NaN]), 0, STEP)).toEqual({ row: -1, value: NaN, time: null });
    expect(rrdVdefLast(f64([]), 0, STEP)).toEqual({ row: -1, value: NaN, time: null });
  });
  it('gives the crossing time S + step·i* for the first row i* inside [lo, hi]', () => {
    // y = k on rows stamped S+300k: slope 1, intercept 1, proj_i = i + 2; proj reaches 10 at i* = 8.
    const y = f64(Array.from({ length: 20 }, (_, i) => i + 1));
    const t = rrdLslThresholdTimes(rrdLsl(y), y.length, STEP, STEP, 10, 15);
    expect(t.first.row).toBe(8);
    expect(t.first.time).toBe(8 * STEP);
    expect(t.last.row).toBe(13);
    expect(t.last.time).toBe(14 * STEP);
  });
  it('never reaches a threshold behind a NaN fit', () => {
    const t = rrdLslThresholdTimes(rrdLsl(f64([])), 5, 0, STEP, 0, 1);
    expect(t.first.time).toBeNull();
    expect(t.last.time).toBeNull();
  });
});

describe('TREND / TRENDNAN', () => {
  const v = f64([1, 2, 3, NaN, 5, 6]);
  it('averages the current row and the windowRows−1 before it', () => {
    expectAllClose(rrdTrend(v, 2), f64([NaN, 1.5, 2.5, NaN, NaN, 5.5]), 'trend', 0);
    expectAllClose(rrdTrendNan(v, 2), f64([NaN, 1.5, 2.5, 3, 5, 5.5]), 'trendnan', 0);
    expectAllClose(rrdTrendNan(f64([NaN, NaN, 1]), 2), f64([NaN, NaN, 1]), 'all-NaN window', 0);
  });
  it('returns all NaN for a window below one row, and empty for empty input', () => {
    expectAllClose(rrdTrend(v, 0), f64(Array(6).fill(NaN)), 'w=0', 0);
    expectAllClose(rrdTrend(v, NaN), f64(Array(6).fill(NaN)), 'w=NaN', 0);
    expect(rrdTrendNan(f64([]), 3).length).toBe(0);
  });
});

describe('PREDICT family', () => {
  it('expands the negative-count form to 0, B, …, (n−1)B and keeps explicit lists', () => {
    expect(rrdPredictShifts([86400], -3)).toEqual([0, 86400, 172800]);
    expect(rrdPredictShifts([600, 300], 2)).toEqual([600, 300]);
  });
  it('rejects what rrdtool rejects with an empty shift list', () => {
    expect(rrdPredictShifts([1, 2], 3)).toEqual([]);
    expect(rrdPredictShifts([1, 2], -2)).toEqual([]);
    expect(rrdPredictShifts([-300], 1)).toEqual([]);
    expect(rrdPredictShifts([300], 0)).toEqual([]);
    expect(rrdPredictShifts([NaN], -2)).toEqual([]);
    expect(rrdPredictSpec([300 * S], 1, -5, STEP)).toEqual({ shiftRows: [], windowSteps: 0 });
  });
  it('reads rows j = i+1−m−l with 2 ≤ j ≤ i+1 (shift 0 reads the next row)', () => {
    const y = f64([10, 20, 30, 40, 50]);
    // shift 0, window 0: row i reads row i+1, but never rows 0 and 1 and nothing past the end.
    expectAllClose(rrdPredict(y, { shiftRows: [0], windowSteps: 0 }), f64([NaN, 30, 40, 50, NaN]), 'shift 0', 0);
    // shift 1 row, window 1 step: rows i and i−1.
    expectAllClose(rrdPredict(y, { shiftRows: [1], windowSteps: 1 }), f64([NaN, NaN, 30, 35, 45]), 'shift 1', 0);
  });
  it('PREDICTSIGMA is the sample SD and needs two values', () => {
    const y = f64([0, 0, 2, 4, 4, 4]); // row i reads rows i and i−1 (never rows 0, 1)
    expectAllClose(
      rrdPredictSigma(y, { shiftRows: [1], windowSteps: 1 }),
      f64([NaN, NaN, NaN, Math.SQRT2, 0, 0]),
      'sigma',
      1e-12
    );
  });
  it('PREDICTPERC interpolates for p > 0 and rounds half away from zero for p < 0', () => {
    const y = f64([0, 0, 1, 2, 3, 4, 9]);
    const spec = { shiftRows: [1], windowSteps: 3 }; // row 5 reads rows 5, 4, 3, 2 → [1, 2, 3, 4]
    expect(rrdPredictPerc(y, spec, 50)[5]).toBe(2.5);
    expect(rrdPredictPerc(y, spec, -50)[5]).toBe(3); // index round(1.5) = 2
    expect(rrdPredictPerc(y, spec, 100)[5]).toBe(4);
    expect(rrdPredictPerc(y, spec, 0)[5]).toBe(1);
    expect(rrdPredictPerc(y, spec, 101)[5]).toBeNaN();
    expect(rrdPredictPerc(y, spec, NaN)[5]).toBeNaN();
  });
  it('returns all NaN for an empty spec and empty arrays for empty input', () => {
    const y = f64([1, 2, 3, 4]);
    expectAllClose(rrdPredict(y, { shiftRows: [], windowSteps: 1 }), f64(Array(4).fill(NaN)), 'no shifts', 0);
    expect(rrdPredictSigma(f64([]), { shiftRows: [0], windowSteps: 1 }).length).toBe(0);
  });
});

describe('rrdGraphRows', () => {
  const series = { start: STEP, step: STEP, values: f64([1, 2, 3, 4, 5, 6]) };
  it('holds rows S+step … E+step and prints S+step … E', () => {
    const rows = rrdGraphRows(series, { start: STEP, end: 4 * STEP });
    expect(rows.firstRowTime).toBe(2 * STEP);
    expectAllClose(rows.values, f64([2, 3, 4, 5]), 'values', 0);
    expect([rows.printedFrom, rows.printedCount]).toEqual([0, 3]);
  });
  it('moves row 0 to defStart + step and marks missing rows NaN', () => {
    const rows = rrdGraphRows(series, { start: 3 * STEP, end: 8 * STEP, defStart: 0 });
    expect(rows.firstRowTime).toBe(STEP);
    expectAllClose(rows.values, f64([1, 2, 3, 4, 5, 6, NaN, NaN, NaN]), 'values', 0);
    expect([rows.printedFrom, rows.printedCount]).toEqual([3, 5]);
  });
  it('returns empty rows for a bad range or step, and NaN rows for an off-grid series', () => {
    expect(rrdGraphRows(series, { start: 4 * STEP, end: STEP }).values.length).toBe(0);
    expect(rrdGraphRows({ ...series, step: 0 }, { start: 0, end: STEP }).values.length).toBe(0);
    expect(rrdGraphRows(series, { start: NaN, end: STEP }).printedCount).toBe(0);
    const off = rrdGraphRows({ ...series, start: STEP + 1 }, { start: 0, end: 2 * STEP });
    expectAllClose(off.values, f64([NaN, NaN, NaN]), 'off grid', 0);
  });
  it('picks the graph step like rrdtool: 40 days at width 400 is 8700 s', () => {
    expect(rrdGraphStep(0, 40 * 86400 * S, 400, STEP)).toBe(8700 * S);
    expect(rrdGraphStep(0, 86400 * S, 288, STEP)).toBe(STEP);
    expect(rrdGraphStep(0, 86400 * S, 288, STEP, 3600 * S)).toBe(3600 * S);
    expect(rrdGraphStep(0, 86400 * S, 0, STEP)).toBeNaN();
  });
});

describe('rrdReduceAverage', () => {
  it('averages the non-NaN rows of each aligned group; partial groups at either end are NaN', () => {
    // Rows stamped 300..2400 s (fetch interval (0, 2400]) reduced by 3 onto the 900 s grid:
    // (0,900] (900,1800] full; (1800,2700] only partly fetched → NaN (rrd_graph.c reduce_data).
    const r = rrdReduceAverage(f64([1, 2, 3, 4, NaN, 6, 7, 8]), STEP, STEP, 3);
    expect(r.firstRowTime).toBe(3 * STEP);
    expect(r.step).toBe(3 * STEP);
    expectAllClose(r.values, f64([2, 5, NaN]), 'reduced', 0);
    // Fetch starting mid-group: the first destination row is NaN too.
    const s = rrdReduceAverage(f64([1, 2, 3, 4, 5]), 2 * STEP, STEP, 3);
    expectAllClose(s.values, f64([NaN, 4]), 'start offset', 0);
  });
  it('returns a copy for factor 1 or bad input', () => {
    const v = f64([1, 2]);
    const r = rrdReduceAverage(v, STEP, STEP, 1);
    expect(r.values).toEqual(v);
    expect(r.values).not.toBe(v);
  });
});

/**
 * Every column of the rrdtool CDEF oracles (tiny/ramp/disk/cpu/cpu_gaps `_rpn.csv` and the
 * cpu[_gaps] PREDICT window files) recomputed from the input series and compared row by row.
 * Reference: shared/oracles/README.md §1; exact commands in shared/oracles/rrd/COMMANDS.md.
 */
import { rrdCount, rrdGraphRows, type RrdRange } from './rrdRows';
import { rrdDurationRows } from './rrdDurationRows';
import { rrdTrend, rrdTrendNan } from './rrdTrend';
import { rrdPredict, rrdPredictPerc, rrdPredictSigma, rrdPredictSpec } from './rrdPredict';
import { expectAllClose } from './testing/oracleClose';
import { printedRange, readRrdCsv, readRrdInput, SEC, STEP_MS, T0_MS } from './testing/rrdFixtures';

const DAY = 86400 * SEC;
const M = 60 * SEC;

type Column = (x: Float64Array) => Float64Array;

const trend =
  (w: number): Column =>
  (x) =>
    rrdTrend(x, rrdDurationRows(w, STEP_MS));
const trendNan =
  (w: number): Column =>
  (x) =>
    rrdTrendNan(x, rrdDurationRows(w, STEP_MS));
const predict =
  (args: number[], count: number, w: number): Column =>
  (x) =>
    rrdPredict(x, rrdPredictSpec(args, count, w, STEP_MS));
const sigma =
  (args: number[], count: number, w: number): Column =>
  (x) =>
    rrdPredictSigma(x, rrdPredictSpec(args, count, w, STEP_MS));
const perc =
  (args: number[], count: number, w: number, p: number): Column =>
  (x) =>
    rrdPredictPerc(x, rrdPredictSpec(args, count, w, STEP_MS), p);

const WEEK_LIST = [7, 6, 5, 4, 3, 2, 1].map((d) => d * DAY);

/** The CDEF behind each column name, with the rrdtool arguments of COMMANDS.md (in ms). */
const COLUMNS: Record<string, Column> = {
  trend_900: trend(900 * SEC),
  trend_1000: trend(1000 * SEC),
  trend_1800: trend(1800 * SEC),
  trend_3600: trend(3600 * SEC),
  trendnan_900: trendNan(900 * SEC),
  trendnan_1800: trendNan(1800 * SEC),
  predict_m7_w1800: predict([DAY], -7, 30 * M),
  sigma_m7_w1800: sigma([DAY], -7, 30 * M),
  predict_p7_w1800: predict(WEEK_LIST, 7, 30 * M),
  sigma_p7_w1800: sigma(WEEK_LIST, 7, 30 * M),
  predict_m7_w900: predict([DAY], -7, 15 * M),
  sigma_m7_w900: sigma([DAY], -7, 15 * M),
  predict_p7_w900: predict(WEEK_LIST, 7, 15 * M),
  sigma_p7_w900: sigma(WEEK_LIST, 7, 15 * M),
  predict_p1_86400_w1800: predict([DAY], 1, 30 * M),
  predict_p2_doc_w1800: predict([2 * DAY, DAY], 2, 30 * M),
  predict_m3_604800_w1800: predict([7 * DAY], -3, 30 * M),
  perc95_m7_w1800: perc([DAY], -7, 30 * M, 95),
  percneg95_m7_w1800: perc([DAY], -7, 30 * M, -95),
  pred_p1_s0_w900: predict([0], 1, 900 * SEC),
  pred_p1_s300_w0: predict([300 * SEC], 1, 0),
  pred_p1_s600_w0: predict([600 * SEC], 1, 0),
  pred_p1_s300_w600: predict([300 * SEC], 1, 600 * SEC),
  pred_p1_s400_w500: predict([400 * SEC], 1, 500 * SEC),
  pred_m2_600_w0: predict([600 * SEC], -2, 0),
  pred_m3_900_w300: predict([900 * SEC], -3, 300 * SEC),
  pred_p2_900_1800_w300: predict([1800 * SEC, 900 * SEC], 2, 300 * SEC),
  sigma_p1_s300_w600: sigma([300 * SEC], 1, 600 * SEC),
  sigma_m2_600_w0: sigma([600 * SEC], -2, 0),
  perc50_p1_s300_w600: perc([300 * SEC], 1, 600 * SEC, 50),
  perc90_p1_s300_w600: perc([300 * SEC], 1, 600 * SEC, 90),
  percneg90_p1_s300_w600: perc([300 * SEC], 1, 600 * SEC, -90),
};

interface Case {
  file: string;
  input: string;
  /** `DEF:…:start=` in ms, when the command used one. */
  defStart?: number;
}

const CASES: Case[] = [
  { file: 'tiny_rpn.csv', input: 'tiny' },
  { file: 'ramp_rpn.csv', input: 'ramp' },
  { file: 'disk_rpn.csv', input: 'disk' },
  { file: 'cpu_rpn.csv', input: 'cpu' },
  { file: 'cpu_gaps_rpn.csv', input: 'cpu_gaps' },
  { file: 'cpu_predict_window_defstart.csv', input: 'cpu', defStart: T0_MS },
  { file: 'cpu_predict_window_nodefstart.csv', input: 'cpu' },
  { file: 'cpu_gaps_predict_window_defstart.csv', input: 'cpu_gaps', defStart: T0_MS },
  { file: 'cpu_gaps_predict_window_nodefstart.csv', input: 'cpu_gaps' },
];

describe.each(CASES)('$file', ({ file, input, defStart }) => {
  const csv = readRrdCsv(file);
  const range: RrdRange = { ...printedRange(csv), defStart };
  const rows = rrdGraphRows(readRrdInput(input), range);
  const printed = (all: Float64Array): Float64Array =>
    all.subarray(rows.printedFrom, rows.printedFrom + rows.printedCount);

  it('has the extra internal row at E+300 and prints exactly the oracle timestamps', () => {
    const lastRowTime = rows.firstRowTime + (rows.values.length - 1) * rows.step;
    expect(lastRowTime).toBe(range.end + STEP_MS);
    expect(rows.firstRowTime).toBe((defStart ?? range.start) + STEP_MS);
    const times = Float64Array.from(
      { length: rows.printedCount },
      (_, k) => (rows.firstRowTime + (rows.printedFrom + k) * rows.step) / SEC
    );
    expectAllClose(times, csv.columns.timestamp, `${file} timestamp`, 0);
  });

  it('value and count', () => {
    expectAllClose(printed(rows.values), csv.columns.value, `${file} value`, 0);
    expectAllClose(printed(rrdCount(rows.values.length)), csv.columns.count, `${file} count`, 0);
  });

  const computed = csv.header.filter((h) => h !== 'timestamp' && h !== 'value' && h !== 'count');

  it('knows every column of the file', () => {
    expect(computed.filter((h) => !(h in COLUMNS))).toEqual([]);
    expect(computed.length).toBeGreaterThan(0);
  });

  it.each(computed)('%s', (column) => {
    expectAllClose(printed(COLUMNS[column](rows.values)), csv.columns[column], `${file} ${column}`);
  });
});

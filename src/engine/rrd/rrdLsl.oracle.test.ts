/**
 * The RRD article's least-squares recipe against rrdtool: every row of `NAME_lsl.csv` (LSLSLOPE,
 * LSLINT, LSLCORREL, row bookkeeping, FIRST/LAST of the data, minpred/maxpred times and values) and
 * every row of the matching `NAME_lsl_WINDOW_proj.csv` xport (value, count, proj, pred).
 * Reference: shared/oracles/README.md §1; exact commands in shared/oracles/rrd/COMMANDS.md.
 */
import { rrdCount, rrdGraphRows, type RrdRows } from './rrdRows';
import { rrdLsl } from './rrdLsl';
import { rrdLslThresholdTimes, rrdVdefFirst, rrdVdefLast } from './rrdLslProjection';
import { expectAllClose, expectClose } from './testing/oracleClose';
import { readRrdCsv, readRrdInput, SEC } from './testing/rrdFixtures';

/** `PRINT:…:%Y-%m-%d %H:%M:%S:strftime` in UTC; rrdtool prints dashes for an unknown VDEF. */
function utc(timeMs: number | null): string {
  return timeMs === null ? '---------- --:--:--' : new Date(timeMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** `PRINT:…:%s:strftime`: seconds, or `-` for an unknown VDEF. */
function seconds(timeMs: number | null): string {
  return timeMs === null ? '-' : String(timeMs / SEC);
}

interface Window {
  name: string;
  window: string;
  cell: (column: string) => string;
}

const WINDOWS: Window[] = ['ramp', 'disk', 'cpu', 'cpu_gaps'].flatMap((name) => {
  const csv = readRrdCsv(`${name}_lsl.csv`);
  return csv.rows.map((row) => ({
    name,
    window: row[csv.header.indexOf('window')],
    cell: (column: string) => {
      const c = csv.header.indexOf(column);
      if (c < 0) {
        throw new Error(`${name}_lsl.csv has no column ${column}`);
      }
      return row[c];
    },
  }));
});

function num(w: Window, column: string): number {
  const s = w.cell(column);
  return s === '-nan' || s === 'NaN' || s === '' ? NaN : Number(s);
}

function rowsFor(w: Window): RrdRows {
  const defStart = w.cell('def_start');
  return rrdGraphRows(readRrdInput(w.name), {
    start: num(w, 'graph_start') * SEC,
    end: num(w, 'graph_end') * SEC,
    defStart: defStart === '' ? undefined : Number(defStart) * SEC,
    width: num(w, 'width'),
  });
}

describe.each(WINDOWS)('$name $window', (w) => {
  const rows = rowsFor(w);
  const x = rows.values;
  const fit = rrdLsl(x);
  const lo = num(w, 'thr_lo');
  const hi = num(w, 'thr_hi');
  const times = rrdLslThresholdTimes(fit, x.length, rows.firstRowTime, rows.step, lo, hi);

  it('internal rows: step, count, last row time, finite rows', () => {
    expect(rows.step).toBe(num(w, 'step') * SEC);
    expect(x.length).toBe(num(w, 'internal_rows'));
    expect((rows.firstRowTime + (x.length - 1) * rows.step) / SEC).toBe(num(w, 'internal_last_row_time'));
    expect(fit.n).toBe(num(w, 'finite_rows'));
  });

  it('LSLSLOPE, LSLINT, LSLCORREL', () => {
    expectClose(fit.slope, num(w, 'lslslope'), 'lslslope');
    expectClose(fit.intercept, num(w, 'lslint'), 'lslint');
    expectClose(fit.correl, num(w, 'lslcorrel'), 'lslcorrel');
  });

  it('FIRST and LAST of the data', () => {
    const first = rrdVdefFirst(x, rows.firstRowTime, rows.step);
    const last = rrdVdefLast(x, rows.firstRowTime, rows.step);
    expect(seconds(first.time)).toBe(w.cell('first_time'));
    expectClose(first.value, num(w, 'first_value'), 'first_value');
    expect(seconds(last.time)).toBe(w.cell('last_time'));
    expectClose(last.value, num(w, 'last_value'), 'last_value');
  });

  it('minpred / maxpred: the "reaching LO on / reaching HI on" times and values', () => {
    expect(seconds(times.first.time)).toBe(w.cell('minpred_time'));
    expect(utc(times.first.time)).toBe(w.cell('minpred_utc'));
    expectClose(times.first.value, num(w, 'minpred_value'), 'minpred_value');
    expect(seconds(times.last.time)).toBe(w.cell('maxpred_time'));
    expect(utc(times.last.time)).toBe(w.cell('maxpred_utc'));
    expectClose(times.last.value, num(w, 'maxpred_value'), 'maxpred_value');
  });

  it('xport of value, count, proj, pred over the printed rows', () => {
    const csv = readRrdCsv(`${w.name}_lsl_${w.window}_proj.csv`);
    const from = rows.printedFrom;
    const to = from + rows.printedCount;
    const printedTimes = Float64Array.from(
      { length: rows.printedCount },
      (_, k) => (rows.firstRowTime + (from + k) * rows.step) / SEC
    );
    expectAllClose(printedTimes, csv.columns.timestamp, 'timestamp', 0);
    expectAllClose(x.subarray(from, to), csv.columns.value, 'value');
    expectAllClose(rrdCount(x.length).subarray(from, to), csv.columns.count, 'count', 0);
    expectAllClose(times.proj.subarray(from, to), csv.columns.proj, 'proj');
    expectAllClose(times.pred.subarray(from, to), csv.columns.pred, 'pred');
  });
});

it('covers every window of the four lsl files', () => {
  expect(WINDOWS.map((w) => `${w.name}/${w.window}`)).toEqual([
    'ramp/full_to_last',
    'ramp/full_plus7d',
    'ramp/last1d_plus7d',
    'ramp/day1_only',
    'disk/last5d',
    'disk/last7d',
    'disk/full',
    'disk/last5d_defstart0',
    'disk/full_width400',
    'cpu/full_plus7d',
    'cpu/last7d_plus7d',
    'cpu_gaps/full_plus7d',
    'cpu_gaps/last7d_plus7d',
  ]);
});

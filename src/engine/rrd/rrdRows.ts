/**
 * The rows an RRDtool DEF holds for a graph/xport range, so callers can reproduce rrdtool's range
 * handling exactly (the extra row at E+step, `DEF:…:start=`, and consolidation to a wider step).
 *
 * Reference: shared/oracles/README.md §1 "Rows a DEF holds" and "Consolidation"
 * (rrdtool 1.7.2, confirmed against the rrd oracles). Times are epoch milliseconds; a row is stamped
 * with the END of its interval, as rrdtool does: the row stamped T covers [T − step, T).
 */
import type { RegularSeries } from '../types';
import { rrdReduceAverage } from './rrdReduceAverage';

export interface RrdRows {
  /** Epoch ms of row 0 (end of its interval). Row i is at firstRowTime + i·step. */
  firstRowTime: number;
  /** Row spacing in ms. */
  step: number;
  /** The internal rows, the ones every CDEF/VDEF sees (NaN = unknown). */
  values: Float64Array;
  /** Index of the first row `xport` prints. */
  printedFrom: number;
  /** How many rows `xport` prints (from printedFrom on). */
  printedCount: number;
}

export interface RrdRange {
  /** `--start`, epoch ms. */
  start: number;
  /** `--end`, epoch ms. */
  end: number;
  /** `DEF:…:start=`, epoch ms: loads history before `start` (row 0 moves to defStart + step). */
  defStart?: number;
  /**
   * Graph width in pixels (xport's `--maxrows`). When given, the step becomes
   * max(minStep, ⌊(end − start)/width⌋ s) and, if that is wider than the data, rows are averaged.
   * Leave it out to keep the data step (what every oracle but one does).
   */
  width?: number;
  /** `--step` in ms; only used together with `width`. */
  minStep?: number;
}

const EMPTY: RrdRows = { firstRowTime: NaN, step: NaN, values: new Float64Array(0), printedFrom: 0, printedCount: 0 };

/**
 * Builds the internal rows of a DEF over `range` from a regular series.
 *
 * Without consolidation the rows are stamped D+step … E+step, where D = defStart ?? start aligned
 * down to the step (the rows whose interval meets the closed range [D, E]); xport prints only the
 * rows meeting [start, end), i.e. start+step … end. Rows outside the series are NaN.
 *
 * Preconditions: `series.step` > 0 and `series.start` on the epoch-aligned grid of that step (as
 * rrdtool's own rows are); otherwise the rows come back all NaN. Bad ranges give empty rows.
 * With `width`, see {@link rrdGraphStep} and {@link rrdReduceAverage}; RRA selection (several
 * resolutions in one file) is not modelled: the series is the only "RRA".
 */
export function rrdGraphRows(series: RegularSeries, range: RrdRange): RrdRows {
  const step = series.step;
  const { start, end } = range;
  const defStart = range.defStart ?? start;
  if (!(step > 0) || !Number.isFinite(start) || !Number.isFinite(end) || !Number.isFinite(defStart) || end < start) {
    return EMPTY;
  }
  const firstRowTime = Math.floor(defStart / step) * step + step;
  const lastRowTime = Math.floor(end / step) * step + step;
  const n = Math.max(0, Math.round((lastRowTime - firstRowTime) / step) + 1);
  const values = new Float64Array(n).fill(NaN);
  const offset = (firstRowTime - series.start) / step;
  if (Number.isInteger(offset)) {
    for (let i = 0; i < n; i++) {
      const k = offset + i;
      if (k >= 0 && k < series.values.length) {
        values[i] = series.values[k];
      }
    }
  }

  let rows = { firstRowTime, step, values };
  if (range.width !== undefined) {
    const graphStep = rrdGraphStep(start, end, range.width, step, range.minStep ?? step);
    if (graphStep > step) {
      rows = rrdReduceAverage(values, firstRowTime, step, Math.round(graphStep / step));
    }
  }
  return { ...rows, ...printedRows(rows.firstRowTime, rows.step, rows.values.length, start, end) };
}

/**
 * The step rrdtool graph/xport uses: max(minStep, ⌊(end − start)/width⌋) in whole seconds, rounded
 * up to a multiple of the data step when it is wider than the data step (rrdtool's reduce factor
 * is ⌈step/dataStep⌉). All arguments in ms; returns ms, or NaN for bad input.
 */
export function rrdGraphStep(start: number, end: number, width: number, dataStep: number, minStep = dataStep): number {
  if (!(width >= 1) || !(dataStep > 0) || !(end > start)) {
    return NaN;
  }
  // rrdtool divides time_t seconds as integers.
  const perPixel = Math.floor((end - start) / 1000 / Math.floor(width)) * 1000;
  const wanted = Math.max(minStep, perPixel);
  return wanted > dataStep ? Math.ceil(wanted / dataStep) * dataStep : dataStep;
}

/** The rows xport prints: those whose interval [T − step, T) meets [start, end). */
function printedRows(
  firstRowTime: number,
  step: number,
  n: number,
  start: number,
  end: number
): Pick<RrdRows, 'printedFrom' | 'printedCount'> {
  const firstPrinted = Math.floor(start / step) * step + step;
  const lastPrinted = Math.ceil(end / step) * step;
  const from = Math.max(0, Math.round((firstPrinted - firstRowTime) / step));
  const to = Math.min(n - 1, Math.round((lastPrinted - firstRowTime) / step));
  return { printedFrom: from, printedCount: Math.max(0, to - from + 1) };
}

/** RPN `x,POP,COUNT`: 1 on row 0, 2 on row 1, … (1-based, through NaN and future rows). */
export function rrdCount(rowCount: number): Float64Array {
  const out = new Float64Array(Math.max(0, Math.floor(rowCount) || 0));
  for (let i = 0; i < out.length; i++) {
    out[i] = i + 1;
  }
  return out;
}

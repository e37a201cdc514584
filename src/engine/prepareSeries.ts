import { Notice, Problem, RegularSeries } from './types';

/** What prepareSeries made of the input: a regular series, or the reason there is none. */
export interface PreparedSeries {
  series: RegularSeries | null;
  problem: Problem | null;
  notices: Notice[];
  /** Finite values in the regular series. */
  finiteCount: number;
}

export interface PrepareOptions {
  /** Refuse grids longer than this (a stray far-away timestamp would otherwise allocate gigabytes). */
  maxRows?: number;
}

const DEFAULT_MAX_ROWS = 20_000_000;

/**
 * Turns raw (time, value) pairs into a series on a regular grid, the shape every model works on.
 *
 * - null/undefined/NaN values are gaps; ±Inf values are dropped to gaps (with a notice).
 * - Pairs with a non-finite time are dropped. Unsorted input is sorted; duplicate timestamps are
 *   merged by the mean of their finite values (raw InfluxQL queries return such rows).
 * - The step is the median spacing; irregular timestamps are snapped to the nearest grid row and
 *   averaged. Missing rows are NaN and keep their index, as RRDtool's rows do.
 * - Leading and trailing gaps are trimmed: the forecast starts at the last real observation.
 *
 * Never throws: an unusable input gives `series: null` and a typed `problem`.
 */
export function prepareSeries(
  times: ArrayLike<number>,
  values: ArrayLike<number | null | undefined>,
  options: PrepareOptions = {}
): PreparedSeries {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const n = Math.min(times.length, values.length);
  const notices: Notice[] = [];
  if (n === 0) {
    return fail('no-points', 'the series has no points', notices);
  }
  const fast = regularFastPath(times, values, n);
  if (fast) {
    return finish(fast.series, fast.infinite, notices, fast.scan);
  }
  return slowPath(times, values, n, maxRows, notices);
}

/** Where the finite values of a series are: found while copying, so finish need not scan again. */
interface FiniteScan {
  first: number;
  last: number;
  count: number;
}

/**
 * One pass for the common case: strictly increasing, evenly spaced, finite timestamps. It copies the
 * values and notes where the finite ones are, so the whole preparation reads the input once.
 */
function regularFastPath(
  times: ArrayLike<number>,
  values: ArrayLike<number | null | undefined>,
  n: number
): { series: RegularSeries; infinite: number; scan?: FiniteScan } | null {
  const t0 = times[0];
  if (!Number.isFinite(t0)) {
    return null;
  }
  if (n === 1) {
    const v = toNumber(values[0]);
    return { series: { start: t0, step: NaN, values: Float64Array.of(Number.isFinite(v) ? v : NaN) }, infinite: 0 };
  }
  const step = times[1] - t0;
  if (!(step > 0)) {
    return null;
  }
  const tolerance = step * 1e-6;
  const out = new Float64Array(n);
  let infinite = 0;
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (Math.abs(times[i] - (t0 + i * step)) > tolerance) {
      return null;
    }
    const raw = values[i];
    const v = typeof raw === 'number' ? raw : toNumber(raw);
    // v − v is 0 exactly for finite numbers, NaN for NaN and ±Inf (cheaper than Number.isFinite here).
    if (v - v === 0) {
      out[i] = v;
      count++;
      last = i;
      if (first < 0) {
        first = i;
      }
    } else {
      if (v === Infinity || v === -Infinity) {
        infinite++;
      }
      out[i] = NaN;
    }
  }
  return { series: { start: t0, step, values: out }, infinite, scan: { first: first < 0 ? n : first, last, count } };
}

function slowPath(
  times: ArrayLike<number>,
  values: ArrayLike<number | null | undefined>,
  n: number,
  maxRows: number,
  notices: Notice[]
): PreparedSeries {
  const order: number[] = [];
  let badTimes = 0;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(times[i])) {
      badTimes++;
      continue;
    }
    if (order.length > 0 && times[i] < times[order[order.length - 1]]) {
      sorted = false;
    }
    order.push(i);
  }
  if (badTimes > 0) {
    notices.push({
      code: 'non-finite-dropped',
      message: `${badTimes} point(s) without a valid timestamp were dropped`,
    });
  }
  if (order.length === 0) {
    return fail('no-points', 'no point has a valid timestamp', notices);
  }
  if (!sorted) {
    order.sort((a, b) => times[a] - times[b]);
    notices.push({ code: 'unsorted', message: 'timestamps were out of order and have been sorted' });
  }
  // Merge duplicate timestamps by the mean of their finite values.
  const ts: number[] = [];
  const vs: number[] = [];
  let duplicates = 0;
  let infinite = 0;
  let sum = 0;
  let count = 0;
  for (let k = 0; k < order.length; k++) {
    const t = times[order[k]];
    let v = toNumber(values[order[k]]);
    if (v === Infinity || v === -Infinity) {
      infinite++;
      v = NaN;
    }
    if (ts.length > 0 && ts[ts.length - 1] === t) {
      duplicates++;
    } else {
      if (ts.length > 0) {
        vs.push(count > 0 ? sum / count : NaN);
      }
      ts.push(t);
      sum = 0;
      count = 0;
    }
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  vs.push(count > 0 ? sum / count : NaN);
  if (duplicates > 0) {
    notices.push({ code: 'duplicates-merged', message: `${duplicates} duplicate timestamp(s) merged by their mean` });
  }
  if (ts.length === 1) {
    return finish({ start: ts[0], step: NaN, values: Float64Array.of(vs[0]) }, infinite, notices);
  }
  const step = medianSpacing(ts);
  const rows = Math.round((ts[ts.length - 1] - ts[0]) / step) + 1;
  if (rows > maxRows) {
    return fail(
      'too-many-gaps',
      `the timestamps span ${rows} steps of ${step} ms: too sparse to place on a grid`,
      notices
    );
  }
  const grid = new Float64Array(rows).fill(NaN);
  const counts = new Uint32Array(rows);
  let offGrid = 0;
  for (let k = 0; k < ts.length; k++) {
    const exact = (ts[k] - ts[0]) / step;
    const row = Math.round(exact);
    if (Math.abs(exact - row) > 1e-3) {
      offGrid++;
    }
    if (!Number.isFinite(vs[k])) {
      continue;
    }
    grid[row] = counts[row] === 0 ? vs[k] : grid[row] + vs[k];
    counts[row]++;
  }
  for (let r = 0; r < rows; r++) {
    if (counts[r] > 1) {
      grid[r] /= counts[r];
    }
  }
  if (offGrid > 0) {
    notices.push({
      code: 'irregular-resampled',
      message: `${offGrid} point(s) off the ${step} ms grid were snapped to the nearest step`,
    });
  }
  return finish({ start: ts[0], step, values: grid }, infinite, notices);
}

function finish(series: RegularSeries, infinite: number, notices: Notice[], known?: FiniteScan): PreparedSeries {
  if (infinite > 0) {
    notices.push({ code: 'non-finite-dropped', message: `${infinite} infinite value(s) treated as gaps` });
  }
  const v = series.values;
  const { first, last, count: finiteCount } = known ?? scanFinite(v);
  if (first === v.length) {
    return fail('no-finite-values', 'the series has no numeric values', notices);
  }
  const rows = last - first + 1;
  if (rows - finiteCount > 0) {
    notices.push({ code: 'gaps', message: `${rows - finiteCount} of ${rows} steps have no value` });
  }
  const trimmed: RegularSeries =
    first === 0 && last === v.length - 1
      ? series
      : {
          start: series.start + first * (Number.isFinite(series.step) ? series.step : 0),
          step: series.step,
          values: v.subarray(first, last + 1),
        };
  return { series: trimmed, problem: null, notices, finiteCount };
}

/** First and last finite index (first = length when there is none) and the count of finite values. */
function scanFinite(v: Float64Array): FiniteScan {
  let first = 0;
  while (first < v.length && !Number.isFinite(v[first])) {
    first++;
  }
  if (first === v.length) {
    return { first, last: -1, count: 0 };
  }
  let last = v.length - 1;
  while (!Number.isFinite(v[last])) {
    last--;
  }
  let count = 0;
  for (let i = first; i <= last; i++) {
    if (Number.isFinite(v[i])) {
      count++;
    }
  }
  return { first, last, count };
}

function fail(code: Problem['code'], message: string, notices: Notice[]): PreparedSeries {
  return { series: null, problem: { code, message }, notices, finiteCount: 0 };
}

function toNumber(v: number | null | undefined): number {
  return v === null || v === undefined ? NaN : typeof v === 'number' ? v : Number(v);
}

/**
 * The grid step: the median spacing between sorted, distinct timestamps, unless the smallest
 * spacing divides it and is common (≥ 10% of spacings) — then the data has gaps of whole steps
 * and the smallest spacing is the true step.
 */
function medianSpacing(ts: number[]): number {
  const d = new Float64Array(ts.length - 1);
  for (let i = 1; i < ts.length; i++) {
    d[i - 1] = ts[i] - ts[i - 1];
  }
  d.sort();
  const median = d[(d.length - 1) >> 1];
  const smallest = d[0];
  const ratio = median / smallest;
  if (ratio >= 1.5 && Math.abs(ratio - Math.round(ratio)) < 0.05) {
    let common = 0;
    while (common < d.length && d[common] <= smallest * 1.05) {
      common++;
    }
    if (common >= 0.1 * d.length) {
      return smallest;
    }
  }
  return median;
}

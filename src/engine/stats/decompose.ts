/**
 * Additive classical decomposition y = trend + seasonal + resid, as
 * `statsmodels.tsa.seasonal.seasonal_decompose(y, model='additive', period=P)` (0.13.5, defaults
 * two_sided=True, extrapolate_trend=0). Checked against tests/fixtures/oracles/python/decompose.
 *
 * - trend: centred moving average. Odd P: mean of P values. Even P: the 2×P filter, weights
 *   [½, 1, …, 1, ½]/P over P+1 values. The first and last ⌊P/2⌋ values are NaN.
 * - seasonal: for phase k = i mod P, the NaN-skipping mean of (y − trend) over that phase, minus
 *   the mean of the P phase figures; tiled from i = 0.
 * - resid = y − trend − seasonal.
 *
 * NaN/±Inf inside y (statsmodels refuses them): a trend value whose window touches one is NaN,
 * as the convolution would give; the seasonal figures skip them (NaN-mean), a phase with no finite
 * value gets a NaN figure, and the figures are centred on the mean of the finite ones.
 */
import { Problem } from '../types';

export interface DecomposeOptions {
  /**
   * Fill the NaN trend edges by straight lines, like statsmodels' `extrapolate_trend`:
   * 'freq' uses P points (statsmodels' 'freq' = P − 1, plus one), a number k ≥ 1 uses k + 1
   * points. Front: least squares over the first npoints finite trend values (indices front …
   * front+npoints−1), extended back to 0. Back: over indices back−npoints … back−1 (statsmodels
   * leaves out the last finite value itself), extended past `back`. The seasonal part and the
   * residual are then computed from this filled trend, as statsmodels does. Default: no filling.
   */
  extrapolateTrend?: 'freq' | number;
}

export interface Decomposition {
  period: number;
  trend: Float64Array;
  seasonal: Float64Array;
  resid: Float64Array;
  /** The P centred phase figures; seasonal[i] = seasonalFigure[i mod P]. Empty on a problem. */
  seasonalFigure: Float64Array;
  /** Why the arrays are all NaN ('too-few-points': fewer than 2·P values; 'bad-option': P not an integer ≥ 2). */
  problem: Problem | null;
}

/**
 * Decomposes `y` (row-indexed, regular) with integer period `period` ≥ 2; needs y.length ≥ 2·P
 * like statsmodels. Returns arrays of y's length; on a problem they are NaN and `problem` says why.
 * O(n·P).
 */
export function decompose(y: ArrayLike<number>, period: number, options: DecomposeOptions = {}): Decomposition {
  const n = y.length;
  if (!Number.isInteger(period) || period < 2) {
    return failed(n, period, { code: 'bad-option', message: `period must be an integer ≥ 2, got ${period}` });
  }
  if (n < 2 * period) {
    return failed(n, period, {
      code: 'too-few-points',
      message: `decomposition with period ${period} needs ${2 * period} values (two full cycles), got ${n}`,
    });
  }
  let trend = movingAverageTrend(y, period);
  const extra = options.extrapolateTrend;
  if (extra !== undefined) {
    const npoints = extra === 'freq' ? period : Math.floor(extra) + 1;
    if (npoints >= 2) {
      trend = extrapolateTrendEdges(trend, npoints);
    }
  }
  const detrended = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    detrended[i] = y[i] - trend[i];
  }
  const figure = seasonalFigure(detrended, period);
  const seasonal = new Float64Array(n);
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    seasonal[i] = figure[i % period];
    resid[i] = detrended[i] - seasonal[i];
  }
  return { period, trend, seasonal, resid, seasonalFigure: figure, problem: null };
}

/**
 * statsmodels' centred moving average for period P (odd: P taps of 1/P; even: P+1 taps
 * [½,1,…,1,½]/P). NaN where the window leaves the data or holds a non-finite value.
 */
export function movingAverageTrend(y: ArrayLike<number>, period: number): Float64Array {
  const n = y.length;
  const trend = new Float64Array(n).fill(NaN);
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  // statsmodels' weights and order (Σ w·x, oldest first): bit-identical to its output, which
  // matters where later steps compare trend differences for ties (find_peaks plateaus).
  const w = 1 / period;
  const wEdge = even ? 0.5 / period : w;
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    let ok = true;
    for (let k = t - half; k <= t + half; k++) {
      const v = y[k];
      if (!Number.isFinite(v)) {
        ok = false;
        break;
      }
      sum += v * (k === t - half || k === t + half ? wEdge : w);
    }
    if (ok) {
      trend[t] = sum;
    }
  }
  return trend;
}

/** Per-phase NaN-mean of `detrended`, centred on the mean of the (finite) figures. */
function seasonalFigure(detrended: Float64Array, period: number): Float64Array {
  const figure = new Float64Array(period);
  for (let k = 0; k < period; k++) {
    let sum = 0;
    let count = 0;
    for (let i = k; i < detrended.length; i += period) {
      const v = detrended[i];
      if (Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    figure[k] = count > 0 ? sum / count : NaN;
  }
  let mean = 0;
  let count = 0;
  for (let k = 0; k < period; k++) {
    if (Number.isFinite(figure[k])) {
      mean += figure[k];
      count++;
    }
  }
  mean = count > 0 ? mean / count : NaN;
  for (let k = 0; k < period; k++) {
    figure[k] -= mean;
  }
  return figure;
}

/**
 * statsmodels `_extrapolate_trend(trend, npoints)`: straight-line fills of the NaN edges of a
 * moving-average trend. Front fit over [front, min(front + npoints, back)), back fit over
 * [max(front, back − npoints), back), where front/back are the first/last finite indices.
 * Interior NaN (from gaps) are left alone. Returns a new array.
 */
export function extrapolateTrendEdges(trend: ArrayLike<number>, npoints: number): Float64Array {
  const out = Float64Array.from(trend);
  const n = out.length;
  let front = 0;
  while (front < n && !Number.isFinite(out[front])) {
    front++;
  }
  let back = n - 1;
  while (back >= 0 && !Number.isFinite(out[back])) {
    back--;
  }
  if (front >= back) {
    return out;
  }
  const frontLast = Math.min(front + npoints, back);
  const f = lineOverIndices(out, front, frontLast);
  for (let i = 0; i < front; i++) {
    out[i] = f.slope * i + f.intercept;
  }
  const backFirst = Math.max(front, back - npoints);
  const b = lineOverIndices(out, backFirst, back);
  for (let i = back + 1; i < n; i++) {
    out[i] = b.slope * i + b.intercept;
  }
  return out;
}

/** Least-squares line of v[i] on i over [from, to), finite values only. */
function lineOverIndices(v: ArrayLike<number>, from: number, to: number): { slope: number; intercept: number } {
  let n = 0;
  let xm = 0;
  let ym = 0;
  for (let i = from; i < to; i++) {
    if (Number.isFinite(v[i])) {
      n++;
      xm += (i - xm) / n;
      ym += (v[i] - ym) / n;
    }
  }
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i < to; i++) {
    if (Number.isFinite(v[i])) {
      sxx += (i - xm) * (i - xm);
      sxy += (i - xm) * (v[i] - ym);
    }
  }
  if (n === 0) {
    return { slope: NaN, intercept: NaN };
  }
  // One point: numpy's lstsq gives the minimum-norm answer; a flat line through it is close enough.
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: ym - slope * xm };
}

function failed(n: number, period: number, problem: Problem): Decomposition {
  const nan = (): Float64Array => new Float64Array(n).fill(NaN);
  return { period, trend: nan(), seasonal: nan(), resid: nan(), seasonalFigure: new Float64Array(0), problem };
}

import { fittedAt, linearFitIndexed, predictionHalfWidth } from '../engine/linearFit';
import { normalQuantile, studentTMultiplier } from '../engine/quantiles';
import { finiteMedian } from '../engine/stats/rollingMedian';
import { detectChangePoints } from '../engine/segments/changePoint';
import { decompose } from '../engine/stats/decompose';
import { detectSeasonality } from '../engine/stats/seasonality';
import { Problem, RegularSeries } from '../engine/types';
import { fitCapacityTrend } from '../engine/capacity/capacityTrend';
import { trendCurve } from './trendFitted';
import { FitOptions, FittedModel, ForecastModel, Prediction } from './types';

/**
 * Seasonal forecast: the per-step median of three forecasts that fail in different ways (the M4
 * lesson: a combination of simple methods beats each of them):
 * - **decomposition**: additive decomposition (statsmodels' seasonal_decompose, trend extrapolated
 *   to the edges), then line(x) + seasonal[x mod P], the line fitted by OLS to y − seasonal over its
 *   last trend segment (P the week when three weeks of data show a weekly cycle on the daily one);
 * - **seasonal naive**: the last cycle again (the last week when the decomposition is weekly);
 * - **local profile**: the median shape of the last 7 cycles around their own means, on the last
 *   cycle's mean, moving by the median cycle-to-cycle change of the last 7 cycles.
 * The band comes from the combination's own errors: it is refitted at 4 earlier origins, and the
 * mean absolute error k steps ahead (pooled over k ± 3) times 3 · z/1.96 is the half-width (3 was
 * measured to cover 95 % of the held-out M4 Hourly points; docs/benchmarks.md). Without room for
 * those origins the band is the decomposition's OLS prediction interval.
 * Crossings are dated on the capacity trend, as with last-trend.
 */
export const seasonalModel: ForecastModel = {
  name: 'seasonal',
  minPoints: 6,
  fit(series: RegularSeries, options: FitOptions): FittedModel | Problem {
    const y = series.values.subarray(options.fromRow);
    // 'auto' ran the test on this window already (its ACF is a tenth of a fleet run's time).
    const found = options.seasonality ?? detectSeasonality(y, { stepMs: series.step });
    const cycle = options.period ?? found.period;
    let period = cycle;
    // A weekly cycle on top of the daily one (weekends): with three weeks of data, decompose by
    // the week, whose profile holds both; with less, the daily profile is the steadier estimate.
    const weekly = found.secondaryPeriod;
    if (weekly !== null && period !== null && weekly % period === 0 && y.length >= 3 * weekly) {
      period = weekly;
    }
    if (period === null || cycle === null) {
      return {
        code: 'model-failed',
        message: 'no seasonal cycle was found in the fit window; choose the linear or last-trend model',
      };
    }
    const full = decompositionFit(y, period);
    if ('code' in full) {
      return full;
    }
    const { fit, figure, start } = full;
    const last = y.length - 1;
    // Crossings are dated on the capacity trend, as with last-trend: a seasonal disk reaches 90 %
    // when its trend does, not at the first peak of its cycle above the line.
    const capacity = fitCapacityTrend(series.values, series.start, series.step, { fromRow: options.fromRow });
    const fitted = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) {
      fitted[i] = fittedAt(fit, i) + figure[i % period];
    }
    const decompositionPeriod = period;
    const model: FittedModel = {
      name: 'seasonal',
      anchor: fitted[last],
      fitted: { fromRow: options.fromRow, values: fitted },
      diagnostics: {
        period,
        periodHours: Number.isFinite(series.step) ? (period * series.step) / 3_600_000 : null,
        cyclePeriod: cycle,
        trendFromRow: options.fromRow + start,
        slopePerStep: fit.slope,
        slopePerDay: (fit.slope * 86_400_000) / series.step,
        seasonalAmplitude: amplitude(figure),
        residualSd: fit.residualSd,
        combination: 'median of decomposition, seasonal naive, local profile',
      },
      predict(horizon: number, level: number): Prediction {
        const combined = (prefix: Float64Array, h: number, decomposition?: Float64Array): Float64Array | null => {
          const dec = decomposition ?? decompositionPoint(prefix, decompositionPeriod, h);
          if (!dec) {
            return null;
          }
          // Gaps filled once for both partners, on the prefix itself (a backtest must not see past it).
          const filled = fillGaps(prefix);
          // Seasonal naive copies the decomposition's period (the last week where weekends show):
          // copying the last day forecast a Sunday from a Friday (M4 Hourly, own split: sMAPE
          // 13.82 → 11.88, MASE 1.092 → 1.025). The local profile stays daily: it follows the level.
          return medianOfThree(
            dec,
            seasonalNaivePoint(filled, decompositionPeriod, h),
            localProfilePoint(filled, cycle, h)
          );
        };
        const ownLine = new Float64Array(horizon);
        const t = studentTMultiplier(level, fit.n - 2);
        const olsHalfWidth = new Float64Array(horizon);
        for (let k = 0; k < horizon; k++) {
          const x = last + k + 1;
          ownLine[k] = fittedAt(fit, x) + figure[x % decompositionPeriod];
          olsHalfWidth[k] = predictionHalfWidth(fit, x, t) || 0;
        }
        const point = combined(y, horizon, ownLine) ?? ownLine;
        const spread = backtestSpread(y, horizon, 2 * cycle, Math.max(2 * cycle, 3 * decompositionPeriod), combined);
        const scale = (BAND_PER_MEAN_ABS_ERROR * normalQuantile((1 + level) / 2)) / normalQuantile(0.975);
        const lower = new Float64Array(horizon);
        const upper = new Float64Array(horizon);
        for (let k = 0; k < horizon; k++) {
          const hw = spread ? scale * spread[k] : olsHalfWidth[k];
          lower[k] = point[k] - hw;
          upper[k] = point[k] + hw;
        }
        return { point, lower, upper, trend: capacity ? trendCurve(capacity, horizon, level) : undefined };
      },
    };
    return model;
  },
};

/** Half-width of the 95 % band in mean absolute errors of the combination (measured on M4 Hourly). */
const BAND_PER_MEAN_ABS_ERROR = 3;
/** Earlier origins the band is measured from, and the cycles the local profile looks back. */
const BACKTEST_ORIGINS = 4;
const PROFILE_CYCLES = 7;

interface DecompositionFit {
  fit: ReturnType<typeof linearFitIndexed>;
  figure: Float64Array;
  start: number;
}

/** The decomposition member: the seasonal figure and the line over the deseasonalised last trend. */
function decompositionFit(y: Float64Array, period: number): DecompositionFit | Problem {
  const filled = fillGaps(y);
  const d = decompose(filled, period, { extrapolateTrend: 'freq' });
  if (d.problem) {
    return { code: d.problem.code, message: `seasonal model with period ${period}: ${d.problem.message}` };
  }
  const deseasonalised = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    // Fit on the real observations only: interpolated gap values carry no information.
    deseasonalised[i] = y[i] - d.seasonal[i];
  }
  const cp = detectChangePoints(deseasonalised, {});
  const start = Math.max(0, Math.min(cp.lastStart, y.length - 2 * period));
  const fit = linearFitIndexed(deseasonalised, start, y.length);
  if (fit.n < 3) {
    return { code: 'too-few-points', message: 'too few points after the last trend change' };
  }
  return { fit, figure: d.seasonalFigure, start };
}

function decompositionPoint(y: Float64Array, period: number, h: number): Float64Array | null {
  const f = decompositionFit(y, period);
  if ('code' in f) {
    return null;
  }
  const out = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    const x = y.length + k;
    out[k] = fittedAt(f.fit, x) + f.figure[x % period];
  }
  return out;
}

/** The last cycle again, from a series with its gaps filled (fillGaps). */
function seasonalNaivePoint(filled: Float64Array, lag: number, h: number): Float64Array {
  const n = filled.length;
  const out = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    out[k] = filled[Math.max(0, n - lag + (k % lag))];
  }
  return out;
}

/**
 * The median shape of the last cycles around their own means, placed on the last cycle's mean and
 * moved by the median change of the cycle means (from a series with its gaps filled).
 */
function localProfilePoint(filled: Float64Array, lag: number, h: number): Float64Array {
  const n = filled.length;
  const cycles = Math.max(1, Math.min(PROFILE_CYCLES, Math.floor(n / lag)));
  const means = new Float64Array(cycles);
  for (let c = 0; c < cycles; c++) {
    let sum = 0;
    for (let i = n - (c + 1) * lag; i < n - c * lag; i++) {
      sum += filled[i];
    }
    means[c] = sum / lag;
  }
  const shape = new Float64Array(lag);
  const column = new Float64Array(cycles);
  for (let p = 0; p < lag; p++) {
    for (let c = 0; c < cycles; c++) {
      column[c] = filled[n - (c + 1) * lag + p] - means[c];
    }
    shape[p] = finiteMedian(column);
  }
  const changes = new Float64Array(Math.max(0, cycles - 1));
  for (let c = 0; c + 1 < cycles; c++) {
    changes[c] = means[c] - means[c + 1];
  }
  const perStep = changes.length > 0 ? finiteMedian(changes) / lag : 0;
  const out = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    // The last cycle's mean sits at its middle row, (lag − 1)/2 rows before its end.
    out[k] = means[0] + perStep * ((lag - 1) / 2 + k + 1) + shape[k % lag];
  }
  return out;
}

function medianOfThree(a: Float64Array, b: Float64Array, c: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    const z = c[k];
    out[k] = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }
  return out;
}

/**
 * Mean absolute error of `forecast` k steps ahead, from BACKTEST_ORIGINS origins spaced by the
 * measured span (min(h, `longest`)) before the end, pooled over k ± 3 and grown as √(k / span) past
 * the span; null when the series is too short for two origins after `minHistory` rows.
 */
function backtestSpread(
  y: Float64Array,
  h: number,
  longest: number,
  minHistory: number,
  forecast: (prefix: Float64Array, h: number) => Float64Array | null
): Float64Array | null {
  const span = Math.max(1, Math.min(h, longest));
  const errors: number[][] = Array.from({ length: span }, () => []);
  let origins = 0;
  for (let j = 1; j <= BACKTEST_ORIGINS; j++) {
    const origin = y.length - j * span;
    if (origin < minHistory) {
      break;
    }
    const f = forecast(y.subarray(0, origin), span);
    if (!f) {
      continue;
    }
    origins++;
    for (let k = 0; k < span; k++) {
      const e = Math.abs(y[origin + k] - f[k]);
      if (Number.isFinite(e)) {
        errors[k].push(e);
      }
    }
  }
  if (origins < 2) {
    return null;
  }
  const measured = new Float64Array(span);
  for (let k = 0; k < span; k++) {
    let sum = 0;
    let count = 0;
    for (let d = -3; d <= 3; d++) {
      for (const e of errors[k + d] ?? []) {
        sum += e;
        count++;
      }
    }
    measured[k] = count > 0 ? sum / count : 0;
  }
  const out = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    out[k] = k < span ? measured[k] : measured[span - 1] * Math.sqrt((k + 1) / span);
  }
  return out;
}

/** Linear interpolation over NaN runs (ends held flat): the moving average needs every value. */
export function fillGaps(y: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(y);
  let prev = -1;
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      continue;
    }
    if (prev === -1) {
      out.fill(out[i], 0, i);
    } else if (i - prev > 1) {
      for (let j = prev + 1; j < i; j++) {
        out[j] = out[prev] + ((out[i] - out[prev]) * (j - prev)) / (i - prev);
      }
    }
    prev = i;
  }
  if (prev >= 0) {
    out.fill(out[prev], prev + 1);
  }
  return out;
}

function amplitude(figure: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of figure) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return (hi - lo) / 2;
}

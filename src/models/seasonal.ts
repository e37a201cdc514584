import { fittedAt, linearFitIndexed, predictionHalfWidth } from '../engine/linearFit';
import { studentTMultiplier } from '../engine/quantiles';
import { detectChangePoints } from '../engine/segments/changePoint';
import { decompose } from '../engine/stats/decompose';
import { detectSeasonality } from '../engine/stats/seasonality';
import { Problem, RegularSeries } from '../engine/types';
import { fitCapacityTrend } from '../engine/capacity/capacityTrend';
import { trendCurve } from './trendFitted';
import { FitOptions, FittedModel, ForecastModel, Prediction } from './types';

/**
 * Seasonal forecast: additive decomposition (statsmodels' seasonal_decompose, trend extrapolated
 * to the edges), then
 *   forecast(x) = line(x) + seasonal[x mod P]
 * where `line` is OLS on the deseasonalised series y − seasonal over its last trend segment.
 * The band is that OLS prediction interval: its s is the spread of the deseasonalised data
 * around the line (the residual component plus what the line misses), and it widens with the
 * distance from the fitted rows.
 */
export const seasonalModel: ForecastModel = {
  name: 'seasonal',
  minPoints: 6,
  fit(series: RegularSeries, options: FitOptions): FittedModel | Problem {
    const y = series.values.subarray(options.fromRow);
    const found = detectSeasonality(y, { stepMs: series.step });
    let period = options.period ?? found.period;
    // A weekly cycle on top of the daily one (weekends): with three weeks of data, decompose by
    // the week, whose profile holds both; with less, the daily profile is the steadier estimate.
    const weekly = found.secondaryPeriod;
    if (weekly !== null && period !== null && weekly % period === 0 && y.length >= 3 * weekly) {
      period = weekly;
    }
    if (period === null) {
      return {
        code: 'model-failed',
        message: 'no seasonal cycle was found in the fit window; choose the linear or last-trend model',
      };
    }
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
    const last = y.length - 1;
    const figure = d.seasonalFigure;
    // Crossings are dated on the capacity trend, as with last-trend: a seasonal disk reaches 90 %
    // when its trend does, not at the first peak of its cycle above the line.
    const capacity = fitCapacityTrend(series.values, series.start, series.step, { fromRow: options.fromRow });
    const fitted = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) {
      fitted[i] = fittedAt(fit, i) + figure[i % period];
    }
    const model: FittedModel = {
      name: 'seasonal',
      anchor: fitted[last],
      fitted: { fromRow: options.fromRow, values: fitted },
      diagnostics: {
        period,
        periodHours: Number.isFinite(series.step) ? (period * series.step) / 3_600_000 : null,
        trendFromRow: options.fromRow + start,
        slopePerStep: fit.slope,
        slopePerDay: (fit.slope * 86_400_000) / series.step,
        seasonalAmplitude: amplitude(figure),
        residualSd: fit.residualSd,
      },
      predict(horizon: number, level: number): Prediction {
        const point = new Float64Array(horizon);
        const lower = new Float64Array(horizon);
        const upper = new Float64Array(horizon);
        const t = studentTMultiplier(level, fit.n - 2);
        for (let k = 0; k < horizon; k++) {
          const x = last + k + 1;
          const p = fittedAt(fit, x) + figure[x % period];
          const hw = predictionHalfWidth(fit, x, t) || 0;
          point[k] = p;
          lower[k] = p - hw;
          upper[k] = p + hw;
        }
        return { point, lower, upper, trend: capacity ? trendCurve(capacity, horizon, level) : undefined };
      },
    };
    return model;
  },
};

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

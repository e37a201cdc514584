import { fittedAt, LinearFit, linearFitIndexed, predictionHalfWidth } from '../engine/linearFit';
import { studentTMultiplier } from '../engine/quantiles';
import { Problem, RegularSeries } from '../engine/types';
import { FitOptions, FittedModel, ForecastModel, Prediction } from './types';

/** The models that forecast one least-squares line. */
type LinearModelName = 'linear' | 'last-trend-peaks';

/**
 * Least squares over the fit window, x = row index (RRDtool's LSLSLOPE/LSLINT/LSLCORREL
 * semantics: gaps keep their index). The band is the OLS prediction interval
 * ŷ ± t(n−2) · s · √(1 + 1/n + (x − x̄)²/Sxx): it widens with distance from the data.
 */
export const linearModel: ForecastModel = {
  name: 'linear',
  minPoints: 3,
  fit(series: RegularSeries, options: FitOptions): FittedModel | Problem {
    return fitLinearFrom(series, options.fromRow, 'linear');
  },
};

/** Shared by linear and the seed's last trend: a line fitted over rows fromRow..last. */
export function fitLinearFrom(series: RegularSeries, fromRow: number, name: LinearModelName): FittedModel | Problem {
  const y = series.values;
  const last = y.length - 1;
  let fit = linearFitIndexed(y, fromRow, y.length);
  let factor = 1;
  // Sums of squares overflow on huge values (1e200) and underflow on tiny ones (1e-200): only then
  // pay a pass for the largest magnitude and refit on the scaled values.
  if (fit.n >= 3 && (!Number.isFinite(fit.residualSd) || !Number.isFinite(fit.slope) || Math.abs(fit.yMean) < 1e-100)) {
    const scale = maxAbs(y, fromRow);
    if (scale > 0 && Number.isFinite(scale)) {
      factor = scale;
      fit = linearFitIndexed(divide(y, scale), fromRow, y.length);
    }
  }
  if (fit.n < 3) {
    return { code: 'too-few-points', message: `a linear fit needs 3 points in the fit window, it has ${fit.n}` };
  }
  const fitted = new Float64Array(y.length - fromRow);
  for (let i = fromRow; i <= last; i++) {
    fitted[i - fromRow] = fittedAt(fit, i) * factor;
  }
  return new LinearFittedModel(name, fit, factor, last, fromRow, fitted, series.step);
}

class LinearFittedModel implements FittedModel {
  readonly anchor: number;
  readonly fitted: { fromRow: number; values: Float64Array };
  readonly diagnostics: FittedModel['diagnostics'];

  constructor(
    readonly name: LinearModelName,
    private readonly fit: LinearFit,
    private readonly factor: number,
    private readonly last: number,
    fromRow: number,
    values: Float64Array,
    step: number
  ) {
    this.anchor = fittedAt(fit, last) * factor;
    this.fitted = { fromRow, values };
    const perStep = fit.slope * factor;
    this.diagnostics = {
      fitFromRow: fromRow,
      points: fit.n,
      slopePerStep: perStep,
      slopePerDay: Number.isFinite(step) ? (perStep * 86_400_000) / step : null,
      // RRDtool's LSLINT is the line's value at the window's first row.
      intercept: fittedAt(fit, fromRow) * factor,
      correlation: fit.r,
      residualSd: fit.residualSd * factor,
    };
  }

  predict(horizon: number, level: number): Prediction {
    const point = new Float64Array(horizon);
    const lower = new Float64Array(horizon);
    const upper = new Float64Array(horizon);
    const t = studentTMultiplier(level, this.fit.n - 2);
    for (let k = 0; k < horizon; k++) {
      const x = this.last + k + 1;
      const p = fittedAt(this.fit, x) * this.factor;
      // A perfect fit (constant or exact line) has s = 0: the band collapses onto the line.
      const hw = (predictionHalfWidth(this.fit, x, t) || 0) * this.factor;
      point[k] = p;
      lower[k] = p - hw;
      upper[k] = p + hw;
    }
    return { point, lower, upper };
  }
}

function maxAbs(y: Float64Array, from: number): number {
  let m = -1;
  for (let i = from; i < y.length; i++) {
    const a = Math.abs(y[i]);
    if (a > m && Number.isFinite(a)) {
      m = a;
    }
  }
  return m < 0 ? NaN : m;
}

function divide(y: Float64Array, s: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    out[i] = y[i] / s;
  }
  return out;
}

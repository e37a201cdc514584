import { normalMultiplier } from '../engine/quantiles';
import { rrdPredict, rrdPredictSigma, RrdPredictSpec } from '../engine/rrd/rrdPredict';
import { detectSeasonality } from '../engine/stats/seasonality';
import { Problem, RegularSeries } from '../engine/types';
import { FitOptions, FittedModel, ForecastModel, Prediction } from './types';

const DAY_MS = 86_400_000;
/** The RRD article's recipe: the same moment on the last 7 periods, each averaged over 30 minutes. */
const SHIFTS = 7;
const WINDOW_MS = 1_800_000;

/**
 * RRDtool's PREDICT / PREDICTSIGMA as a forecaster: a future row is the mean of the rows one,
 * two, … seven periods earlier (each a small window, exactly PREDICT's rows), and the band is
 * ± z · PREDICTSIGMA. Rows further ahead than one period read the forecast itself, period by
 * period, so any horizon works (RRDtool alone stops where its shifts run out of data).
 * The period is the seasonal one when the ACF finds it, else one day.
 */
export const rrdPredictModel: ForecastModel = {
  name: 'rrd-predict',
  minPoints: 3,
  fit(series: RegularSeries, options: FitOptions): FittedModel | Problem {
    const y = series.values.subarray(options.fromRow);
    const detected = options.period ?? detectSeasonality(y, { stepMs: series.step }).period;
    const period = detected ?? Math.max(1, Math.round(DAY_MS / series.step));
    if (y.length < period + 2) {
      return { code: 'too-few-points', message: `RRD PREDICT needs more than one period (${period} steps) of data` };
    }
    // PREDICT's row i reads rows i+1−m−l (an RRD row is stamped at the end of its interval);
    // our rows are point samples, so shift by one more row to end the window on the same phase.
    const spec: RrdPredictSpec = {
      shiftRows: Array.from({ length: SHIFTS }, (_, i) => (i + 1) * period + 1),
      windowSteps: Math.max(0, Math.ceil(WINDOW_MS / series.step) - 1),
    };
    const smoothed = rrdPredict(y, { shiftRows: [1], windowSteps: spec.windowSteps });
    const lastSmooth = smoothed[y.length - 1];
    const anchor = Number.isFinite(lastSmooth) ? lastSmooth : lastFinite(y);
    return {
      name: 'rrd-predict',
      anchor,
      fitted: null,
      diagnostics: { period, shifts: SHIFTS, windowSteps: spec.windowSteps, periodFound: detected !== null },
      predict(horizon: number, level: number): Prediction {
        const n = y.length;
        const ext = new Float64Array(n + horizon).fill(NaN);
        ext.set(y);
        const point = new Float64Array(horizon);
        const lower = new Float64Array(horizon);
        const upper = new Float64Array(horizon);
        const z = normalMultiplier(level);
        // One period at a time: each chunk may read the chunk before it, already forecast.
        for (let from = 0; from < horizon; from += period) {
          const to = Math.min(horizon, from + period);
          const view = ext.subarray(0, n + to);
          const mean = rrdPredict(view, spec);
          const sigma = rrdPredictSigma(view, spec);
          for (let k = from; k < to; k++) {
            const p = mean[n + k];
            const hw = Number.isFinite(sigma[n + k]) ? z * sigma[n + k] : 0;
            point[k] = p;
            lower[k] = p - hw;
            upper[k] = p + hw;
          }
          for (let k = from; k < to; k++) {
            ext[n + k] = point[k];
          }
        }
        return { point, lower, upper };
      },
    };
  },
};

function lastFinite(y: Float64Array): number {
  for (let i = y.length - 1; i >= 0; i--) {
    if (Number.isFinite(y[i])) {
      return y[i];
    }
  }
  return NaN;
}

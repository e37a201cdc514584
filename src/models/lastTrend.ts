import { fitCapacityTrend } from '../engine/capacity/capacityTrend';
import { seedSegmentFit } from '../engine/segments/seedSegmentFit';
import { Problem, RegularSeries } from '../engine/types';
import { fitLinearFrom } from './linear';
import { trendDiagnostics, TrendFittedModel } from './trendFitted';
import { FitOptions, FittedModel, ForecastModel } from './types';

/**
 * "Last trend": the capacity trend (engine/capacity/capacityTrend.ts): the line of the last trend
 * segment, found after removing daily and weekly cycles, spikes and clean-ups, with autocorrelated
 * noise taken into account; a clean-up that leaves the write rate as it was keeps the slope
 * measured before it. The forecast is the trend line; crossings are dated on it.
 */
export const lastTrendModel: ForecastModel = {
  name: 'last-trend',
  minPoints: 3,
  fit(series: RegularSeries, options: FitOptions): FittedModel | Problem {
    const trend = fitCapacityTrend(series.values, series.start, series.step, { fromRow: options.fromRow });
    if (!trend) {
      return { code: 'too-few-points', message: 'the last trend needs 3 points in the fit window' };
    }
    return new TrendFittedModel('last-trend', trend, trendDiagnostics(trend, series.start, series.step));
  },
};

/**
 * The seed's own last trend (shared/seeds/000): its derivative-peak loop (severity 1 %) picks the
 * start after the last peak, then a line is fitted from there. Kept as a named variant for
 * comparison and for the seed's oracle tests; on noisy data its last peak usually lies in the last
 * hours (docs/benchmarks.md).
 */
export const peakLoopLastTrendModel: ForecastModel = {
  name: 'last-trend-peaks',
  minPoints: 3,
  fit(series: RegularSeries, options: FitOptions): FittedModel | Problem {
    const window = series.values.subarray(options.fromRow);
    const start = options.fromRow + seedLastTrendStart(window);
    const fitted = fitLinearFrom(
      series,
      Math.min(start, Math.max(options.fromRow, series.values.length - 3)),
      'last-trend-peaks'
    );
    if ('predict' in fitted) {
      Object.assign(fitted.diagnostics, {
        segmentStart: series.start + start * series.step,
        segmenter: 'seed-peak-loop',
      });
    }
    return fitted;
  },
};

/** The seed's own choice of start (derivative peaks, severity 1 %, "after last peak"), for comparisons. */
export function seedLastTrendStart(values: Float64Array, severity = 1): number {
  return seedSegmentFit(values, severity, 'after_last_peak').start ?? 0;
}

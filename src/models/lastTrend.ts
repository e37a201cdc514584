import { detectChangePoints } from '../engine/segments/changePoint';
import { seedSegmentFit } from '../engine/segments/seedSegmentFit';
import { Problem, RegularSeries } from '../engine/types';
import { fitLinearFrom } from './linear';
import { FitOptions, FittedModel, ForecastModel } from './types';

/** Fewest rows the last segment may have: a fit over fewer is mostly noise. */
const MIN_SEGMENT_ROWS = 6;

/**
 * "Last trend": a linear fit over the last trend segment, after the latest significant slope
 * change. The start comes from a penalised piecewise-linear change-point search
 * (engine/segments/changePoint.ts), not from the seed's derivative-peak loop: on noisy data the
 * loop's last peak usually lies in the last hours, so its "trend" is noise (measured in
 * docs/benchmarks.md). The seed's loop stays available as `seedLastTrendStart` for comparison.
 */
export const lastTrendModel: ForecastModel = {
  name: 'last-trend',
  minPoints: 3,
  fit(series: RegularSeries, options: FitOptions): FittedModel | Problem {
    const window = series.values.subarray(options.fromRow);
    const cp = detectChangePoints(window, { period: options.period });
    let start = options.fromRow + cp.lastStart;
    // Keep enough rows for a stable line when the last change is very recent.
    start = Math.min(start, Math.max(options.fromRow, series.values.length - MIN_SEGMENT_ROWS));
    const fitted = fitLinearFrom(series, start, 'last-trend');
    if ('predict' in fitted) {
      Object.assign(fitted.diagnostics, {
        segmentStart: series.start + start * series.step,
        changePoints: cp.changePoints.length,
        segmenter: 'change-point',
      });
    }
    return fitted;
  },
};

/** The seed's own choice of start (derivative peaks, severity 1 %, "after last peak"), for comparisons. */
export function seedLastTrendStart(values: Float64Array, severity = 1): number {
  return seedSegmentFit(values, severity, 'after_last_peak').start ?? 0;
}

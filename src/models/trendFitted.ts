import { CapacityTrend, trendVarianceAt } from '../engine/capacity/capacityTrend';
import { normalQuantile, studentTMultiplier } from '../engine/quantiles';
import { Diagnostics, FittedModel, ModelName, Prediction, TrendCurve } from './types';

/**
 * Widening of the trend's confidence band for crossing dates, measured on backtests
 * (`npm run bench:dates`, docs/benchmarks.md): with the bare AR(1)-inflated standard errors the
 * [earliest, latest] interval held the true date for 83.8 % of the host volumes (the misses are
 * volumes whose trend is misjudged, e.g. a weekend slowdown in a short last segment); × 2 for
 * 92.1 % at a median width of 6 % of the lead time, × 3 for 95.0 % at 10 % (fleet and white suites:
 * 100 % and 97.9 %).
 */
export const DATE_BAND_CALIBRATION = 3;

/** The trend line and its confidence band over `horizon` steps after the last row. */
export function trendCurve(trend: CapacityTrend, horizon: number, level: number): TrendCurve {
  const point = new Float64Array(horizon);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  const z = normalQuantile((1 + level) / 2) * DATE_BAND_CALIBRATION;
  for (let k = 0; k < horizon; k++) {
    const row = trend.lastRow + k + 1;
    const p = trend.level + trend.slopePerRow * (k + 1);
    const hw = z * Math.sqrt(trendVarianceAt(trend, row));
    point[k] = p;
    lower[k] = p - hw;
    upper[k] = p + hw;
  }
  return { anchor: trend.level, point, lower, upper };
}

/** What the capacity trend says about a series, for diagnostics (CLI JSON, frame meta, panel). */
export function trendDiagnostics(trend: CapacityTrend, start: number, step: number): Diagnostics {
  const perDay = Number.isFinite(step) ? 86_400_000 / step : NaN;
  const cycleNames = trend.cycles.map((c) => (c.periodMs === 86_400_000 ? 'daily' : 'weekly'));
  return {
    fitFromRow: trend.trendStartRow,
    points: trend.points,
    slopePerStep: trend.slopePerRow,
    slopePerDay: Number.isFinite(perDay) ? trend.slopePerRow * perDay : null,
    slopeSdPerDay: Number.isFinite(perDay) ? Math.sqrt(trend.slopeVariance) * perDay : null,
    segmentStart: start + trend.trendStartRow * step,
    lastLevelShift: trend.lastPieceRow > trend.trendStartRow ? start + trend.lastPieceRow * step : null,
    levelShifts: trend.levelShifts,
    slopeChanges: trend.slopeChanges,
    cycles: cycleNames.length > 0 ? cycleNames.join('+') : 'none',
    cycleAmplitude: trend.cycles.length > 0 ? trend.cycles[0].amplitude : 0,
    weekendRate: trend.weekend ? trend.weekend.factor : null,
    noiseSd: Math.sqrt(trend.noise.variance),
    noiseAutocorrelation: trend.noise.phi,
    spikesRemoved: trend.spikes,
    residualSd: Math.sqrt(trend.observationVariance),
    segmenter: 'capacity-trend',
  };
}

/**
 * A fitted model whose forecast is the capacity trend. Its band is for a single future observation
 * (cycles and noise around the trend, plus the trend's own uncertainty); crossings are dated on the
 * trend and its confidence band.
 */
export class TrendFittedModel implements FittedModel {
  readonly anchor: number;
  readonly fitted: { fromRow: number; values: Float64Array };

  constructor(
    readonly name: ModelName,
    private readonly trend: CapacityTrend,
    readonly diagnostics: Diagnostics
  ) {
    this.anchor = trend.level;
    this.fitted = { fromRow: trend.trendStartRow, values: trend.fitted };
  }

  predict(horizon: number, level: number): Prediction {
    const trend = trendCurve(this.trend, horizon, level);
    const lower = new Float64Array(horizon);
    const upper = new Float64Array(horizon);
    const t = studentTMultiplier(level, Math.max(1, this.trend.points - 2));
    for (let k = 0; k < horizon; k++) {
      const row = this.trend.lastRow + k + 1;
      const hw = t * Math.sqrt(this.trend.observationVariance + trendVarianceAt(this.trend, row)) || 0;
      lower[k] = trend.point[k] - hw;
      upper[k] = trend.point[k] + hw;
    }
    return { point: Float64Array.from(trend.point), lower, upper, trend };
  }
}

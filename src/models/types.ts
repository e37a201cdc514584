import { Problem, RegularSeries } from '../engine/types';
import { SeasonalityResult } from '../engine/stats/seasonality';

/** The statistical models: fitted at once (models/forecastSeries.ts: forecastFitted). */
export type StatisticalModelName = 'linear' | 'last-trend' | 'last-trend-peaks' | 'seasonal' | 'rrd-predict';
/** Every model; 'lstm' trains asynchronously (models/registry.ts: TRAINED_MODELS). */
export type ModelName = StatisticalModelName | 'lstm';
/** The models a user can pick; 'auto' chooses among the statistical ones per series. */
export type ModelChoice = ModelName | 'auto';

export const MODEL_CHOICES: readonly ModelChoice[] = [
  'auto',
  'linear',
  'last-trend',
  'last-trend-peaks',
  'seasonal',
  'rrd-predict',
  'lstm',
];

export type Diagnostics = Record<string, number | string | boolean | null>;

/** What a model is fitted with, beyond the series itself. */
export interface FitOptions {
  /** Fit only rows ≥ this index (the fit window); 0 = all rows. */
  fromRow: number;
  /** Seasonal period in steps, when the caller knows it; otherwise models find it themselves. */
  period?: number;
  /** The seasonality test's result on the fit window, when the caller ran it already ('auto'). */
  seasonality?: SeasonalityResult;
}

/** Point forecast and interval for steps 1..h after the last row, as parallel arrays. */
export interface Prediction {
  point: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /**
   * The curve threshold crossings are dated on, when it is not the point forecast: the capacity
   * trend (without the cycles the point forecast draws) and its confidence band, an interval for
   * where the trend is rather than for a single future observation.
   */
  trend?: TrendCurve;
}

/** A trend line over the horizon: its level at the last row, its values and confidence band. */
export interface TrendCurve {
  anchor: number;
  point: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * A fitted model (augurs-style split: an unfitted ForecastModel's `fit` returns this; the
 * unfitted model keeps no state). Statistical models are synchronous; the LSTM model, which
 * trains in a worker, implements the same shape behind a promise in runtime/.
 */
export interface FittedModel {
  readonly name: ModelName;
  /** The model's level at the last row, where the forecast starts. */
  readonly anchor: number;
  /** Fitted values of rows fromRow..last (for drawing the fit), NaN where undefined. */
  readonly fitted: { fromRow: number; values: Float64Array } | null;
  readonly diagnostics: Diagnostics;
  /** Forecast `horizon` steps ahead with a central interval at `level` (0 < level < 1). */
  predict(horizon: number, level: number): Prediction;
}

export interface ForecastModel {
  readonly name: ModelName;
  /** Fewest finite points the model needs. */
  readonly minPoints: number;
  /** Fits the model, or explains why it cannot; never throws on bad data. */
  fit(series: RegularSeries, options: FitOptions): FittedModel | Problem;
}

export function isProblem(x: FittedModel | Problem): x is Problem {
  return (x as Problem).code !== undefined && (x as FittedModel).predict === undefined;
}

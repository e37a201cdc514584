import { fitCapacityTrend } from '../engine/capacity/capacityTrend';
import { findCrossings } from '../engine/crossings';
import { spanToSteps } from '../engine/duration';
import { prepareSeries } from '../engine/prepareSeries';
import { Crossing, Forecast, Notice, Problem, RawSeries, RegularSeries } from '../engine/types';
import { ResolvedForecastOptions } from './forecastOptions';
import { chooseModel, CROSSINGS_FROM_TREND_ALONE, isTrainedModel } from './registry';
import { trendCurve } from './trendFitted';
import { Diagnostics, FittedModel, isProblem, ModelName } from './types';

/** The forecast of one series, or why there is none. Plain data: it crosses worker boundaries. */
export interface SeriesForecast {
  name: string;
  labels: Record<string, string>;
  /** The model used (auto resolved), null when the series could not be forecast. */
  model: ModelName | null;
  /** Grid step in ms (NaN when unknown). */
  step: number;
  lastTime: number | null;
  anchor: number | null;
  forecast: Forecast | null;
  /** The model's fitted values on the grid: value i at start + i·step (no per-point time array: a
   * million-row series would pay more for it than for the whole fit). */
  fitted: { start: number; step: number; values: Float64Array } | null;
  crossings: Crossing[];
  diagnostics: Diagnostics;
  notices: Notice[];
  problem: Problem | null;
}

/** Longest horizon we compute, in steps: beyond it the arrays get large and the band meaningless. */
export const MAX_HORIZON_STEPS = 100_000;

/**
 * A series forecast by a fitted (statistical) model, synchronously: the step of the forecast entry
 * (runtime/forecastSeries.ts) for every model but the trained ones, which share the preparation
 * and completion steps below. Never throws: bad data becomes `problem`, repairs become `notices`.
 */
export function forecastFitted(raw: RawSeries, req: ResolvedForecastOptions): SeriesForecast {
  const prepared = prepareForecast(raw, req);
  return 'result' in prepared ? prepared.result : fitPrepared(prepared.input, req);
}

/** forecastFitted on a series already prepared: the model chosen, fitted and completed. */
function fitPrepared(input: ForecastInput, req: ResolvedForecastOptions): SeriesForecast {
  const { series, fromRow } = input;
  const choice = chooseModel(req.model, series, fromRow);
  if ('code' in choice) {
    return { ...input.base, problem: choice };
  }
  const fitted = choice.model.fit(series, { fromRow, period: choice.period, seasonality: choice.seasonality });
  return completeForecast(input, fitted, req, choice.diagnostics);
}

/**
 * The threshold crossings of a series for a report that prints nothing else (`--output
 * crossings`): forecastFitted's crossings at a fraction of the cost where they need the capacity
 * trend alone (CROSSINGS_FROM_TREND_ALONE): only the trend is fitted, with no seasonality test, no
 * model curve and no band, and the LSTM is not trained. Other models, and series the trend cannot
 * be fitted on, go through forecastFitted (for the LSTM: a too-few-points problem). The result has its crossings and no forecast or fitted values; `model` is null
 * where auto was not resolved. One difference by design: where auto's seasonal fit would fail (a
 * cycle found, yet fewer than 3 points in the last two cycles) the trend's crossings are given
 * instead of the failure.
 */
export function forecastCrossings(raw: RawSeries, req: ResolvedForecastOptions): SeriesForecast {
  if (!CROSSINGS_FROM_TREND_ALONE.includes(req.model)) {
    return forecastFitted(raw, req);
  }
  const prepared = prepareForecast(raw, req);
  if ('result' in prepared) {
    return prepared.result;
  }
  const { base, series, horizon, fromRow } = prepared.input;
  const capacity = fitCapacityTrend(series.values, series.start, series.step, { fromRow });
  if (!capacity) {
    // A trained model has no synchronous fit to fall back on; it would not train on so few points.
    return isTrainedModel(req.model)
      ? { ...base, problem: { code: 'too-few-points', message: 'the capacity trend needs 3 points in the fit window' } }
      : fitPrepared(prepared.input, req);
  }
  const lastTime = base.lastTime as number;
  const trend = trendCurve(capacity, horizon, req.confidence);
  // findCrossings reads the times off the forecast; with a trend it dates on the trend alone.
  const times = forecastTimes(lastTime, series.step, horizon);
  const forecast: Forecast = { times, point: [], lower: [], upper: [], level: req.confidence };
  const crossings = findCrossings({ lastTime, anchor: trend.anchor, forecast, trend }, req.thresholds, req.direction);
  return { ...base, model: req.model === 'auto' ? null : req.model, anchor: trend.anchor, crossings };
}

/** A result with nothing computed yet (a pending or cancelled job, or the start of one). */
export function emptySeriesForecast(
  series: Pick<RawSeries, 'name' | 'labels'>,
  problem: Problem | null = null
): SeriesForecast {
  return {
    name: series.name,
    labels: series.labels,
    model: null,
    step: NaN,
    lastTime: null,
    anchor: null,
    forecast: null,
    fitted: null,
    crossings: [],
    diagnostics: {},
    notices: [],
    problem,
  };
}

/** Resolved options on a prepared regular series: what every model is fitted on. */
export interface ForecastInput {
  /** The result so far (name, labels, step, lastTime, notices). */
  base: SeriesForecast;
  series: RegularSeries;
  /** Horizon in steps (clamped to MAX_HORIZON_STEPS). */
  horizon: number;
  /** First row of the fit window. */
  fromRow: number;
}

/**
 * Prepares the series for the resolved options (shared by fitted and trained models). Returns
 * either the finished result (a problem) or the input to fit a model on.
 */
export function prepareForecast(
  raw: RawSeries,
  req: ResolvedForecastOptions
): { result: SeriesForecast } | { input: ForecastInput } {
  const base = emptySeriesForecast(raw);
  const prepared = prepareSeries(raw.times, raw.values);
  base.notices = prepared.notices;
  const series = prepared.series;
  if (!series) {
    return { result: { ...base, problem: prepared.problem } };
  }
  const lastRow = series.values.length - 1;
  base.step = series.step;
  base.lastTime = series.start + lastRow * (Number.isFinite(series.step) ? series.step : 0);
  if (prepared.finiteCount < 3 || !Number.isFinite(series.step)) {
    return {
      result: {
        ...base,
        problem: {
          code: 'too-few-points',
          message: `at least 3 points are needed to forecast, the series has ${prepared.finiteCount}`,
        },
      },
    };
  }
  let horizon = spanToSteps(req.horizonSpan, series.step);
  if (horizon > MAX_HORIZON_STEPS) {
    base.notices.push({ code: 'clamped-window', message: `horizon cut to ${MAX_HORIZON_STEPS} steps` });
    horizon = MAX_HORIZON_STEPS;
  }
  const fromRow = req.fitWindowSpan ? Math.max(0, lastRow + 1 - spanToSteps(req.fitWindowSpan, series.step)) : 0;
  return { input: { base, series, horizon, fromRow } };
}

/** Turns a fitted model (or its problem) into the result: forecast times, band, crossings, fitted values. */
export function completeForecast(
  input: ForecastInput,
  fitted: FittedModel | Problem,
  req: ResolvedForecastOptions,
  diagnostics: Diagnostics = {}
): SeriesForecast {
  const { series, horizon } = input;
  const base: SeriesForecast = { ...input.base, diagnostics: { ...diagnostics } };
  if (isProblem(fitted)) {
    return { ...base, problem: fitted };
  }
  const lastTime = base.lastTime as number;
  const level = req.confidence;
  const prediction = fitted.predict(horizon, level);
  const forecast: Forecast = {
    times: forecastTimes(lastTime, series.step, horizon),
    point: plainArray(prediction.point),
    lower: plainArray(prediction.lower),
    upper: plainArray(prediction.upper),
    level,
  };
  const crossings = findCrossings(
    { lastTime, anchor: fitted.anchor, forecast, trend: prediction.trend },
    req.thresholds,
    req.direction
  );
  return {
    ...base,
    model: fitted.name,
    anchor: fitted.anchor,
    forecast,
    fitted: fitted.fitted
      ? { start: series.start + fitted.fitted.fromRow * series.step, step: series.step, values: fitted.fitted.values }
      : null,
    crossings,
    diagnostics: { ...base.diagnostics, ...fitted.diagnostics },
  };
}

/** The times of the `horizon` steps after lastTime. */
function forecastTimes(lastTime: number, step: number, horizon: number): number[] {
  const times: number[] = new Array(horizon);
  for (let k = 0; k < horizon; k++) {
    times[k] = lastTime + (k + 1) * step;
  }
  return times;
}

/** A typed array as a plain one, by a loop (`Array.from` walks an iterator: several times slower). */
function plainArray(values: ArrayLike<number>): number[] {
  const out: number[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i];
  }
  return out;
}

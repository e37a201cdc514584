import { findCrossings, ThresholdDirection } from '../engine/crossings';
import { parseSpan, Span, spanToSteps } from '../engine/duration';
import { prepareSeries } from '../engine/prepareSeries';
import { Crossing, Forecast, Notice, Problem, RawSeries, RegularSeries } from '../engine/types';
import { chooseModel } from './registry';
import { Diagnostics, FittedModel, isProblem, ModelChoice, ModelName } from './types';

/** What to forecast, as the panel, the data source and the CLI all ask for it. */
export interface ForecastRequest {
  model: ModelChoice;
  /** Horizon: `14d`, `48h` or a step count (`48`). */
  horizon: string;
  /** Fit window: `7d`, `500` steps, or empty for all the data. */
  fitWindow?: string;
  /** Interval level in (0, 1); default 0.95. */
  confidence?: number;
  thresholds?: number[];
  direction?: ThresholdDirection;
}

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

/** Checks a request once, before any series is touched; returns messages for the user. */
export function validateRequest(req: ForecastRequest): string[] {
  const errors: string[] = [];
  const h = parseSpan(req.horizon);
  if ('error' in h) {
    errors.push(`horizon: ${h.error}`);
  } else if (h.span === null) {
    errors.push('horizon: it is empty; give a duration such as 14d or a step count such as 48');
  }
  const w = parseSpan(req.fitWindow ?? '');
  if ('error' in w) {
    errors.push(`fit window: ${w.error}`);
  }
  const c = req.confidence ?? 0.95;
  if (!(c > 0 && c < 1)) {
    errors.push(`confidence: ${c} must be between 0 and 1 (e.g. 0.95)`);
  }
  return errors;
}

/**
 * The one code path from a raw series to a forecast with its band and threshold crossings.
 * Never throws: bad data or options become `problem`, repairs become `notices`. The LSTM model
 * trains asynchronously: it goes through runtime/forecastSeriesAsync.ts, which shares the
 * preparation and completion steps below; here it is a `bad-option` problem.
 */
export function forecastSeries(raw: RawSeries, req: ForecastRequest): SeriesForecast {
  const prepared = prepareForecast(raw, req);
  if ('result' in prepared) {
    return prepared.result;
  }
  const { series, fromRow } = prepared.input;
  if (req.model === 'lstm') {
    return {
      ...prepared.input.base,
      problem: {
        code: 'bad-option',
        message: 'the LSTM model trains asynchronously; this surface runs only the statistical models',
      },
    };
  }
  const choice = chooseModel(req.model, series, fromRow);
  const fitted = choice.model.fit(series, { fromRow, period: choice.period });
  return completeForecast(prepared.input, fitted, req, choice.diagnostics);
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

/** A validated request on a prepared regular series: what every model is fitted on. */
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
 * Validates the request and prepares the series (shared by the sync and async paths). Returns
 * either the finished result (a problem) or the input to fit a model on.
 */
export function prepareForecast(
  raw: RawSeries,
  req: ForecastRequest
): { result: SeriesForecast } | { input: ForecastInput } {
  const base = emptySeriesForecast(raw);
  const errors = validateRequest(req);
  if (errors.length > 0) {
    return { result: { ...base, problem: { code: 'bad-option', message: errors.join('; ') } } };
  }
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
  const horizonSpan = (parseSpan(req.horizon) as { span: Span }).span;
  let horizon = spanToSteps(horizonSpan, series.step);
  if (horizon > MAX_HORIZON_STEPS) {
    base.notices.push({ code: 'clamped-window', message: `horizon cut to ${MAX_HORIZON_STEPS} steps` });
    horizon = MAX_HORIZON_STEPS;
  }
  const windowParsed = parseSpan(req.fitWindow ?? '') as { span: Span | null };
  const fromRow = windowParsed.span ? Math.max(0, lastRow + 1 - spanToSteps(windowParsed.span, series.step)) : 0;
  return { input: { base, series, horizon, fromRow } };
}

/** Turns a fitted model (or its problem) into the result: forecast times, band, crossings, fitted values. */
export function completeForecast(
  input: ForecastInput,
  fitted: FittedModel | Problem,
  req: ForecastRequest,
  diagnostics: Diagnostics = {}
): SeriesForecast {
  const { series, horizon } = input;
  const base: SeriesForecast = { ...input.base, diagnostics: { ...diagnostics } };
  if (isProblem(fitted)) {
    return { ...base, problem: fitted };
  }
  const lastTime = base.lastTime as number;
  const level = req.confidence ?? 0.95;
  const prediction = fitted.predict(horizon, level);
  const times: number[] = new Array(horizon);
  for (let k = 0; k < horizon; k++) {
    times[k] = lastTime + (k + 1) * series.step;
  }
  const forecast: Forecast = {
    times,
    point: Array.from(prediction.point),
    lower: Array.from(prediction.lower),
    upper: Array.from(prediction.upper),
    level,
  };
  const crossings = findCrossings(
    { lastTime, anchor: fitted.anchor, forecast, trend: prediction.trend },
    req.thresholds ?? [],
    req.direction ?? 'auto'
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

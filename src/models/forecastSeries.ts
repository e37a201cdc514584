import { findCrossings, ThresholdDirection } from '../engine/crossings';
import { parseSpan, Span, spanToSteps } from '../engine/duration';
import { prepareSeries } from '../engine/prepareSeries';
import { Crossing, Forecast, Notice, Problem, RawSeries } from '../engine/types';
import { chooseModel } from './registry';
import { Diagnostics, isProblem, ModelChoice, ModelName } from './types';

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
  fitted: { times: number[]; values: number[] } | null;
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
 * Never throws: bad data or options become `problem`, repairs become `notices`.
 */
export function forecastSeries(raw: RawSeries, req: ForecastRequest): SeriesForecast {
  const base: SeriesForecast = {
    name: raw.name,
    labels: raw.labels,
    model: null,
    step: NaN,
    lastTime: null,
    anchor: null,
    forecast: null,
    fitted: null,
    crossings: [],
    diagnostics: {},
    notices: [],
    problem: null,
  };
  const errors = validateRequest(req);
  if (errors.length > 0) {
    return { ...base, problem: { code: 'bad-option', message: errors.join('; ') } };
  }
  const prepared = prepareSeries(raw.times, raw.values);
  base.notices = prepared.notices;
  const series = prepared.series;
  if (!series) {
    return { ...base, problem: prepared.problem };
  }
  const lastRow = series.values.length - 1;
  base.step = series.step;
  base.lastTime = series.start + lastRow * (Number.isFinite(series.step) ? series.step : 0);
  if (prepared.finiteCount < 3 || !Number.isFinite(series.step)) {
    return {
      ...base,
      problem: { code: 'too-few-points', message: `at least 3 points are needed to forecast, the series has ${prepared.finiteCount}` },
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

  const choice = chooseModel(req.model, series, fromRow);
  base.diagnostics = { ...choice.diagnostics };
  const fitted = choice.model.fit(series, { fromRow, period: choice.period });
  if (isProblem(fitted)) {
    return { ...base, problem: fitted };
  }
  const level = req.confidence ?? 0.95;
  const prediction = fitted.predict(horizon, level);
  const times: number[] = new Array(horizon);
  for (let k = 0; k < horizon; k++) {
    times[k] = base.lastTime + (k + 1) * series.step;
  }
  const forecast: Forecast = {
    times,
    point: Array.from(prediction.point),
    lower: Array.from(prediction.lower),
    upper: Array.from(prediction.upper),
    level,
  };
  const crossings = findCrossings({ lastTime: base.lastTime, anchor: fitted.anchor, forecast }, req.thresholds ?? [], req.direction ?? 'auto');
  return {
    ...base,
    model: fitted.name,
    anchor: fitted.anchor,
    forecast,
    fitted: fitted.fitted ? fittedToTimes(fitted.fitted, series.start, series.step) : null,
    crossings,
    diagnostics: { ...base.diagnostics, ...fitted.diagnostics },
  };
}

function fittedToTimes(f: { fromRow: number; values: Float64Array }, start: number, step: number) {
  const times: number[] = new Array(f.values.length);
  for (let i = 0; i < f.values.length; i++) {
    times[i] = start + (f.fromRow + i) * step;
  }
  return { times, values: Array.from(f.values) };
}

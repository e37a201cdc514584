/**
 * The forecast options every face shares (panel options, data-source query, CLI flags, service
 * job): their type, their defaults and their validation. A face maps its own saved names onto
 * ForecastOptions, resolves them once per query (the horizon and fit window are parsed here, not
 * per series) and hands the resolved options to forecastSeries.
 */
import { ThresholdDirection } from '../engine/crossings';
import { parseSpan, Span } from '../engine/duration';
import { Problem } from '../engine/types';
import { MODEL_CHOICES, ModelChoice } from './types';

export const THRESHOLD_DIRECTIONS: readonly ThresholdDirection[] = ['auto', 'rising', 'falling'];

/** What to forecast, as the panel, the data source, the CLI and the service all ask for it. */
export interface ForecastOptions {
  model: ModelChoice;
  /** Horizon: `14d`, `48h` or a step count (`48`). */
  horizon: string;
  /** Fit window: `7d`, `500` steps, or empty for all the data. */
  fitWindow: string;
  /** Prediction-interval level in (0, 1). */
  confidence: number;
  /** Threshold values whose crossing dates are wanted. */
  thresholds: number[];
  /** Thresholds as upper limits (rising), lower limits (falling), or decided per series. */
  direction: ThresholdDirection;
}

/** The defaults of every face (the panel and the data source show them in their editors). */
export const DEFAULT_FORECAST_OPTIONS: Readonly<ForecastOptions> = {
  model: 'auto',
  horizon: '14d',
  fitWindow: '',
  confidence: 0.95,
  thresholds: [],
  direction: 'auto',
};

/**
 * The CLI's horizon when `--horizon` is absent, as its usage text documents: a week, one that a
 * terminal's text and a CSV of many series stay readable with. Grafana's faces default to 14d.
 */
export const CLI_DEFAULT_HORIZON = '7d';

/** Options checked and parsed once: what forecastSeries runs on. */
export interface ResolvedForecastOptions extends ForecastOptions {
  /** The horizon, parsed. */
  horizonSpan: Span;
  /** The fit window, parsed; null = all the data. */
  fitWindowSpan: Span | null;
}

/** One bad option: which one, and what is wrong with it (for a message that names it). */
export interface OptionError {
  option: keyof ForecastOptions;
  message: string;
}

/** How an option is named in messages (`fit window: "week" is not a duration …`). */
const OPTION_LABELS: Record<keyof ForecastOptions, string> = {
  model: 'model',
  horizon: 'horizon',
  fitWindow: 'fit window',
  confidence: 'confidence',
  thresholds: 'thresholds',
  direction: 'direction',
};

/** `horizon: "2x" is not a duration: …`: the error as one line for the user. */
export function optionErrorText(e: OptionError): string {
  return `${OPTION_LABELS[e.option]}: ${e.message}`;
}

/**
 * Takes the forecast options of `options` (forecastOptionsOf), checks every option and parses the horizon and fit
 * window. Returns the resolved options, or every problem found (in the order of the fields).
 * Values are checked at run time too: saved dashboards and YAML are hand-edited JSON.
 */
export function resolveForecastOptions(
  options: Partial<ForecastOptions>
): { options: ResolvedForecastOptions } | { errors: OptionError[] } {
  const o = forecastOptionsOf(options);
  const errors: OptionError[] = [];
  if (!MODEL_CHOICES.includes(o.model)) {
    errors.push({ option: 'model', message: `"${o.model}" is not one of ${MODEL_CHOICES.join(', ')}` });
  }
  if (!THRESHOLD_DIRECTIONS.includes(o.direction)) {
    errors.push({ option: 'direction', message: `"${o.direction}" is not one of ${THRESHOLD_DIRECTIONS.join(', ')}` });
  }
  if (!Array.isArray(o.thresholds) || o.thresholds.some((t) => typeof t !== 'number' || !Number.isFinite(t))) {
    errors.push({ option: 'thresholds', message: 'every threshold must be a finite number' });
  }
  const horizon = parseSpan(o.horizon);
  let horizonSpan: Span | null = null;
  if ('error' in horizon) {
    errors.push({ option: 'horizon', message: horizon.error });
  } else if (horizon.span === null) {
    errors.push({ option: 'horizon', message: 'it is empty; give a duration such as 14d or a step count such as 48' });
  } else {
    horizonSpan = horizon.span;
  }
  const fitWindow = parseSpan(o.fitWindow);
  if ('error' in fitWindow) {
    errors.push({ option: 'fitWindow', message: fitWindow.error });
  }
  if (!(o.confidence > 0 && o.confidence < 1)) {
    errors.push({ option: 'confidence', message: `${o.confidence} must be between 0 and 1 (e.g. 0.95)` });
  }
  if (errors.length > 0 || horizonSpan === null || 'error' in fitWindow) {
    return { errors };
  }
  return { options: { ...o, horizonSpan, fitWindowSpan: fitWindow.span } };
}

/**
 * The forecast options in `options` (a panel's options, a query, CLI arguments: other fields are
 * left out), absent ones at their defaults.
 */
export function forecastOptionsOf(options: Partial<ForecastOptions>): ForecastOptions {
  const d = DEFAULT_FORECAST_OPTIONS;
  return {
    model: options.model ?? d.model,
    horizon: options.horizon ?? d.horizon,
    fitWindow: options.fitWindow ?? d.fitWindow,
    confidence: options.confidence ?? d.confidence,
    thresholds: options.thresholds ?? d.thresholds,
    direction: options.direction ?? d.direction,
  };
}

/** Bad options as a series' problem, for a face that shows problems per series (the panel). */
export function badOptionsProblem(errors: OptionError[]): Problem {
  return { code: 'bad-option', message: errors.map(optionErrorText).join('; ') };
}

/** The messages of resolveForecastOptions, one line each (empty when the options are fine). */
export function validateForecastOptions(options: Partial<ForecastOptions>): string[] {
  const resolved = resolveForecastOptions(options);
  return 'errors' in resolved ? resolved.errors.map(optionErrorText) : [];
}

/**
 * Resolved options for a caller whose options are known to be valid (benchmarks, tests, options
 * a face has validated already); throws with the messages otherwise.
 */
export function validForecastOptions(options: Partial<ForecastOptions>): ResolvedForecastOptions {
  const resolved = resolveForecastOptions(options);
  if ('errors' in resolved) {
    throw new Error(`invalid forecast options: ${resolved.errors.map(optionErrorText).join('; ')}`);
  }
  return resolved.options;
}

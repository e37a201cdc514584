import { parseArgs } from 'node:util';

import { DEFAULT_DRIFT_POLICY, DEFAULT_LSTM_CONFIG } from '../models/lstm';
import {
  CLI_DEFAULT_HORIZON,
  DEFAULT_FORECAST_OPTIONS,
  ForecastOptions,
  THRESHOLD_DIRECTIONS,
} from '../models/forecastOptions';
import { MODEL_CHOICES, ModelChoice } from '../models/types';
import { TIME_UNITS, TimeUnit } from './timestamps';

export const FORMATS = ['json', 'ndjson', 'csv', 'text'] as const;
export type OutputFormat = (typeof FORMATS)[number];
export const OUTPUTS = ['forecast', 'crossings'] as const;
export type OutputKind = (typeof OUTPUTS)[number];

/** The `forecast` command's arguments: the shared forecast options, and the CLI's own. */
export interface ForecastArgs extends ForecastOptions {
  input: string;
  /** A threshold was written as a percentage (`90%`): the text output says `90%` too. */
  percentThresholds: boolean;
  format: OutputFormat;
  /** What to print: the forecasts, or only the threshold crossings (sorted by time left). */
  output: OutputKind;
  /** Unit of epoch timestamps; absent = told apart by magnitude. */
  timeUnit?: TimeUnit;
  /** Progress on stderr even when it is not a terminal. */
  progress: boolean;
  /** Threads that forecast: this one and jobs − 1 workers (1 = this one only); absent = one per core. */
  jobs?: number;
  /** auto never trains the LSTM (the fitted models only: a fleet report in milliseconds per series). */
  noLstm: boolean;
  /** LSTM weight cache folder ('' = no cache: train on every run). */
  cacheDir: string;
  /** LSTM: ignore cached weights and train from scratch. */
  retrain: boolean;
  /** LSTM: look-back in steps (0 = the seasonal period); absent = default. */
  lookBack?: number;
  /** LSTM: epochs of a cold training; absent = default. */
  epochs?: number;
  /** LSTM: epochs of a fine-tune; absent = default. */
  fineTuneEpochs?: number;
  /** LSTM: relative drift limit; absent = default. */
  driftLimit?: number;
  /** LSTM: drift limit in the series' units; absent = off. */
  driftAbs?: number;
}

export class UsageError extends Error {}

export const USAGE = `usage: trendcast forecast FILE.csv|- [options]
       trendcast run --config trendcast.yaml [--once] [--shard I/N] [--status-file PATH]
       trendcast --version

Reads time series from a CSV file ("-": standard input) and prints their forecasts and the
dates they reach the thresholds.

Input (told apart by the header; quoted cells, a BOM and CRLF line ends are fine):
  timestamp,value  or  series,timestamp,value
  InfluxDB 1.x CSV export (influx -format csv): name,tags,time,<field>...
  InfluxDB 2.x annotated CSV (influx query --raw, the UI's CSV download)
  Times: ISO-8601 / RFC 3339, or Unix epoch seconds, milliseconds, microseconds or nanoseconds
  (told apart by size, see --time-unit).

Options:
  --input FILE       the input file, as an option
  --model NAME       auto | linear | last-trend | last-trend-peaks | seasonal | rrd-predict | lstm
                     (default auto: seasonal series get the LSTM, about a second each to
                     train, the others the capacity trend at once)
  --no-lstm          auto: no LSTM, the statistical seasonal model for seasonal series (a
                     fleet report at milliseconds per series; --output crossings never
                     trains: the dates come from the trend either way)
  --horizon SPAN     how far ahead: steps (48) or a duration (7d, 48h)   (default ${CLI_DEFAULT_HORIZON})
  --fit-window SPAN  fit only the last part of the data (default: all of it)
  --threshold N      a threshold to date, e.g. 90 or 90%; repeat for several
  --direction D      auto | rising | falling: thresholds as upper or lower limits (default auto)
  --confidence C     interval level, 0.95 or 95%                          (default 0.95)
  --format F         json | ndjson | csv | text                           (default json)
                     ndjson: one JSON series per line; text: one line per series and threshold;
                     csv: series,time,value,lower,upper, then (with --threshold) a blank line
                     and the crossings: series,threshold,direction,status,time,earliest,latest,
                     days_left
  --output WHAT      forecast | crossings: the forecasts, or only the threshold dates sorted by
                     time left (series that reach nothing last)           (default forecast)
  --time-unit U      s | ms | us | ns: the unit of epoch timestamps. Default: by size, below
                     1e11 seconds, below 1e14 milliseconds, below 1e17 microseconds, else
                     nanoseconds (right for any date from 1973 to 5138)
  --jobs N           forecast in N threads (this one and N-1 workers), the output in input
                     order all the same; 1 = this thread only (default: one per core;
                     the LSTM trains in every thread)
  --progress         report progress on stderr even when it is not a terminal: the series done
                     so far and the share of the input read (how many series there are is
                     known only at the end)
  --version          print the version
  --cache-dir DIR    lstm: keep trained weights in DIR between runs; later runs forecast from
                     them and fine-tune on the new points only (retrain when the forecast drifts)
  --retrain          lstm: ignore the cached weights and train from scratch
  --look-back N      lstm: steps of history per prediction; 0 = the seasonal period
                                                                          (default ${DEFAULT_LSTM_CONFIG.lookBack})
  --epochs N         lstm: epochs of a training from scratch, per network (default ${DEFAULT_LSTM_CONFIG.epochs})
  --fine-tune-epochs N
                     lstm: epochs of the fine-tune on new points; 0 = none (default ${DEFAULT_LSTM_CONFIG.fineTuneEpochs})
  --drift-limit X    lstm: retrain when the last forecast missed the new points by more than X
                     times the error the model expected                   (default ${DEFAULT_DRIFT_POLICY.relativeLimit})
  --drift-abs X      lstm: also retrain when the last forecast missed the new points by more
                     than X on average, in the series' units              (default: off)

Examples:
  trendcast forecast disk.csv --threshold 90% --horizon 30d
  influx -database telegraf -format csv -execute 'SELECT mean(used_percent) FROM disk
    WHERE time > now() - 30d GROUP BY time(1h), host, path' > disk.csv
  trendcast forecast disk.csv --threshold 90 --output crossings --format text
  trendcast forecast fleet.csv --horizon 30d --threshold 95 --format ndjson | jq .name

Exit codes: 0 done (a series that cannot be forecast says why in its "problem"), 2 bad input
or option (one line on stderr naming the line and column, or the option), 1 internal error.
`;

/** The options parseArgs knows, with the value-taking ones marked. */
const OPTIONS = {
  input: { type: 'string' },
  model: { type: 'string' },
  horizon: { type: 'string' },
  'fit-window': { type: 'string' },
  threshold: { type: 'string', multiple: true },
  direction: { type: 'string' },
  confidence: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'time-unit': { type: 'string' },
  progress: { type: 'boolean' },
  jobs: { type: 'string' },
  'cache-dir': { type: 'string' },
  retrain: { type: 'boolean' },
  'no-lstm': { type: 'boolean' },
  'look-back': { type: 'string' },
  epochs: { type: 'string' },
  'fine-tune-epochs': { type: 'string' },
  'drift-limit': { type: 'string' },
  'drift-abs': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const FLAGS = Object.keys(OPTIONS).map((k) => `--${k}`);

/** Levenshtein distance: how many single-letter edits turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/** The known flag closest to `flag` when it is a likely typo (≤ 2 edits, or a prefix), else null. */
export function closestFlag(flag: string): string | null {
  const name = flag.startsWith('--') ? flag : `--${flag.replace(/^-+/, '')}`;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of FLAGS) {
    const d = candidate.startsWith(name) && name.length > 3 ? 0.5 : editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.min(2, Math.floor((name.length - 2) / 3))) ? best : null;
}

/**
 * A whole number ≥ `min` for `flag` (digits only: `1e3`, `2.5` and `-1` are refused), or a
 * UsageError naming the flag and the value.
 */
/** More threads than any machine here has cores: each is a worker with its own engine. */
const MAX_JOBS = 256;

function wholeNumber(flag: string, v: string, min: number, what: string): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} ${v}: must be a whole number ≥ ${min} (${what})`);
  }
  return n;
}

/** A finite number > 0 for `flag`, or a UsageError naming the flag and the value. */
function positiveNumber(flag: string, v: string, what: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} ${v}: must be a number > 0 (${what})`);
  }
  return n;
}

/** `90` or `90%` as 90 (a threshold is in the series' units; `%` is only read past). */
function thresholdValue(v: string): number {
  const text = v.trim().replace(/\s*%$/, '');
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) {
    throw new UsageError(`--threshold ${v}: not a number (e.g. 90 or 90%)`);
  }
  return n;
}

/** `0.95` or `95%`. */
function confidenceValue(v: string): number {
  const percent = /%\s*$/.test(v);
  const text = v.trim().replace(/\s*%$/, '');
  const c = text === '' ? NaN : Number(text) / (percent ? 100 : 1);
  if (!(c > 0 && c < 1)) {
    throw new UsageError(`--confidence ${v}: must be between 0 and 1, e.g. 0.95 or 95%`);
  }
  return c;
}

function choice<T extends string>(flag: string, v: string, choices: readonly T[]): T {
  const found = choices.find((c) => c === v.trim().toLowerCase());
  if (!found) {
    throw new UsageError(`${flag} ${v}: choose one of ${choices.join(', ')}`);
  }
  return found;
}

/**
 * `--threshold -5` as `--threshold=-5`: parseArgs takes a value starting with a dash for an
 * option, so a negative number after a value-taking flag is joined to it first.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    const spec = (OPTIONS as Record<string, { type: string }>)[name];
    const next = argv[i + 1];
    if (spec?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

/** parseArgs' errors as one line naming the flag. */
function usageErrorOf(e: unknown, argv: string[]): UsageError {
  const err = e as { code?: string; message?: string };
  const flag = /'(-[^' ]*)/.exec(err.message ?? '')?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const hint = closestFlag(flag);
    return new UsageError(
      `unknown option ${flag}${hint ? `; did you mean ${hint}?` : ''} (trendcast forecast --help lists them)`
    );
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const long = flag.startsWith('--')
      ? flag
      : `--${Object.entries(OPTIONS).find(([, o]) => 'short' in o && `-${o.short}` === flag)?.[0] ?? flag}`;
    const spec = (OPTIONS as Record<string, { type: string }>)[long.slice(2)];
    if (spec?.type === 'boolean') {
      return new UsageError(`${long} takes no value`);
    }
    const i = argv.indexOf(long);
    const next = i >= 0 ? argv[i + 1] : undefined;
    return new UsageError(
      next === undefined
        ? `${long} needs a value`
        : `${long} needs a value; to give one that starts with "-", write ${long}=${next}`
    );
  }
  return new UsageError(err.message?.split('\n')[0] ?? String(e));
}

/** `--help` / `--version` anywhere in the arguments. */
export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Parses `forecast` arguments with util.parseArgs; throws UsageError with a one-line message. */
export function parseForecastArgs(argv: string[]): ForecastArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  const joined = joinNegativeValues(argv);
  try {
    parsed = parseArgs({ args: joined, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageErrorOf(e, joined);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1 || (positionals.length === 1 && v.input !== undefined)) {
    throw new UsageError(
      `one input file only, found ${[...(v.input !== undefined ? [v.input] : []), ...positionals].join(' and ')}`
    );
  }
  const args: ForecastArgs = {
    input: v.input ?? positionals[0] ?? '',
    model:
      v.model === undefined
        ? DEFAULT_FORECAST_OPTIONS.model
        : choice('--model', v.model, MODEL_CHOICES as readonly ModelChoice[]),
    horizon: v.horizon ?? CLI_DEFAULT_HORIZON,
    fitWindow: v['fit-window'] ?? DEFAULT_FORECAST_OPTIONS.fitWindow,
    thresholds: (v.threshold ?? []).map(thresholdValue),
    percentThresholds: (v.threshold ?? []).some((t) => /%\s*$/.test(t)),
    confidence: v.confidence === undefined ? DEFAULT_FORECAST_OPTIONS.confidence : confidenceValue(v.confidence),
    direction:
      v.direction === undefined
        ? DEFAULT_FORECAST_OPTIONS.direction
        : choice('--direction', v.direction, THRESHOLD_DIRECTIONS),
    format: v.format === undefined ? 'json' : choice('--format', v.format, FORMATS),
    output: v.output === undefined ? 'forecast' : choice('--output', v.output, OUTPUTS),
    timeUnit: v['time-unit'] === undefined ? undefined : choice('--time-unit', v['time-unit'], TIME_UNITS),
    progress: v.progress ?? false,
    cacheDir: v['cache-dir'] ?? '',
    retrain: v.retrain ?? false,
    noLstm: v['no-lstm'] ?? false,
  };
  if (args.noLstm && args.model === 'lstm') {
    throw new UsageError('--no-lstm with --model lstm: choose one');
  }
  if (v.jobs !== undefined) {
    args.jobs = wholeNumber('--jobs', v.jobs, 1, 'threads that forecast; 1 = one thread');
    if (args.jobs > MAX_JOBS) {
      // Each worker holds its own engine and queue: beyond the cores it only costs memory.
      throw new UsageError(`--jobs ${v.jobs}: at most ${MAX_JOBS} threads`);
    }
  }
  if (v['look-back'] !== undefined) {
    args.lookBack = wholeNumber('--look-back', v['look-back'], 0, 'steps; 0 = the seasonal period');
  }
  if (v.epochs !== undefined) {
    args.epochs = wholeNumber('--epochs', v.epochs, 1, 'epochs of a training from scratch');
  }
  if (v['fine-tune-epochs'] !== undefined) {
    args.fineTuneEpochs = wholeNumber(
      '--fine-tune-epochs',
      v['fine-tune-epochs'],
      0,
      'epochs of a fine-tune; 0 = none'
    );
  }
  if (v['drift-limit'] !== undefined) {
    args.driftLimit = positiveNumber('--drift-limit', v['drift-limit'], 'relative drift, e.g. 2.5');
  }
  if (v['drift-abs'] !== undefined) {
    args.driftAbs = positiveNumber('--drift-abs', v['drift-abs'], "drift in the series' units, e.g. 10");
  }
  if (!args.input) {
    throw new UsageError('no input: give a file (trendcast forecast disk.csv), or - for standard input');
  }
  return args;
}

import { basename } from 'node:path';

import { RawSeries } from '../engine/types';
import { ForecastRequest, forecastSeries, SeriesForecast, validateRequest } from '../models/forecastSeries';
import { createFileWeightStore } from '../runtime/fileWeightStore';
import { forecastSeriesAsync, LstmContext } from '../runtime/forecastSeriesAsync';
import { LstmStatus } from '../runtime/lstmRefresh';
import { driftPolicyFromOptions, LstmUserOptions, lstmConfigFromOptions } from '../runtime/lstmUserOptions';
import { ForecastArgs, parseForecastArgs, USAGE, UsageError } from './args';
import { InputError, parseSeriesCsv } from './csvInput';
import { toCsvOutput, toJsonOutput } from './output';

export interface CliIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

type Parsed = { code: number } | { args: ForecastArgs; request: ForecastRequest; series: RawSeries[] };

/** Everything before forecasting: command, options, input. A number is the exit code to return now. */
function parseRun(argv: string[], io: CliIo): Parsed {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return { code: command === undefined ? 2 : 0 };
  }
  if (command !== 'forecast') {
    io.stderr(`trendcast: unknown command "${command}"; try: trendcast forecast --input FILE.csv\n`);
    return { code: 2 };
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return { code: 0 };
  }
  const args = parseForecastArgs(rest);
  const request: ForecastRequest = {
    model: args.model,
    horizon: args.horizon,
    fitWindow: args.fitWindow,
    confidence: args.confidence,
    thresholds: args.thresholds,
    direction: args.direction,
  };
  const bad = validateRequest(request);
  if (bad.length > 0) {
    throw new UsageError(bad.join('; '));
  }
  let text: string;
  try {
    text = io.readFile(args.input);
  } catch (e) {
    throw new UsageError(`cannot read ${args.input}: ${(e as Error).message}`);
  }
  return { args, request, series: parseSeriesCsv(text) };
}

function print(io: CliIo, args: ForecastArgs, results: SeriesForecast[], lstm?: Array<LstmStatus | null>): void {
  io.stdout(args.format === 'csv' ? toCsvOutput(results) : JSON.stringify(toJsonOutput(results, lstm), null, 2) + '\n');
}

/** The LSTM flags as the options the panel and the data source save (validated by parseForecastArgs). */
function lstmOptionsOf(args: ForecastArgs): LstmUserOptions {
  return {
    lstmLookBack: args.lookBack,
    lstmEpochs: args.epochs,
    lstmFineTuneEpochs: args.fineTuneEpochs,
    lstmDriftLimit: args.driftLimit,
    lstmDriftAbsoluteLimit: args.driftAbs,
  };
}

function failure(io: CliIo, e: unknown): number {
  if (e instanceof UsageError || e instanceof InputError) {
    io.stderr(`trendcast: ${e.message}\n`);
    return 2;
  }
  io.stderr(`trendcast: internal error: ${(e as Error).stack ?? String(e)}\n`);
  return 1;
}

/**
 * The whole CLI as a function of argv and I/O, so tests run it without a process. Returns the
 * exit code. Synchronous: the statistical models only (`--model lstm` needs runCliAsync).
 */
export function runCli(argv: string[], io: CliIo): number {
  try {
    const parsed = parseRun(argv, io);
    if ('code' in parsed) {
      return parsed.code;
    }
    print(io, parsed.args, parsed.series.map((s) => forecastSeries(s, parsed.request)));
    return 0;
  } catch (e) {
    return failure(io, e);
  }
}

/**
 * The CLI for every model, the LSTM included (what `trendcast` runs). With `--cache-dir DIR` the
 * LSTM's weights persist in DIR (one file per series), keyed by the input path and the series, so
 * a scheduled job keeps its models warm between runs as the seed's retraining script did.
 * `--look-back`, `--epochs`, `--fine-tune-epochs` set the model's configuration (another one is
 * another cache entry), `--drift-limit` / `--drift-abs` its drift policy. With `--model lstm` each
 * JSON series has an `lstm` object: the model's status with its held-out backtest.
 */
export async function runCliAsync(argv: string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseRun(argv, io);
    if ('code' in parsed) {
      return parsed.code;
    }
    const { args, request, series } = parsed;
    const userOptions = lstmOptionsOf(args);
    const lstm: LstmContext = {
      store: args.cacheDir ? createFileWeightStore(args.cacheDir) : null,
      dashboardUid: 'cli',
      panelId: args.input === '-' ? 'stdin' : basename(args.input),
      config: lstmConfigFromOptions(userOptions),
      drift: driftPolicyFromOptions(userOptions),
      forceRetrain: args.retrain,
    };
    const results: SeriesForecast[] = [];
    const statuses: Array<LstmStatus | null> = [];
    for (const s of series) {
      const out = await forecastSeriesAsync(s, request, lstm);
      const status = out.lstm;
      statuses.push(status);
      if (status) {
        // The model's status travels in the diagnostics (JSON output), as the panel shows it.
        out.result.diagnostics = {
          ...out.result.diagnostics,
          lstmTrainedAt: new Date(status.trainedAt).toISOString(),
          lstmDrift: status.drift ? status.drift.relative : null,
          lstmCacheNote: status.cacheNote,
        };
      }
      results.push(out.result);
    }
    print(io, args, results, request.model === 'lstm' ? statuses : undefined);
    return 0;
  } catch (e) {
    return failure(io, e);
  }
}

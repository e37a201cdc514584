import { availableParallelism } from 'node:os';
import { basename } from 'node:path';

import { RawSeries } from '../engine/types';
import { optionErrorText, resolveForecastOptions, ResolvedForecastOptions } from '../models/forecastOptions';
import { isTrainedModel } from '../models/registry';
import { ForecastContext, forecastSeries } from '../runtime/forecastSeries';
import { driftPolicyFromOptions, LstmUserOptions, lstmConfigFromOptions } from '../runtime/lstmUserOptions';
import { ForecastArgs, parseForecastArgs, USAGE, UsageError, wantsHelp } from './args';
import { InputError, readSeries } from './csvInput';
import { ForecastPool, ForecastWorkerData, WorkerCrash, WorkerHandle, WorkerLstm } from './forecastPool';
import { fittedFor, partWithStatus, trainingContext } from './forecastWorker';
import { createWriter, SeriesPart, WriterOptions } from './output';

export interface CliIo {
  /** The input's bytes or text in chunks; `-` is standard input. May throw or fail while read. */
  openInput(path: string): AsyncIterable<Buffer | string>;
  /** Writes to standard output; a promise when the reader should wait (backpressure). */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
  /** Standard error is a terminal: progress is shown without --progress. */
  stderrIsTTY?: boolean;
  /** The package version, for --version. */
  version?: string;
  /** Milliseconds clock for progress (tests pass their own). */
  now?(): number;
  /** Size of the input in bytes when known (a file), for the progress line. */
  sizeOf?(path: string): number | null;
  /** Starts a forecast worker thread; absent: every series is forecast in this thread. */
  startWorker?(data: ForecastWorkerData): WorkerHandle;
}

/** How often progress is printed. */
export const PROGRESS_EVERY_MS = 2000;

/**
 * Series in flight per worker thread: enough that a worker never waits for the next one, few
 * enough that memory stays bounded (the reader waits while this many are out).
 */
export const IN_FLIGHT_PER_JOB = 4;

type Parsed = { code: number } | { args: ForecastArgs; request: ResolvedForecastOptions };

/** Everything before reading: command and options. A number is the exit code to return now. */
function parseRun(argv: string[], io: CliIo): Parsed {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(USAGE);
    return { code: 2 };
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return { code: 0 };
  }
  if (
    command === '--version' ||
    command === '-V' ||
    (command === 'forecast' && (rest.includes('--version') || rest.includes('-V')))
  ) {
    io.stdout(`trendcast ${io.version ?? 'unknown'}\n`);
    return { code: 0 };
  }
  if (command !== 'forecast') {
    io.stderr(
      `trendcast: unknown command "${command}"; try: trendcast forecast FILE.csv, or trendcast run --config FILE (trendcast --help)\n`
    );
    return { code: 2 };
  }
  if (wantsHelp(rest)) {
    io.stdout(USAGE);
    return { code: 0 };
  }
  const args = parseForecastArgs(rest);
  const resolved = resolveForecastOptions(args);
  if ('errors' in resolved) {
    throw new UsageError(resolved.errors.map(optionErrorText).join('; '));
  }
  if (args.output === 'crossings' && args.thresholds.length === 0) {
    throw new UsageError('--output crossings needs at least one --threshold');
  }
  return { args, request: resolved.options };
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
  if (e instanceof WorkerCrash) {
    io.stderr(`trendcast: ${e.message} (--jobs 1 forecasts in one thread)\n${e.detail === '' ? '' : `${e.detail}\n`}`);
    return 1;
  }
  io.stderr(`trendcast: internal error: ${(e as Error).stack ?? String(e)}\n`);
  return 1;
}

/** The input, with a failure to open or read it as a usage error naming the file; counts bytes read. */
async function* readable(io: CliIo, path: string, counter: { bytes: number }): AsyncIterable<Buffer | string> {
  let source: AsyncIterable<Buffer | string>;
  try {
    source = io.openInput(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer | string>;
    try {
      next = await it.next();
    } catch (e) {
      throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
    }
    if (next.done) {
      return;
    }
    counter.bytes += next.value.length;
    yield next.value;
  }
}

/**
 * `trendcast: 4,200 series done so far, 42 % of the input read, 12 s`. The number of series is
 * known only once the input ends, so the share of the input's bytes read stands for the rest.
 */
export function progressLine(done: number, seconds: number, fraction: number | null, finished = false): string {
  const read = fraction !== null && !finished ? `, ${Math.floor(fraction * 100)} % of the input read` : '';
  return `trendcast: ${done.toLocaleString('en-US')} series done${finished ? '' : ' so far'}${read}, ${Math.round(seconds)} s\n`;
}

/**
 * The whole CLI as a function of argv and I/O, so tests run it without a process; returns the exit
 * code. Reads the input as a stream and forecasts each series as soon as its rows are complete
 * (grouped input), in this thread or (`--jobs`) in worker threads, writing the outputs in input
 * order: memory holds a chunk of input, the series still open and the outputs of at most
 * jobs × IN_FLIGHT_PER_JOB series (`--output crossings`, the CSV's crossings table: the crossings
 * too, to write them at the end).
 *
 * With `--cache-dir DIR` the LSTM's weights persist in DIR (one file per series), keyed by the
 * input path and the series, so a scheduled job keeps its models warm between runs. `--look-back`,
 * `--epochs`, `--fine-tune-epochs` set the model's configuration (another one is another cache
 * entry), `--drift-limit` / `--drift-abs` its drift policy. With `--model lstm` each JSON series
 * has an `lstm` object: the model's status with its held-out backtest; with `auto`, each series
 * the LSTM was trained for.
 */
export async function runCliAsync(argv: string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseRun(argv, io);
    if ('code' in parsed) {
      return parsed.code;
    }
    const { args, request } = parsed;
    const userOptions = lstmOptionsOf(args);
    // auto trains the LSTM for seasonal series unless told not to, and nothing trains where only
    // the crossings are printed: they are dated on the capacity trend, whichever model draws the
    // forecast (forecastCrossings).
    const trainsLstm =
      args.output !== 'crossings' && (isTrainedModel(request.model) || (request.model === 'auto' && !args.noLstm));
    // A trained model's JSON series carry its status (`lstm`, null when it did not get that far);
    // auto's, on the series it trained the LSTM for.
    const reportsStatus = isTrainedModel(request.model);
    const lstm: WorkerLstm | undefined = trainsLstm
      ? {
          cacheDir: args.cacheDir,
          dashboardUid: 'cli',
          panelId: args.input === '-' ? 'stdin' : basename(args.input),
          config: lstmConfigFromOptions(userOptions),
          drift: driftPolicyFromOptions(userOptions),
          forceRetrain: args.retrain,
          reportsStatus,
        }
      : undefined;
    const context: ForecastContext = lstm ? await trainingContext(lstm) : {};
    const writerOptions: WriterOptions = { format: args.format, output: args.output, percent: args.percentThresholds };
    const writer = createWriter(writerOptions);
    // This thread and jobs − 1 worker threads forecast: no more threads than cores by default. A
    // run that trains the LSTM trains in every thread, each series against the one weight cache.
    const jobs = args.jobs ?? availableParallelism();
    const startWorker = io.startWorker;
    const pool =
      jobs > 1 && startWorker
        ? new ForecastPool(() => startWorker({ request, writer: writerOptions, lstm }), jobs - 1)
        : null;
    // This thread's own forecast of a series, as a worker's would be.
    const fitted = fittedFor(writerOptions);
    const partHere = async (s: RawSeries): Promise<SeriesPart> => {
      if (!lstm) {
        return writer.part(fitted(s, request));
      }
      const out = await forecastSeries(s, request, context);
      return partWithStatus(writer, out.result, out.lstm, reportsStatus);
    };
    const workersFull = (jobs - 1) * IN_FLIGHT_PER_JOB;
    const now = io.now ?? Date.now;
    const started = now();
    const showProgress = args.progress || io.stderrIsTTY === true;
    let lastProgress = started;
    let done = 0;
    let begun = false;
    const counter = { bytes: 0 };
    let size: number | null = null;
    try {
      size = io.sizeOf?.(args.input) ?? null;
    } catch {
      size = null;
    }

    const write = async (text: string) => {
      if (text !== '') {
        await io.stdout(text);
      }
    };
    const seriesDone = () => {
      done++;
      const t = now();
      if (showProgress && t - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = t;
        io.stderr(progressLine(done, (t - started) / 1000, size ? Math.min(1, counter.bytes / size) : null));
      }
    };
    const writePart = async (part: SeriesPart) => {
      if (part.warning) {
        io.stderr(part.warning);
      }
      for (const piece of writer.add(part)) {
        await write(piece);
      }
    };
    // The series being forecast, in input order: written as they come back in turn.
    const inFlight: Array<Promise<SeriesPart>> = [];
    const writeOldest = async () => {
      await writePart(await inFlight.shift()!);
      seriesDone();
    };
    const forecastOne = async (s: RawSeries): Promise<void> => {
      if (!begun) {
        begun = true;
        await write(writer.begin());
      }
      if (pool) {
        if (pool.waiting >= workersFull) {
          // Let the workers' answers in first (they arrive as events, not while this thread reads).
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        // With the workers full this thread forecasts the series itself, instead of waiting.
        const part = pool.waiting >= workersFull ? partHere(s) : pool.forecast(s);
        // Awaited in turn below; a failure before its turn is not an unhandled rejection.
        part.catch(() => undefined);
        inFlight.push(part);
        while (inFlight.length >= jobs * IN_FLIGHT_PER_JOB) {
          await writeOldest();
        }
        return;
      }
      await writePart(await partHere(s));
      seriesDone();
    };

    try {
      try {
        await readSeries(readable(io, args.input, counter), forecastOne, { timeUnit: args.timeUnit });
      } catch (e) {
        // A bad line: what was read before it is written first, as in one thread.
        if (e instanceof InputError || e instanceof UsageError) {
          while (inFlight.length > 0) {
            await writeOldest().catch(() => undefined);
          }
        }
        throw e;
      }
      while (inFlight.length > 0) {
        await writeOldest();
      }
    } finally {
      await pool?.close();
    }
    await write(writer.end());
    if (showProgress && now() - started >= PROGRESS_EVERY_MS) {
      io.stderr(progressLine(done, (now() - started) / 1000, null, true));
    }
    return 0;
  } catch (e) {
    return failure(io, e);
  }
}

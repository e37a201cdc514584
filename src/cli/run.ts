import { forecastSeries, validateRequest } from '../models/forecastSeries';
import { parseForecastArgs, USAGE, UsageError } from './args';
import { InputError, parseSeriesCsv } from './csvInput';
import { toCsvOutput, toJsonOutput } from './output';

export interface CliIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The whole CLI as a function of argv and I/O, so tests run it without a process. Returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'forecast') {
    io.stderr(`trendcast: unknown command "${command}"; try: trendcast forecast --input FILE.csv\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const args = parseForecastArgs(rest);
    const request = {
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
    const series = parseSeriesCsv(text);
    const results = series.map((s) => forecastSeries(s, request));
    io.stdout(args.format === 'csv' ? toCsvOutput(results) : JSON.stringify(toJsonOutput(results), null, 2) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr(`trendcast: ${e.message}\n`);
      return 2;
    }
    io.stderr(`trendcast: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

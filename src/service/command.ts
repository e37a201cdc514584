/**
 * `trendcast run --config FILE [--once] [--shard I/N] [--status-file PATH] [--cache-dir DIR]`:
 * the headless job. Without --once it runs at every multiple of `every` until SIGTERM or SIGINT
 * (the run in progress finishes first). Exit status: 0 when the (last) run wrote every job,
 * 1 when a job's query or writes failed, 2 for a bad command line or configuration (one line
 * naming the option or the key).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

import { ConfigError, credentialsFromEnv, parseConfig, ServiceConfig } from './config';
import { createInfluxClient } from './influxClient';
import { Logger, logfmtLogger } from './log';
import { RunReport, runOnce } from './runService';
import { parseShard, Shard } from './shard';

export const RUN_USAGE = `usage: trendcast run --config FILE.yaml [options]

  --config FILE       the service configuration (YAML): influxdb, every, jobs, …
  --once              run every job once and exit (for a CronJob); default: run at every
                      multiple of \`every\` until SIGTERM
  --shard I/N         take only the series whose key hashes to shard I of N (0 ≤ I < N)
  --status-file PATH  keep a JSON status there: last run start/end, series done, failures
  --cache-dir DIR     LSTM weight cache folder (overrides cacheDir of the file)

  Credentials come from the environment: TRENDCAST_INFLUX_USERNAME and
  TRENDCAST_INFLUX_PASSWORD, or TRENDCAST_INFLUX_TOKEN.
`;

export interface RunArgs {
  config: string;
  once: boolean;
  shard: Shard | null;
  statusFile: string;
  cacheDir: string | null;
}

export class RunUsageError extends Error {}

export function parseRunArgs(argv: string[]): RunArgs {
  const args: RunArgs = { config: '', once: false, shard: null, statusFile: '', cacheDir: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) {
        throw new RunUsageError(`${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--config':
        args.config = value();
        break;
      case '--once':
        args.once = true;
        break;
      case '--shard': {
        const s = parseShard(value());
        if ('error' in s) {
          throw new RunUsageError(s.error);
        }
        args.shard = s;
        break;
      }
      case '--status-file':
        args.statusFile = value();
        break;
      case '--cache-dir':
        args.cacheDir = value();
        break;
      default:
        throw new RunUsageError(`unknown option ${flag} (see trendcast run --help)`);
    }
  }
  if (!args.config) {
    throw new RunUsageError('--config FILE is required');
  }
  return args;
}

export interface RunIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT); absent: never. */
  stopSignal?: Promise<void>;
  clock?: () => number;
}

interface StatusFile {
  state: 'running' | 'idle' | 'stopped';
  pid: number;
  shard: string | null;
  currentRunStartedAt: string | null;
  nextRunAt: string | null;
  lastRun: RunReport | null;
}

/** Replaces the status file atomically (temporary file, then rename); a failure is logged, not fatal. */
function writeStatus(path: string, status: StatusFile, logger: Logger): void {
  if (!path) {
    return;
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(status, null, 2) + '\n');
    renameSync(tmp, path);
  } catch (e) {
    logger.log('warn', 'status-file-failed', { path, error: (e as Error).message });
  }
}

function summary(logger: Logger, r: RunReport): void {
  logger.log(r.ok ? 'info' : 'error', 'run-done', {
    ok: r.ok,
    run_time: r.runTime,
    shard: r.shard,
    series: r.series,
    done: r.done,
    problems: r.problems,
    failed_jobs: r.jobs.filter((j) => j.failed).length,
    lines: r.linesWritten,
    requests: r.requests,
    duration_s: r.durationMs / 1000,
    series_per_s: r.durationMs > 0 ? Math.round((r.done / r.durationMs) * 1e5) / 100 : undefined,
  });
}

/** The command as a function of argv and I/O; resolves with the exit status. */
export async function runServiceCommand(argv: string[], io: RunIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  const clock = io.clock ?? Date.now;
  let args: RunArgs;
  let config: ServiceConfig;
  let credentials;
  try {
    args = parseRunArgs(argv);
    let text: string;
    try {
      text = readFileSync(args.config, 'utf8');
    } catch (e) {
      throw new RunUsageError(`cannot read --config ${args.config}: ${(e as Error).message}`);
    }
    config = parseConfig(text);
    credentials = credentialsFromEnv(io.env);
  } catch (e) {
    if (e instanceof RunUsageError || e instanceof ConfigError) {
      const where = e instanceof ConfigError ? 'config error: ' : '';
      io.stderr(`trendcast run: ${where}${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.cacheDir !== null) {
    config = { ...config, cacheDir: args.cacheDir };
  }
  const logger = logfmtLogger(io.stderr, clock);
  let stopping = false;
  let wake: (() => void) | null = null;
  void io.stopSignal?.then(() => {
    stopping = true;
    logger.log('info', 'stopping', { reason: 'signal' });
    wake?.();
  });
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopping) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });
  const client = createInfluxClient({ settings: config.influxdb, credentials, retry: config.retry, logger, sleep });
  const shardText = args.shard ? `${args.shard.index}/${args.shard.count}` : null;
  let lastRun: RunReport | null = null;
  /** The status file of a job that has stopped (after --once, or on a signal). */
  const writeStopped = (run: typeof lastRun): void =>
    writeStatus(
      args.statusFile,
      {
        state: 'stopped',
        pid: process.pid,
        shard: shardText,
        currentRunStartedAt: null,
        nextRunAt: null,
        lastRun: run,
      },
      logger
    );
  for (;;) {
    const now = clock();
    writeStatus(
      args.statusFile,
      {
        state: 'running',
        pid: process.pid,
        shard: shardText,
        currentRunStartedAt: new Date(now).toISOString(),
        nextRunAt: null,
        lastRun,
      },
      logger
    );
    lastRun = await runOnce({ config, client, logger, shard: args.shard, now });
    summary(logger, lastRun);
    if (args.once || stopping) {
      writeStopped(lastRun);
      return lastRun.ok ? 0 : 1;
    }
    const next = (Math.floor(clock() / config.everyMs) + 1) * config.everyMs;
    writeStatus(
      args.statusFile,
      {
        state: 'idle',
        pid: process.pid,
        shard: shardText,
        currentRunStartedAt: null,
        nextRunAt: new Date(next).toISOString(),
        lastRun,
      },
      logger
    );
    logger.log('info', 'sleep', { next_run: new Date(next).toISOString() });
    await sleep(Math.max(0, next - clock()));
    if (stopping) {
      writeStopped(lastRun);
      return 0;
    }
  }
}

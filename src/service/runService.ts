/**
 * One run of the headless job: for each configured job, query InfluxDB as Grafana would, forecast
 * every series of this shard through the one engine path (runtime/forecastSeries, as the CLI), and
 * write the results back:
 *   - trendcast_forecast: one point per forecast step at its target time (value, lower, upper,
 *     issued_s), tag model;
 *   - trendcast_crossing: one point per series × threshold at the run time (rounded down to the
 *     schedule), tag threshold (as written in the config);
 *   - trendcast_drift: the previous run's forecast against the values that arrived since (read
 *     back from trendcast_forecast): mean residual, mean absolute error, the drift score.
 * Every point also carries the series' own tags, `job` and `measurement`. Points are keyed by
 * measurement, tags and time, so a rerun (or a retried write) overwrites instead of adding.
 *
 * A series that cannot be forecast (all nulls, too few points) is a `problem`: logged, counted,
 * skipped; the others go on. A query that fails fails its job only. A write that still fails
 * after its retries ends the run (InfluxDB is gone): the next run writes everything again.
 */
import { normalMultiplier } from '../engine/quantiles';
import { RawSeries } from '../engine/types';
import { emptySeriesForecast, SeriesForecast } from '../models/forecastSeries';
import { createFileWeightStore } from '../runtime/fileWeightStore';
import { ForecastContext, forecastSeries } from '../runtime/forecastSeries';
import { createInProcessLstmRunner } from '../runtime/inProcessLstmRunner';
import { LstmStatus } from '../runtime/lstmRefresh';
import { driftPolicyFromOptions, lstmConfigFromOptions } from '../runtime/lstmUserOptions';
import { WeightStore } from '../runtime/weightStore';
import { JobConfig, ServiceConfig } from './config';
import { InfluxClient, InfluxError, QuerySeries } from './influxClient';
import { Point, toLine } from './lineProtocol';
import { Logger } from './log';
import { seriesKey, Shard, shardOf } from './shard';

export const FORECAST_MEASUREMENT = 'trendcast_forecast';
export const CROSSING_MEASUREMENT = 'trendcast_crossing';
export const DRIFT_MEASUREMENT = 'trendcast_drift';

/** The least time_left_s written for a threshold not crossed within the horizon: a year. */
export const BEYOND_MIN_S = 365 * 86_400;

/** Failures listed in a run's report (the rest are counted). */
export const MAX_FAILURES_LISTED = 100;

/** Tags the service sets itself; a series tag of the same name is replaced. */
const OWN_TAGS = ['job', 'measurement', 'model', 'threshold'];

export interface RunOptions {
  config: ServiceConfig;
  client: InfluxClient;
  logger: Logger;
  shard: Shard | null;
  /** The run's clock (epoch ms); the schedule rounds it down for the crossing and drift points. */
  now: number;
  /** Called after each write request succeeds (tests use it to interrupt InfluxDB mid-run). */
  onWrite?: (batch: number, lines: number) => void | Promise<void>;
}

export interface RunFailure {
  job: string;
  series?: string;
  error: string;
}

export interface JobReport {
  name: string;
  series: number;
  done: number;
  problems: number;
  failed: boolean;
  /** Series forecast per model (model auto picks one per series). */
  models: Record<string, number>;
}

export interface RunReport {
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** The run time the points are stamped with (the clock rounded down to `every`). */
  runTime: string;
  shard: string | null;
  /** Series of this shard, over all jobs. */
  series: number;
  /** Series whose forecast was written. */
  done: number;
  /** Series that could not be forecast (bad data): skipped, the others went on. */
  problems: number;
  linesWritten: number;
  /** Write requests that succeeded. */
  writeRequests: number;
  /** HTTP requests made, failed tries included. */
  requests: number;
  /** Where the time went: queries (the drift read-back included), forecasts, writes. */
  timings: { queryMs: number; forecastMs: number; writeMs: number };
  /** Jobs whose query or writes failed, and series problems, one entry each. */
  failures: RunFailure[];
  /** Failures beyond the first MAX_FAILURES_LISTED (counted, not listed: the status file stays small). */
  failuresNotListed: number;
  jobs: JobReport[];
  /** True when every job queried and wrote (series problems do not count). */
  ok: boolean;
}

/** A write still failing after its retries: the run stops. */
class WriteAborted extends Error {}

interface SourceSeries {
  key: string;
  measurement: string;
  tags: Record<string, string>;
  raw: RawSeries;
}

interface PreviousPoint {
  time: number;
  value: number;
  lower: number;
  upper: number;
  issued: number;
}

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The job's query with Grafana's macros filled in for this run. */
export function expandQuery(job: JobConfig, now: number): string {
  const from = Math.round(now - job.rangeMs);
  let q = job.query.replace(/\$timeFilter/g, `time > ${from}ms and time <= ${Math.round(now)}ms`);
  if (job.interval !== null) {
    q = q.replace(/\$(__)?interval\b/g, job.interval);
  }
  return q;
}

/** Non-empty tags only: GROUP BY * gives every tag key of the measurement, empty where absent. */
function cleanTags(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) {
    if (v !== '') {
      out[k] = v;
    }
  }
  return out;
}

/** One RawSeries per value column of each result series (tag `field` added when there are several). */
export function toSourceSeries(job: string, result: QuerySeries[]): SourceSeries[] {
  const out: SourceSeries[] = [];
  for (const s of result) {
    const timeCol = s.columns.indexOf('time');
    const valueCols = s.columns.map((c, i) => ({ c, i })).filter(({ i }) => i !== timeCol);
    for (const { c, i } of valueCols) {
      const tags = cleanTags(s.tags);
      if (valueCols.length > 1) {
        tags.field = c;
      }
      const times: number[] = [];
      const values: Array<number | null> = [];
      for (const row of s.values) {
        const t = row[timeCol];
        const v = row[i];
        if (typeof t === 'number') {
          times.push(t);
          values.push(typeof v === 'number' ? v : null);
        }
      }
      const label = Object.keys(tags)
        .sort()
        .map((k) => `${k}=${tags[k]}`)
        .join(',');
      out.push({
        key: seriesKey(job, s.name, tags),
        measurement: s.name,
        tags,
        raw: { name: label ? `${s.name} ${label}` : s.name, labels: { ...tags }, times, values },
      });
    }
  }
  return out;
}

/** The tags every output point of a series carries. */
function baseTags(job: string, src: SourceSeries): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(src.tags)) {
    if (!OWN_TAGS.includes(k)) {
      tags[k] = v;
    }
  }
  tags.job = job;
  tags.measurement = src.measurement;
  return tags;
}

/** The identity of a written series without its model tag (the model may change between runs). */
function outputKey(tags: Record<string, string>): string {
  return Object.keys(tags)
    .filter((k) => k !== 'model' && tags[k] !== '')
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(',');
}

/** The previous runs' forecasts that may have arrived by now, by output key. */
async function readPrevious(
  opts: RunOptions,
  job: JobConfig,
  runTime: number
): Promise<Map<string, PreviousPoint[]> | null> {
  const from = Math.round(opts.now - opts.config.driftLookbackMs);
  const q =
    `SELECT "value", "lower", "upper", "issued_s" FROM "${FORECAST_MEASUREMENT}" ` +
    `WHERE "job" = ${quote(job.name)} AND time > ${from}ms AND time <= ${Math.round(opts.now)}ms GROUP BY *`;
  let result: QuerySeries[];
  try {
    result = await opts.client.query(q, `drift read-back of job ${job.name}`);
  } catch (e) {
    opts.logger.log('warn', 'drift-skipped', { job: job.name, error: (e as Error).message });
    return null;
  }
  const byKey = new Map<string, PreviousPoint[]>();
  for (const s of result) {
    const col = (name: string) => s.columns.indexOf(name);
    const [ti, vi, li, ui, ii] = ['time', 'value', 'lower', 'upper', 'issued_s'].map(col);
    const key = outputKey(cleanTags(s.tags));
    const list = byKey.get(key) ?? [];
    for (const row of s.values) {
      const issued = Number(row[ii]) * 1000;
      // This run's own points (an earlier try of the same run) are not a previous forecast.
      if (issued >= runTime || !Number.isFinite(issued)) {
        continue;
      }
      list.push({
        time: Number(row[ti]),
        value: Number(row[vi]),
        lower: Number(row[li]),
        upper: Number(row[ui]),
        issued,
      });
    }
    byKey.set(key, list);
  }
  return byKey;
}

export interface DriftFields {
  /** Mean of actual − forecast. */
  residual: number;
  /** Mean |actual − forecast|. */
  mae: number;
  points: number;
  /** Mean |actual − forecast| / the forecast's own error sd at that step (from its band). */
  score: number;
}

/**
 * The latest previous run's forecast against the actual values at the same times (the seed's
 * residuals). The band of level `confidence` gives each step's error sd. Null when none arrived.
 */
export function measureResiduals(previous: PreviousPoint[], raw: RawSeries, confidence: number): DriftFields | null {
  if (previous.length === 0) {
    return null;
  }
  const latest = Math.max(...previous.map((p) => p.issued));
  const actual = new Map<number, number>();
  for (let i = 0; i < raw.times.length; i++) {
    const v = raw.values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      actual.set(raw.times[i], v);
    }
  }
  const z = normalMultiplier(confidence);
  let n = 0;
  let sum = 0;
  let abs = 0;
  let scaled = 0;
  let scaledN = 0;
  for (const p of previous) {
    const a = actual.get(p.time);
    if (p.issued !== latest || a === undefined || !Number.isFinite(p.value)) {
      continue;
    }
    const e = a - p.value;
    n++;
    sum += e;
    abs += Math.abs(e);
    const sd = (p.upper - p.lower) / (2 * z);
    if (sd > 0) {
      scaled += Math.abs(e) / sd;
      scaledN++;
    }
  }
  if (n === 0) {
    return null;
  }
  return { residual: sum / n, mae: abs / n, points: n, score: scaledN > 0 ? scaled / scaledN : NaN };
}

/** The output points of one forecast series. */
export function pointsOf(
  job: JobConfig,
  src: SourceSeries,
  result: SeriesForecast,
  lstm: LstmStatus | null,
  drift: DriftFields | null,
  now: number,
  runTime: number
): Point[] {
  const forecast = result.forecast;
  if (!forecast || forecast.times.length === 0) {
    return [];
  }
  const tags = baseTags(job.name, src);
  const model = result.model ?? 'unknown';
  const points: Point[] = [];
  const issued = runTime / 1000;
  const forecastTags = { ...tags, model };
  for (let k = 0; k < forecast.times.length; k++) {
    points.push({
      measurement: FORECAST_MEASUREMENT,
      tags: forecastTags,
      fields: { value: forecast.point[k], lower: forecast.lower[k], upper: forecast.upper[k], issued_s: issued },
      time: forecast.times[k],
    });
  }
  // "Not within the horizon" and "moves away" read as a time beyond the horizon and beyond any
  // alert window (twice the forecast's reach, at least a year), so that a rule such as
  // `time_left_s < 604800` (7 days) stays one comparison. horizon_s says how far the forecast went.
  const reach = Math.max(forecast.times[forecast.times.length - 1] - now, 0) / 1000;
  const beyond = Math.max(2 * reach, BEYOND_MIN_S);
  for (const threshold of job.request.thresholds) {
    const c = result.crossings.find((x) => x.threshold === threshold);
    if (!c) {
      continue;
    }
    const timeLeft =
      c.status === 'crosses' && c.time !== null
        ? Math.max(0, (c.time - now) / 1000)
        : c.status === 'already-beyond'
          ? 0
          : beyond;
    const s = (t: number | null) => (t === null ? null : Math.round(t / 1000));
    points.push({
      measurement: CROSSING_MEASUREMENT,
      tags: { ...tags, model, threshold: String(threshold) },
      fields: {
        time_left_s: Math.round(timeLeft),
        status: c.status,
        direction: c.direction,
        horizon_s: Math.round(reach),
        at_s: s(c.time),
        earliest_s: s(c.earliest),
        latest_s: s(c.latest),
      },
      time: runTime,
    });
  }
  const lstmDrift = lstm?.drift ?? null;
  if (drift || lstmDrift) {
    const policy = driftPolicyFromOptions(job.lstm);
    const score = lstmDrift && Number.isFinite(lstmDrift.relative) ? lstmDrift.relative : (drift?.score ?? NaN);
    const mae = drift?.mae ?? lstmDrift?.meanAbsError ?? NaN;
    points.push({
      measurement: DRIFT_MEASUREMENT,
      tags: { ...tags, model },
      fields: {
        residual: drift?.residual,
        mae,
        points: drift?.points ?? lstmDrift?.points,
        drift: score,
        drifting: score > policy.relativeLimit || (policy.absoluteLimit !== null && mae > policy.absoluteLimit),
        retrained: lstm ? lstm.action === 'retrain-drift' : undefined,
      },
      time: runTime,
    });
  }
  return points;
}

/** Runs every job once. Resolves with the report; never rejects for InfluxDB or data trouble. */
export async function runOnce(opts: RunOptions): Promise<RunReport> {
  const { config, client, logger, shard } = opts;
  const started = Date.now();
  const runTime = Math.floor(opts.now / config.everyMs) * config.everyMs;
  const requestsBefore = client.requests;
  const report: RunReport = {
    startedAt: new Date(started).toISOString(),
    endedAt: '',
    durationMs: 0,
    runTime: new Date(runTime).toISOString(),
    shard: shard ? `${shard.index}/${shard.count}` : null,
    series: 0,
    done: 0,
    problems: 0,
    linesWritten: 0,
    writeRequests: 0,
    requests: 0,
    timings: { queryMs: 0, forecastMs: 0, writeMs: 0 },
    failures: [],
    failuresNotListed: 0,
    jobs: [],
    ok: true,
  };
  logger.log('info', 'run-start', { run_time: report.runTime, shard: report.shard, jobs: config.jobs.length });
  const fail = (f: RunFailure): void => {
    if (report.failures.length < MAX_FAILURES_LISTED) {
      report.failures.push(f);
    } else {
      report.failuresNotListed++;
    }
  };
  const store: WeightStore | null = config.cacheDir ? createFileWeightStore(config.cacheDir) : null;
  const lstmRunner = createInProcessLstmRunner(store);

  // Full batches go out as soon as they fill, one request in flight while the next series is
  // forecast (the database and the models overlap); the end of a job sends the rest and waits.
  let buffer: string[] = [];
  let batches = 0;
  let inFlight: Promise<void> | null = null;
  const writeBatch = async (job: string, batch: string[]): Promise<void> => {
    const t0 = Date.now();
    try {
      await client.write(batch, `write of job ${job} (${batch.length} lines)`);
    } catch (e) {
      if (!(e instanceof InfluxError && e.status === 400)) {
        throw new WriteAborted((e as Error).message);
      }
      // Refused lines (a field type conflict with points already stored, a line InfluxDB cannot
      // parse): InfluxDB kept the others of the batch ("partial write … dropped=N"). The job is
      // failed, the run goes on.
      const dropped = /dropped=(\d+)/.exec(e.message);
      const kept = dropped ? batch.length - Number(dropped[1]) : 0;
      report.linesWritten += kept;
      report.ok = false;
      const jr = report.jobs.find((j) => j.name === job);
      if (jr) {
        jr.failed = true;
      }
      fail({ job, error: `write refused: ${e.message}` });
      logger.log('error', 'write-refused', { job, lines: batch.length, kept, error: e.message });
      return;
    } finally {
      report.timings.writeMs += Date.now() - t0;
    }
    report.linesWritten += batch.length;
    report.writeRequests++;
    batches++;
    await opts.onWrite?.(batches, batch.length);
  };
  const settle = async (): Promise<void> => {
    const pending = inFlight;
    inFlight = null;
    await pending;
  };
  const flush = async (job: string, all: boolean): Promise<void> => {
    while (buffer.length >= (all ? 1 : config.batchSize)) {
      const batch = buffer.slice(0, config.batchSize);
      buffer = buffer.slice(batch.length);
      await settle();
      const sending = writeBatch(job, batch);
      // Awaited by the next settle(); this only keeps a failure from counting as unhandled meanwhile.
      sending.catch(() => undefined);
      inFlight = sending;
    }
    if (all) {
      await settle();
    }
  };

  for (const job of config.jobs) {
    const jr: JobReport = { name: job.name, series: 0, done: 0, problems: 0, failed: false, models: {} };
    report.jobs.push(jr);
    const jobStart = Date.now();
    let sources: SourceSeries[];
    const q0 = Date.now();
    try {
      sources = toSourceSeries(job.name, await client.query(expandQuery(job, opts.now), `query of job ${job.name}`));
      report.timings.queryMs += Date.now() - q0;
    } catch (e) {
      jr.failed = true;
      report.ok = false;
      fail({ job: job.name, error: (e as Error).message });
      logger.log('error', 'job-failed', { job: job.name, stage: 'query', error: (e as Error).message });
      continue;
    }
    if (shard) {
      sources = sources.filter((s) => shardOf(s.key, shard.count) === shard.index);
    }
    jr.series = sources.length;
    report.series += sources.length;
    const r0 = Date.now();
    const previous = sources.length > 0 ? await readPrevious(opts, job, runTime) : null;
    report.timings.queryMs += Date.now() - r0;
    // auto trains the LSTM for seasonal series unless the job says `lstm: {auto: false}`.
    const trains = job.request.model !== 'auto' || job.autoLstm;
    const context: ForecastContext = {
      lstm: trains
        ? {
            runner: () => Promise.resolve(lstmRunner),
            dashboardUid: 'service',
            panelId: job.name,
            config: lstmConfigFromOptions(job.lstm),
            drift: driftPolicyFromOptions(job.lstm),
          }
        : undefined,
    };
    try {
      for (const src of sources) {
        let out: { result: SeriesForecast; lstm: LstmStatus | null };
        const f0 = Date.now();
        try {
          out = await forecastSeries(src.raw, job.request, context);
        } catch (e) {
          out = {
            result: emptySeriesForecast(src.raw, { code: 'model-failed', message: (e as Error).message }),
            lstm: null,
          };
        }
        const { result } = out;
        report.timings.forecastMs += Date.now() - f0;
        if (result.problem || !result.forecast) {
          jr.problems++;
          report.problems++;
          const error = result.problem ? `${result.problem.code}: ${result.problem.message}` : 'no forecast';
          fail({ job: job.name, series: src.raw.name, error });
          logger.log('warn', 'series-problem', { job: job.name, series: src.raw.name, error });
          continue;
        }
        const prev = previous?.get(outputKey(baseTags(job.name, src))) ?? [];
        const drift = measureResiduals(prev, src.raw, job.request.confidence);
        for (const p of pointsOf(job, src, result, out.lstm, drift, opts.now, runTime)) {
          const line = toLine(p);
          if (line !== null) {
            buffer.push(line);
          }
        }
        if (out.lstm && out.lstm.action === 'retrain-drift') {
          logger.log('info', 'lstm-retrained', {
            job: job.name,
            series: src.raw.name,
            drift: out.lstm.drift?.relative,
          });
        }
        jr.done++;
        report.done++;
        const model = result.model ?? 'unknown';
        jr.models[model] = (jr.models[model] ?? 0) + 1;
        await flush(job.name, false);
      }
      await flush(job.name, true);
    } catch (e) {
      if (!(e instanceof WriteAborted)) {
        throw e;
      }
      jr.failed = true;
      report.ok = false;
      fail({ job: job.name, error: `write failed: ${e.message}` });
      logger.log('error', 'run-aborted', { job: job.name, stage: 'write', error: e.message });
      buffer = [];
      inFlight = null;
      break;
    }
    logger.log('info', 'job-done', {
      job: job.name,
      series: jr.series,
      done: jr.done,
      problems: jr.problems,
      duration_s: (Date.now() - jobStart) / 1000,
    });
  }

  const ended = Date.now();
  report.endedAt = new Date(ended).toISOString();
  report.durationMs = ended - started;
  report.requests = client.requests - requestsBefore;
  return report;
}

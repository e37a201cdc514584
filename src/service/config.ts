/**
 * The configuration of `trendcast run`: a YAML file read once at start. Every key is checked
 * before anything runs; the first problem becomes a ConfigError naming the key (e.g.
 * `jobs[1].horizon`), which the command prints on one line and exits with status 2.
 * Credentials never come from the file: they are read from the environment (credentialsFromEnv).
 */
import { load } from 'js-yaml';

import { parseSpan } from '../engine/duration';
import { resolveForecastOptions, ResolvedForecastOptions } from '../models/forecastOptions';
import { MODEL_CHOICES, ModelChoice } from '../models/types';
import { LstmUserOptions } from '../runtime/lstmUserOptions';

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string
  ) {
    super(`${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface RetryPolicy {
  /** Tries per request, the first one included (1 = no retry). */
  attempts: number;
  /** Wait before the first retry; doubled on each further one. */
  initialDelayMs: number;
  /** Longest wait between two tries. */
  maxDelayMs: number;
  /** Per-request timeout. */
  timeoutMs: number;
}

export interface InfluxSettings {
  url: string;
  database: string;
  /** Retention policy for queries and writes ('' = the database's default). */
  retentionPolicy: string;
}

export interface JobConfig {
  name: string;
  query: string;
  /** The query's time range: $timeFilter covers (run time − range, run time]. */
  rangeMs: number;
  /** What $__interval / $interval stand for, when the query uses them. */
  interval: string | null;
  /** The job's forecast options, resolved once when the configuration is read. */
  request: ResolvedForecastOptions;
  lstm: LstmUserOptions;
  /** Whether `model: auto` trains the LSTM for the series it finds seasonal (`lstm.auto`, default true). */
  autoLstm: boolean;
}

export interface ServiceConfig {
  influxdb: InfluxSettings;
  /** Schedule period; runs start on its multiples (and their points are stamped with them). */
  everyMs: number;
  retry: RetryPolicy;
  /** Lines per write request. */
  batchSize: number;
  /** LSTM weight cache folder; '' = none (the LSTM trains on every run). */
  cacheDir: string;
  /** How far back the drift check reads the previous run's forecast. */
  driftLookbackMs: number;
  jobs: JobConfig[];
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, initialDelayMs: 1000, maxDelayMs: 30_000, timeoutMs: 120_000 };
export const DEFAULT_BATCH_SIZE = 5000;

const TOP_KEYS = ['influxdb', 'every', 'retry', 'batchSize', 'cacheDir', 'driftLookback', 'jobs'];
const INFLUX_KEYS = ['url', 'database', 'retentionPolicy'];
const CREDENTIAL_KEYS = ['username', 'user', 'password', 'token'];
const RETRY_KEYS = ['attempts', 'initialDelay', 'maxDelay', 'timeout'];
const JOB_KEYS = [
  'name',
  'query',
  'range',
  'interval',
  'model',
  'horizon',
  'fitWindow',
  'confidence',
  'thresholds',
  'direction',
  'lstm',
];
const LSTM_KEYS = ['auto', 'lookBack', 'epochs', 'fineTuneEpochs', 'driftLimit', 'driftAbsoluteLimit'];

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Obj, allowed: string[], prefix: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new ConfigError(`${prefix}${k}`, `unknown key (expected one of: ${allowed.join(', ')})`);
    }
  }
}

function str(obj: Obj, key: string, path: string, fallback?: string): string {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (fallback !== undefined) {
      return fallback;
    }
    throw new ConfigError(path, 'is required');
  }
  if (typeof v !== 'string' || (fallback === undefined && v.trim() === '')) {
    throw new ConfigError(path, `must be a non-empty string, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** A duration such as 90s, 10m, 1h, 30d (a bare step count is not a time span here). */
function duration(obj: Obj, key: string, path: string, fallbackMs?: number): number {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (fallbackMs !== undefined) {
      return fallbackMs;
    }
    throw new ConfigError(path, 'is required');
  }
  const parsed = parseSpan(String(v));
  if ('error' in parsed || parsed.span === null || parsed.span.kind !== 'ms') {
    throw new ConfigError(path, `${JSON.stringify(v)} is not a duration (e.g. 90s, 10m, 1h, 30d)`);
  }
  return parsed.span.ms;
}

function wholeNumber(obj: Obj, key: string, path: string, min: number, fallback: number): number {
  const v = obj[key];
  if (v === undefined || v === null) {
    return fallback;
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw new ConfigError(path, `must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function optionalNumber(obj: Obj, key: string, path: string, min: number): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw new ConfigError(path, `must be a number ≥ ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function parseInflux(v: unknown): InfluxSettings {
  if (!isObject(v)) {
    throw new ConfigError('influxdb', 'is required: a map with url and database');
  }
  for (const k of CREDENTIAL_KEYS) {
    if (k in v) {
      throw new ConfigError(
        `influxdb.${k}`,
        'credentials are not read from the file; set TRENDCAST_INFLUX_USERNAME and TRENDCAST_INFLUX_PASSWORD, or TRENDCAST_INFLUX_TOKEN'
      );
    }
  }
  checkKeys(v, INFLUX_KEYS, 'influxdb.');
  const url = str(v, 'url', 'influxdb.url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('influxdb.url', `${JSON.stringify(url)} is not a URL (e.g. http://127.0.0.1:8086)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('influxdb.url', `must be http:// or https://, got ${JSON.stringify(url)}`);
  }
  return {
    url: url.replace(/\/+$/, ''),
    database: str(v, 'database', 'influxdb.database'),
    retentionPolicy: str(v, 'retentionPolicy', 'influxdb.retentionPolicy', ''),
  };
}

function parseRetry(v: unknown): RetryPolicy {
  if (v === undefined || v === null) {
    return { ...DEFAULT_RETRY };
  }
  if (!isObject(v)) {
    throw new ConfigError('retry', 'must be a map (attempts, initialDelay, maxDelay, timeout)');
  }
  checkKeys(v, RETRY_KEYS, 'retry.');
  const policy: RetryPolicy = {
    attempts: wholeNumber(v, 'attempts', 'retry.attempts', 1, DEFAULT_RETRY.attempts),
    initialDelayMs: duration(v, 'initialDelay', 'retry.initialDelay', DEFAULT_RETRY.initialDelayMs),
    maxDelayMs: duration(v, 'maxDelay', 'retry.maxDelay', DEFAULT_RETRY.maxDelayMs),
    timeoutMs: duration(v, 'timeout', 'retry.timeout', DEFAULT_RETRY.timeoutMs),
  };
  if (policy.maxDelayMs < policy.initialDelayMs) {
    throw new ConfigError('retry.maxDelay', 'must be at least retry.initialDelay');
  }
  return policy;
}

function parseLstm(v: unknown, prefix: string): LstmUserOptions {
  if (v === undefined || v === null) {
    return {};
  }
  if (!isObject(v)) {
    throw new ConfigError(prefix.slice(0, -1), `must be a map (${LSTM_KEYS.join(', ')})`);
  }
  checkKeys(v, LSTM_KEYS, prefix);
  return {
    lstmLookBack: optionalNumber(v, 'lookBack', `${prefix}lookBack`, 0),
    lstmEpochs: optionalNumber(v, 'epochs', `${prefix}epochs`, 1),
    lstmFineTuneEpochs: optionalNumber(v, 'fineTuneEpochs', `${prefix}fineTuneEpochs`, 0),
    lstmDriftLimit: optionalNumber(v, 'driftLimit', `${prefix}driftLimit`, 0),
    lstmDriftAbsoluteLimit: optionalNumber(v, 'driftAbsoluteLimit', `${prefix}driftAbsoluteLimit`, 0),
  };
}

function parseJob(v: unknown, i: number, names: Set<string>): JobConfig {
  const p = `jobs[${i}]`;
  if (!isObject(v)) {
    throw new ConfigError(p, 'must be a map with name, query, horizon');
  }
  checkKeys(v, JOB_KEYS, `${p}.`);
  const name = str(v, 'name', `${p}.name`);
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
    throw new ConfigError(`${p}.name`, `${JSON.stringify(name)}: use letters, digits, '_', '-', '.' only`);
  }
  if (names.has(name)) {
    throw new ConfigError(`${p}.name`, `${JSON.stringify(name)} is used by another job`);
  }
  names.add(name);
  const query = str(v, 'query', `${p}.query`);
  if (!query.includes('$timeFilter')) {
    throw new ConfigError(`${p}.query`, 'must contain $timeFilter (the run fills in the time range)');
  }
  if (query.includes(';')) {
    throw new ConfigError(`${p}.query`, 'must be a single statement (no ";")');
  }
  const interval = v.interval === undefined || v.interval === null ? null : String(v.interval);
  if (interval !== null) {
    duration(v, 'interval', `${p}.interval`);
  } else if (/\$(__)?interval\b/.test(query)) {
    throw new ConfigError(`${p}.interval`, 'is required when the query uses $__interval or $interval');
  }
  const model = v.model ?? 'auto';
  if (typeof model !== 'string' || !MODEL_CHOICES.includes(model as ModelChoice)) {
    throw new ConfigError(`${p}.model`, `${JSON.stringify(model)}: use one of ${MODEL_CHOICES.join(', ')}`);
  }
  const thresholdsRaw = v.thresholds ?? [];
  if (!Array.isArray(thresholdsRaw) || thresholdsRaw.some((t) => typeof t !== 'number' || !Number.isFinite(t))) {
    throw new ConfigError(`${p}.thresholds`, `must be a list of numbers, e.g. [90, 100]`);
  }
  const direction = v.direction ?? 'auto';
  if (direction !== 'auto' && direction !== 'rising' && direction !== 'falling') {
    throw new ConfigError(`${p}.direction`, `${JSON.stringify(direction)}: use auto, rising or falling`);
  }
  const horizon = v.horizon;
  if (horizon === undefined || horizon === null) {
    throw new ConfigError(`${p}.horizon`, 'is required (e.g. 30d)');
  }
  const resolved = resolveForecastOptions({
    model: model as ModelChoice,
    horizon: String(horizon),
    fitWindow: v.fitWindow === undefined || v.fitWindow === null ? '' : String(v.fitWindow),
    confidence: optionalNumber(v, 'confidence', `${p}.confidence`, 0) ?? 0.95,
    thresholds: thresholdsRaw as number[],
    direction,
  });
  if ('errors' in resolved) {
    const [first] = resolved.errors;
    throw new ConfigError(`${p}.${first.option}`, first.message);
  }
  const request = resolved.options;
  return {
    name,
    query,
    rangeMs: duration(v, 'range', `${p}.range`, 30 * 86_400_000),
    interval,
    request,
    lstm: parseLstm(v.lstm, `${p}.lstm.`),
    autoLstm: parseAutoLstm(v.lstm, `${p}.lstm.auto`),
  };
}

/** `lstm.auto`: true (the default) or false (auto keeps to the statistical models). */
function parseAutoLstm(v: unknown, key: string): boolean {
  const value = isObject(v) ? v.auto : undefined;
  if (value === undefined || value === null) {
    return true;
  }
  if (typeof value !== 'boolean') {
    throw new ConfigError(key, `must be true or false, not ${JSON.stringify(value)}`);
  }
  return value;
}

/** Parses and checks the YAML text; throws ConfigError (naming the key) on the first problem. */
export function parseConfig(text: string): ServiceConfig {
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    const first = ((e as Error).message ?? String(e)).split('\n')[0];
    throw new ConfigError('(file)', `not valid YAML: ${first}`);
  }
  if (!isObject(doc)) {
    throw new ConfigError('(file)', 'must be a YAML map with influxdb and jobs');
  }
  checkKeys(doc, TOP_KEYS, '');
  const influxdb = parseInflux(doc.influxdb);
  const everyMs = duration(doc, 'every', 'every', 3_600_000);
  const retry = parseRetry(doc.retry);
  const batchSize = wholeNumber(doc, 'batchSize', 'batchSize', 1, DEFAULT_BATCH_SIZE);
  const cacheDir = str(doc, 'cacheDir', 'cacheDir', '');
  const driftLookbackMs = duration(doc, 'driftLookback', 'driftLookback', 2 * everyMs);
  if (!Array.isArray(doc.jobs) || doc.jobs.length === 0) {
    throw new ConfigError('jobs', 'is required: a list of at least one job');
  }
  const names = new Set<string>();
  const jobs = doc.jobs.map((j, i) => parseJob(j, i, names));
  return { influxdb, everyMs, retry, batchSize, cacheDir, driftLookbackMs, jobs };
}

export type Credentials =
  { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'token'; token: string };

/**
 * TRENDCAST_INFLUX_TOKEN (InfluxDB 2.x/3.x: `Authorization: Token …`), or
 * TRENDCAST_INFLUX_USERNAME / TRENDCAST_INFLUX_PASSWORD (HTTP basic auth, InfluxDB 1.x).
 */
export function credentialsFromEnv(env: Record<string, string | undefined>): Credentials {
  const token = env.TRENDCAST_INFLUX_TOKEN;
  if (token) {
    return { kind: 'token', token };
  }
  const username = env.TRENDCAST_INFLUX_USERNAME;
  if (username) {
    return { kind: 'basic', username, password: env.TRENDCAST_INFLUX_PASSWORD ?? '' };
  }
  if (env.TRENDCAST_INFLUX_PASSWORD) {
    throw new ConfigError('TRENDCAST_INFLUX_USERNAME', 'is empty while TRENDCAST_INFLUX_PASSWORD is set');
  }
  return { kind: 'none' };
}

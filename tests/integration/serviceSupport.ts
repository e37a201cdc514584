/**
 * Shared pieces of the `trendcast run` integration tests: a small disk-usage data set with known
 * growth per host, a service configuration for it, and helpers that read back what a run wrote.
 */
import { ServiceConfig, parseConfig } from '../../src/service/config';
import { createInfluxClient, InfluxClient } from '../../src/service/influxClient';
import { Logger, LogLevel } from '../../src/service/log';
import { InfluxServer } from '../support/influxd';

export const STEP_MS = 10 * 60_000;
export const DAY_MS = 86_400_000;
/** The data's end, a run's clock in the tests (a whole hour). */
export const END = Date.UTC(2025, 2, 10, 12, 0, 0);
export const DAYS = 4;
/** Forecast steps of a 2-day horizon at 10 minutes. */
export const HORIZON_STEPS = (2 * DAY_MS) / STEP_MS;

/** Daily growth in percentage points, and the level at END, per host. */
export const HOSTS: Record<string, { level: number; perDay: number }> = {
  web1: { level: 80, perDay: 6 },
  web2: { level: 40, perDay: 1 },
  db1: { level: 60, perDay: 0.5 },
};

/** A deterministic wiggle in [-0.2, 0.2] (no random generator: same data every run). */
const wiggle = (i: number, h: number): number => 0.2 * Math.sin(i * 1.7 + h * 2.3);

/**
 * Line protocol (precision ms) of disk.used_percent every 10 minutes over DAYS days up to `end`
 * for each host, plus (withBad) host `bad` with two points only (too few to forecast).
 */
export function diskLines(end = END, from = end - DAYS * DAY_MS, withBad = true): string {
  const lines: string[] = [];
  Object.entries(HOSTS).forEach(([host, { level, perDay }], h) => {
    for (let t = from; t <= end; t += STEP_MS) {
      const v = level - (perDay * (END - t)) / DAY_MS + wiggle(t / STEP_MS, h);
      lines.push(`disk,host=${host},path=/ used_percent=${v.toFixed(4)} ${t}`);
    }
  });
  if (withBad) {
    lines.push(`disk,host=bad,path=/ used_percent=50 ${end - STEP_MS}`, `disk,host=bad,path=/ used_percent=51 ${end}`);
  }
  return lines.join('\n');
}

export function configText(url: string, db: string, extra = ''): string {
  return `influxdb:
  url: ${url}
  database: ${db}
every: 1h
retry:
  attempts: 3
  initialDelay: 50ms
  maxDelay: 200ms
  timeout: 5s
${extra}
jobs:
  - name: disk
    query: SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time(10m), "host", "path" fill(none)
    range: ${DAYS + 1}d
    model: auto
    horizon: 2d
    thresholds: [90, 100]
`;
}

export function serviceConfig(url: string, db: string, extra = ''): ServiceConfig {
  return parseConfig(configText(url, db, extra));
}

/** A logger that keeps its lines (level, event, fields) for assertions. */
export function memoryLogger(): Logger & { lines: Array<{ level: LogLevel; event: string; fields: object }> } {
  const lines: Array<{ level: LogLevel; event: string; fields: object }> = [];
  return {
    lines,
    log(level, event, fields = {}) {
      lines.push({ level, event, fields });
    },
  };
}

export function clientFor(config: ServiceConfig, logger: Logger): InfluxClient {
  return createInfluxClient({ settings: config.influxdb, credentials: { kind: 'none' }, retry: config.retry, logger });
}

/** COUNT of a field over all time, per series (GROUP BY *), keyed `tag=v,…`. */
export async function countsBySeries(
  server: InfluxServer,
  db: string,
  measurement: string,
  field: string
): Promise<Map<string, number>> {
  const res = await server.query(db, `SELECT count("${field}") FROM "${measurement}" GROUP BY *`);
  const out = new Map<string, number>();
  for (const s of res.results[0].series ?? []) {
    const key = Object.entries(s.tags ?? {})
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    out.set(key, Number(s.values[0][1]));
  }
  return out;
}

/** Total number of points of a measurement (count of one field over all series). */
export async function totalCount(
  server: InfluxServer,
  db: string,
  measurement: string,
  field: string
): Promise<number> {
  let total = 0;
  for (const n of (await countsBySeries(server, db, measurement, field)).values()) {
    total += n;
  }
  return total;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

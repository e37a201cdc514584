/**
 * InfluxQL answers as Grafana data frames, shaped exactly as Grafana's InfluxQL backend builds them
 * for the "time series" result format (grafana/grafana pkg/tsdb/influxdb/influxql/converter and
 * util.BuildFrameNameFromQuery), so tests can feed the frames straight to a panel; plus the query
 * text Grafana sends for a `$timeFilter` / `$__interval` query.
 *
 * Frame shape, per series and per value column:
 *   name `measurement.column { tag: value, … }` (no braces without tags),
 *   fields `Time` (FieldType.time, epoch ms) and `Value` (FieldType.number, null where InfluxDB
 *   answered null) with `labels` = the series' tags and `config.displayNameFromDS` = the frame name.
 * The first frame carries `meta` {typeVersion [0,0], preferredVisualisationType 'graph',
 * executedQueryString} as in Grafana's golden files.
 */
import { DataFrame, Field, FieldType, Labels, createDataFrame, rangeUtil, dateTime } from '@grafana/data';

import type { InfluxQueryResponse, InfluxSeries } from './influxd';

export interface InfluxFrameOptions {
  /** Query ref id put on every frame (default 'A'). */
  refId?: string;
  /** The interpolated query text, shown by Grafana as `meta.executedQueryString`. */
  executedQueryString?: string;
}

/**
 * Frame name as Grafana builds it without an alias: `measurement.column`, then ` { k: v, k2: v2 }`
 * when there are tags. Grafana walks a Go map (unordered); tag keys are sorted here so the name is
 * stable (identical to Grafana's for the usual single GROUP BY tag).
 */
export function influxFrameName(measurement: string, column: string, tags?: Record<string, string>): string {
  const base = `${measurement}.${column}`;
  const keys = Object.keys(tags ?? {}).sort();
  if (tags === undefined || keys.length === 0) {
    return base;
  }
  return `${base} { ${keys.map((k) => `${k}: ${tags[k]}`).join(', ')} }`;
}

/** Time column value → epoch ms: numbers are taken as ms (the query used epoch=ms); strings are RFC3339. */
function toMs(v: number | string | boolean | null): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'string') {
    return Date.parse(v);
  }
  return NaN;
}

/**
 * A value column as Grafana types it: the type of its first non-null value (number, string or
 * boolean; all-null → number); values of another type become null, as in Grafana's converter.
 */
function valueColumn(rows: InfluxSeries['values'], col: number): { type: FieldType; values: unknown[] } {
  const first = rows.find((r) => r[col] !== null && r[col] !== undefined)?.[col];
  const kind = typeof first === 'string' ? 'string' : typeof first === 'boolean' ? 'boolean' : 'number';
  const type = kind === 'string' ? FieldType.string : kind === 'boolean' ? FieldType.boolean : FieldType.number;
  const values = rows.map((r) => {
    const v = r[col];
    return typeof v === kind ? v : null;
  });
  return { type, values };
}

function seriesFrames(s: InfluxSeries, refId: string): DataFrame[] {
  const rows = s.values ?? [];
  const labels: Labels | undefined = s.tags && Object.keys(s.tags).length > 0 ? { ...s.tags } : undefined;
  if (s.columns[0] !== 'time') {
    // SHOW … answers: one frame named after the measurement with one field, as Grafana does.
    const col = s.columns.length >= 2 ? 1 : 0;
    const { type, values } = valueColumn(rows, col);
    return [createDataFrame({ name: s.name, refId, fields: [{ name: 'Value', type, values, config: {} }] })];
  }
  const times = rows.map((r) => toMs(r[0]));
  const frames: DataFrame[] = [];
  for (let c = 1; c < s.columns.length; c++) {
    const name = influxFrameName(s.name, s.columns[c], s.tags);
    const { type, values } = valueColumn(rows, c);
    const time: Field = { name: 'Time', type: FieldType.time, config: {}, values: [...times] };
    const value: Field = { name: 'Value', type, config: { displayNameFromDS: name }, values, labels };
    frames.push(createDataFrame({ name, refId, fields: [time, value] }));
  }
  return frames;
}

/**
 * Converts a /query answer (fetched with epoch=ms) to Grafana-shaped frames: one per series and
 * value column, in InfluxDB's order, over all statements. Throws on a top-level or statement error,
 * which Grafana reports as the query's error instead of frames. Returns [] for an empty result.
 */
export function influxResponseToFrames(resp: InfluxQueryResponse, opts: InfluxFrameOptions = {}): DataFrame[] {
  if (resp.error !== undefined) {
    throw new Error(`InfluxDB error: ${resp.error}`);
  }
  const refId = opts.refId ?? 'A';
  const frames: DataFrame[] = [];
  for (const r of resp.results ?? []) {
    if (r.error !== undefined) {
      throw new Error(`InfluxDB statement ${r.statement_id} error: ${r.error}`);
    }
    for (const s of r.series ?? []) {
      frames.push(...seriesFrames(s, refId));
    }
  }
  if (frames.length > 0) {
    frames[0].meta = {
      typeVersion: [0, 0],
      preferredVisualisationType: 'graph',
      ...(opts.executedQueryString !== undefined ? { executedQueryString: opts.executedQueryString } : {}),
    };
  }
  return frames;
}

export interface GrafanaInfluxQuerySpec {
  measurement: string;
  field: string;
  /** Aggregate function (default `mean`). */
  aggregate?: string;
  /** Tags to GROUP BY after `time($__interval)` (default none). */
  groupByTags?: string[];
  /** fill() argument (default `null`, which Grafana's editor writes explicitly). */
  fill?: 'null' | 'none' | 'previous' | 'linear' | '0';
}

/**
 * The InfluxQL text Grafana's query editor builds, with its macros still in, e.g.
 * `SELECT mean("value") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host" fill(null)`.
 */
export function grafanaInfluxQuery(spec: GrafanaInfluxQuerySpec): string {
  const agg = spec.aggregate ?? 'mean';
  const tags = (spec.groupByTags ?? []).map((t) => `, "${t}"`).join('');
  return (
    `SELECT ${agg}("${spec.field}") FROM "${spec.measurement}" WHERE $timeFilter ` +
    `GROUP BY time($__interval)${tags} fill(${spec.fill ?? 'null'})`
  );
}

/**
 * Grafana's automatic `$__interval` for a range and a number of data points (the panel's width):
 * rangeUtil.calculateInterval, i.e. (to − from) / maxDataPoints rounded to a "nice" step, at least
 * `minInterval` (e.g. the data source's `timeInterval`). Returns the text (`1h`) and milliseconds.
 */
export function grafanaInterval(
  fromMs: number,
  toMs: number,
  maxDataPoints: number,
  minInterval?: string
): { interval: string; intervalMs: number } {
  const from = dateTime(fromMs);
  const to = dateTime(toMs);
  return rangeUtil.calculateInterval({ from, to, raw: { from, to } }, maxDataPoints, minInterval);
}

/**
 * Replaces Grafana's macros as its InfluxQL backend does: `$timeFilter` → `time >= {from}ms and
 * time <= {to}ms` (both bounds inclusive), `$__interval_ms` → milliseconds, `$__interval` → the
 * interval text. Precondition: from ≤ to, integer epoch ms.
 */
export function interpolateGrafanaInfluxQuery(
  text: string,
  vars: { from: number; to: number; interval: string; intervalMs?: number }
): string {
  const intervalMs = vars.intervalMs ?? rangeUtil.intervalToMs(vars.interval);
  return text
    .replace(/\$timeFilter/g, `time >= ${vars.from}ms and time <= ${vars.to}ms`)
    .replace(/\$__interval_ms/g, String(intervalMs))
    .replace(/\$__interval/g, vars.interval);
}

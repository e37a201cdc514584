import { DataQueryRequest, dateTime, ScopedVars, TimeRange } from '@grafana/data';
import { DataQuery, DataSourceRef } from '@grafana/schema';

import { TrendcastQuery } from './types';

/** The target sent to the wrapped InfluxDB data source: a raw InfluxQL query, time-series frames back. */
export interface InnerInfluxQuery extends DataQuery {
  query: string;
  rawQuery: true;
  resultFormat: 'time_series';
}

/** Replaces dashboard variables in a text (getTemplateSrv().replace in Grafana). */
export type Interpolate = (text: string, scopedVars: ScopedVars) => string;

/**
 * Built-in interval variables that the inner data source fills itself from the request (Grafana's
 * InfluxDB data source reads `$__interval` from `request.interval`, `$timeFilter` from the range):
 * they are kept out of our interpolation so the inner query text reaches it with its macros.
 */
const INNER_MACRO_VARS = ['__interval', '__interval_ms', '__rate_interval', '__rate_interval_ms'];

/**
 * The range the inner query reads: the dashboard's range with its end brought back to `now` when it
 * lies in the future. A capacity dashboard runs from e.g. `now-30d` to `now+14d` so that native
 * panels show the forecast; there is no data after now, and asking InfluxDB for it only widens
 * `$timeFilter`. Returns an error when the whole range is in the future (nothing to fit).
 */
export function innerTimeRange(range: TimeRange, now: number): { range: TimeRange } | { error: string } {
  const from = range.from.valueOf();
  const to = range.to.valueOf();
  if (from >= now) {
    return {
      error:
        'the time range starts in the future: there is no data to forecast from; let it start in the past, e.g. now-30d to now+14d',
    };
  }
  if (to <= now) {
    return { range };
  }
  const end = dateTime(now);
  return { range: { from: range.from, to: end, raw: { from: range.raw.from, to: 'now' } } };
}

/**
 * The request for the inner data source: same request (interval, max data points, scoped
 * variables, dashboard and panel ids) with the time range from innerTimeRange and one raw InfluxQL
 * target per Trendcast query, keeping its refId so answers map back. Dashboard variables are
 * interpolated here (format `regex`, as Grafana's InfluxDB data source does for raw queries);
 * `$timeFilter` and `$__interval` are left for the inner data source.
 */
export function buildInnerRequest(
  request: DataQueryRequest<TrendcastQuery>,
  queries: TrendcastQuery[],
  inner: DataSourceRef,
  interpolate: Interpolate,
  now: number
): { request: DataQueryRequest<InnerInfluxQuery> } | { error: string } {
  const r = innerTimeRange(request.range, now);
  if ('error' in r) {
    return r;
  }
  const scopedVars: ScopedVars = {};
  for (const [k, v] of Object.entries(request.scopedVars ?? {})) {
    if (!INNER_MACRO_VARS.includes(k)) {
      scopedVars[k] = v;
    }
  }
  const targets: InnerInfluxQuery[] = queries.map((q) => ({
    refId: q.refId,
    datasource: inner,
    query: interpolate(q.innerQuery, scopedVars),
    rawQuery: true,
    resultFormat: 'time_series',
  }));
  return {
    request: {
      ...request,
      // Its own id: Grafana cancels an in-flight request when another with the same id starts.
      requestId: `${request.requestId}-inner`,
      range: r.range,
      rangeRaw: r.range.raw,
      targets,
    },
  };
}

/**
 * Runs an InfluxQL query against InfluxDB the way a Grafana dashboard panel does: the query editor's
 * text with `$timeFilter` / `$__interval`, the interval from the time range and the panel width
 * (maxDataPoints), then the answer converted to Grafana's InfluxQL frames.
 */
import type { DataFrame } from '@grafana/data';

import type { InfluxServer } from '../influxd';
import {
  GrafanaInfluxQuerySpec,
  grafanaInfluxQuery,
  grafanaInterval,
  influxResponseToFrames,
  interpolateGrafanaInfluxQuery,
} from '../influxFrames';

export interface PanelQuery {
  db: string;
  query: GrafanaInfluxQuerySpec;
  /** Dashboard time range, epoch ms. */
  from: number;
  to: number;
  /** Grafana sets maxDataPoints to the panel's width in pixels. */
  maxDataPoints: number;
  /** The data source's minimum interval (Grafana's `timeInterval`), e.g. '10s'. */
  minInterval?: string;
  refId?: string;
}

/**
 * Queries `server` as Grafana would for one panel query. Returns the frames (one per series) and
 * the interpolated query text. Throws on an InfluxDB error, as Grafana shows the query error.
 */
export async function queryPanelFrames(
  server: InfluxServer,
  q: PanelQuery
): Promise<{ frames: DataFrame[]; executedQueryString: string }> {
  const { interval, intervalMs } = grafanaInterval(q.from, q.to, q.maxDataPoints, q.minInterval);
  const executedQueryString = interpolateGrafanaInfluxQuery(grafanaInfluxQuery(q.query), {
    from: q.from,
    to: q.to,
    interval,
    intervalMs,
  });
  const response = await server.query(q.db, executedQueryString, { epoch: 'ms' });
  const frames = influxResponseToFrames(response, { refId: q.refId ?? 'A', executedQueryString });
  return { frames, executedQueryString };
}

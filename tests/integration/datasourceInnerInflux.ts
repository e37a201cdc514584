/**
 * The "inner" InfluxDB data source of the Trendcast data source, for tests outside Grafana: a
 * DataSourceApi whose query() runs each raw InfluxQL target against a real influxd over HTTP, with
 * Grafana's macros replaced as its InfluxQL backend does ($timeFilter from the request's range,
 * $__interval from request.interval), and answers Grafana-shaped frames. A failing target becomes
 * an error with its refId, as Grafana's backend reports it; the other targets still answer.
 */
import {
  DataFrame,
  DataQuery,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceJsonData,
} from '@grafana/data';

import { FakeDataSource, instanceSettings } from '../../src/datasource/testing/fakeDataSource';
import { InfluxServer } from '../support/influxd';
import { influxResponseToFrames, interpolateGrafanaInfluxQuery } from '../support/influxFrames';

interface RawInfluxTarget extends DataQuery {
  query?: string;
}

/** An `influxdb` data source (uid `uid`, database `db`) backed by `server`. */
export function influxInnerDataSource(server: InfluxServer, db: string, uid = 'trendcast-influxdb'): FakeDataSource {
  const settings = instanceSettings<DataSourceJsonData & { dbName: string }>(
    uid,
    'InfluxDB (Trendcast demo)',
    'influxdb',
    { dbName: db }
  );
  return new FakeDataSource(
    settings,
    async (request: DataQueryRequest<RawInfluxTarget>): Promise<DataQueryResponse> => {
      const data: DataFrame[] = [];
      const errors: DataQueryError[] = [];
      for (const target of request.targets) {
        const text = interpolateGrafanaInfluxQuery(target.query ?? '', {
          from: request.range.from.valueOf(),
          to: request.range.to.valueOf(),
          interval: request.interval,
          intervalMs: request.intervalMs,
        });
        try {
          const resp = await server.query(db, text, { epoch: 'ms' });
          data.push(...influxResponseToFrames(resp, { refId: target.refId, executedQueryString: text }));
        } catch (e) {
          errors.push({ refId: target.refId, message: e instanceof Error ? e.message : String(e) });
        }
      }
      return errors.length > 0 ? { data, errors } : { data };
    }
  );
}

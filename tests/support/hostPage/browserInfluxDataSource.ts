/**
 * The page's InfluxDB data source: a DataSourceApi of type `influxdb` that runs each raw InfluxQL
 * target against the real influxd through the host server's proxy (`/api/influx/query`), with
 * Grafana's macros replaced as its InfluxQL backend does ($timeFilter from the request's range,
 * $__interval from request.interval), and answers Grafana-shaped frames (influxFrames.ts). Dashboard
 * variables are replaced with @grafana/runtime's TemplateSrv first, as Grafana's data source does.
 * A failing target becomes an error with its refId; the others still answer.
 */
import {
  DataFrame,
  DataQuery,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourceJsonData,
  TestDataSourceResponse,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';

import { influxResponseToFrames, interpolateGrafanaInfluxQuery } from '../influxFrames';
import type { InfluxQueryResponse } from '../influxd';
import { INFLUX_PROXY_PATH } from './hostPageConfig';

interface InfluxQuery extends DataQuery {
  query?: string;
}

interface InfluxOptions extends DataSourceJsonData {
  dbName?: string;
}

export class BrowserInfluxDataSource extends DataSourceApi<InfluxQuery, InfluxOptions> {
  private readonly db: string;

  constructor(settings: DataSourceInstanceSettings<InfluxOptions>) {
    super(settings);
    this.db = settings.jsonData.dbName ?? '';
  }

  async query(request: DataQueryRequest<InfluxQuery>): Promise<DataQueryResponse> {
    const data: DataFrame[] = [];
    const errors: DataQueryError[] = [];
    for (const target of request.targets) {
      const withVariables = getTemplateSrv().replace(target.query ?? '', request.scopedVars, 'regex');
      const text = interpolateGrafanaInfluxQuery(withVariables, {
        from: request.range.from.valueOf(),
        to: request.range.to.valueOf(),
        interval: request.interval,
        intervalMs: request.intervalMs,
      });
      const params = new URLSearchParams({ db: this.db, q: text, epoch: 'ms' });
      try {
        const res = await fetch(`${INFLUX_PROXY_PATH}/query?${params.toString()}`);
        const body = (await res.json()) as InfluxQueryResponse;
        if (!res.ok && body.error === undefined) {
          throw new Error(`InfluxDB answered HTTP ${res.status}`);
        }
        data.push(...influxResponseToFrames(body, { refId: target.refId, executedQueryString: text }));
      } catch (e) {
        errors.push({ refId: target.refId, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return errors.length > 0 ? { data, errors } : { data };
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    const res = await fetch(`${INFLUX_PROXY_PATH}/ping`);
    return res.ok
      ? { status: 'success', message: 'InfluxDB answers' }
      : { status: 'error', message: `HTTP ${res.status}` };
  }
}

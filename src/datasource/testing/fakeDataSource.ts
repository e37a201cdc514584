/**
 * Test doubles for the data source: instance settings as Grafana builds them, a stand-in "inner"
 * data source whose query() is any function (fixed frames, an error, a real InfluxDB over HTTP),
 * and services that look data sources up in a map instead of Grafana's registry.
 */
import {
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourceJsonData,
  dateTime,
  PluginType,
  ScopedVars,
  TestDataSourceResponse,
} from '@grafana/data';
import { DataQuery } from '@grafana/schema';
import { Observable } from 'rxjs';

import { DataSourceServices } from '../services';

/** Instance settings of a data source with this uid, name, plugin type and jsonData. */
export function instanceSettings<T extends DataSourceJsonData>(
  uid: string,
  name: string,
  type: string,
  jsonData: T
): DataSourceInstanceSettings<T> {
  return {
    uid,
    name,
    type,
    jsonData,
    access: 'proxy',
    readOnly: false,
    meta: {
      id: type,
      name: type,
      type: PluginType.datasource,
      module: '',
      baseUrl: '',
      info: {
        author: { name: 'test' },
        description: '',
        links: [],
        logos: { large: '', small: '' },
        screenshots: [],
        updated: '',
        version: '',
      },
    },
  };
}

export type QueryFn = (
  request: DataQueryRequest<DataQuery>
) => Promise<DataQueryResponse> | Observable<DataQueryResponse>;

/** A data source whose query() is `queryFn`; it records every request it is sent. */
export class FakeDataSource extends DataSourceApi<DataQuery> {
  readonly requests: Array<DataQueryRequest<DataQuery>> = [];

  constructor(
    settings: DataSourceInstanceSettings,
    private readonly queryFn: QueryFn,
    private readonly testResult: TestDataSourceResponse = { status: 'success', message: 'ok' }
  ) {
    super(settings);
  }

  query(request: DataQueryRequest<DataQuery>): Promise<DataQueryResponse> | Observable<DataQueryResponse> {
    this.requests.push(request);
    return this.queryFn(request);
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    return this.testResult;
  }
}

/**
 * Services that find data sources in `byUid` (an unknown uid rejects as Grafana's does), replace
 * `$name` variables from the scoped variables only, and use a fixed `now`.
 */
export function fakeServices(byUid: Record<string, DataSourceApi>, now: number): DataSourceServices {
  return {
    getDataSource: async (uid) => {
      const ds = byUid[uid];
      if (!ds) {
        throw new Error(`Datasource ${uid} was not found`);
      }
      return ds;
    },
    interpolate: (text: string, scopedVars: ScopedVars) =>
      text.replace(/\$(\w+)/g, (m, name: string) => (scopedVars[name] ? String(scopedVars[name]!.value) : m)),
    now: () => now,
  };
}

/** A dashboard's query request over [from, to] (epoch ms; raw text as a dashboard would have it). */
export function queryRequest<Q extends DataQuery>(
  targets: Q[],
  range: { from: number; to: number; rawFrom?: string; rawTo?: string },
  extra: Partial<DataQueryRequest<Q>> = {}
): DataQueryRequest<Q> {
  const from = dateTime(range.from);
  const to = dateTime(range.to);
  return {
    requestId: 'Q100',
    interval: '1h',
    intervalMs: 3_600_000,
    maxDataPoints: 1000,
    range: { from, to, raw: { from: range.rawFrom ?? from, to: range.rawTo ?? to } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: range.to,
    ...extra,
  };
}

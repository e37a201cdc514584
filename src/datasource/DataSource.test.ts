/**
 * @jest-environment jsdom
 */
import { createDataFrame, DataFrame, DataQueryResponse, FieldType, LoadingState } from '@grafana/data';
import { lastValueFrom, NEVER, Observable, of, throwError } from 'rxjs';

import { DataSource } from './DataSource';
import { fakeServices, FakeDataSource, instanceSettings, QueryFn, queryRequest } from './testing/fakeDataSource';
import { TrendcastDataSourceOptions, TrendcastQuery, withQueryDefaults } from './types';

// Grafana's services are injected (fakeServices); @grafana/runtime itself needs a running Grafana
// (and TextEncoder, which jsdom lacks), so it is not loaded here.
jest.mock('@grafana/runtime', () => ({}));

const HOUR = 3_600_000;
const NOW = Date.UTC(2024, 5, 30, 12);
const QUERY = 'SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host" fill(null)';

/** An Influx-shaped frame per host: 24 hourly points rising `slope` per hour up to one hour before now. */
function hostFrame(host: string, slope: number, refId = 'A'): DataFrame {
  const times = Array.from({ length: 24 }, (_, i) => NOW - (24 - i) * HOUR);
  return createDataFrame({
    name: `disk.mean { host: ${host} }`,
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      { name: 'Value', type: FieldType.number, values: times.map((_, i) => 60 + slope * i), labels: { host } },
    ],
  });
}

function setup(queryFn: QueryFn, opts: { innerUid?: string; innerType?: string } = {}) {
  const inner = new FakeDataSource(
    instanceSettings('influx', 'InfluxDB demo', opts.innerType ?? 'influxdb', {}),
    queryFn
  );
  const settings = instanceSettings<TrendcastDataSourceOptions>(
    'trendcast',
    'Trendcast',
    'trendcast-forecast-datasource',
    {
      innerUid: 'innerUid' in opts ? opts.innerUid : 'influx',
    }
  );
  return { inner, ds: new DataSource(settings, fakeServices({ influx: inner }, NOW)) };
}

const target = (patch: Partial<TrendcastQuery> = {}) =>
  withQueryDefaults({ refId: 'A', innerQuery: QUERY, model: 'linear', horizon: '48h', thresholds: [90], ...patch });

const run = (ds: DataSource, targets: TrendcastQuery[]) =>
  lastValueFrom(ds.query(queryRequest(targets, { from: NOW - 30 * 24 * HOUR, to: NOW + 14 * 24 * HOUR })));

describe('DataSource.query', () => {
  it('returns the original frames, a forecast frame per series and the crossings frame', async () => {
    const { ds, inner } = setup(async () => ({ data: [hostFrame('db1', 1), hostFrame('web1', 0.5)] }));
    const resp = await run(ds, [target()]);
    expect(resp.state).toBe(LoadingState.Done);
    expect(resp.errors).toBeUndefined();
    const frames = resp.data as DataFrame[];
    expect(frames.map((f) => f.name)).toEqual([
      'disk.mean { host: db1 }',
      'disk.mean { host: web1 }',
      'host=db1 forecast',
      'host=web1 forecast',
      'crossings',
    ]);
    expect(frames.every((f) => f.refId === 'A')).toBe(true);
    // db1 is at 83 one hour before now and rises 1/h: 90 seven hours after its last point (6 h from now);
    // web1 is at 71.5 and rises 0.5/h: 90 after 37 h (36 h from now).
    const crossings = frames[4];
    const col = (name: string) =>
      Array.from(crossings.fields.find((f) => f.name === name)!.values as ArrayLike<unknown>);
    expect(col('host')).toEqual(['db1', 'web1']);
    const time = col('time') as number[];
    expect(Math.abs(time[0] - (NOW - HOUR + 7 * HOUR))).toBeLessThan(1);
    expect(col('time_left_s')).toEqual([6 * 3600, 36 * 3600]);
    // The inner data source got one raw InfluxQL target and a range that ends now.
    expect(inner.requests).toHaveLength(1);
    expect(inner.requests[0].targets).toEqual([
      {
        refId: 'A',
        datasource: { type: 'influxdb', uid: 'influx' },
        query: QUERY,
        rawQuery: true,
        resultFormat: 'time_series',
      },
    ]);
    expect(inner.requests[0].range.to.valueOf()).toBe(NOW);
  });

  it('returns only the outputs asked for, and maps frames back by refId', async () => {
    const { ds } = setup(async () => ({ data: [hostFrame('db1', 1, 'A'), hostFrame('db1', 1, 'B')] }));
    const resp = await run(ds, [
      target({ includeForecast: false, includeCrossings: false }),
      target({ refId: 'B', includeOriginal: false, includeForecast: false }),
    ]);
    expect((resp.data as DataFrame[]).map((f) => `${f.refId}:${f.name}`)).toEqual([
      'A:disk.mean { host: db1 }',
      'B:crossings',
    ]);
  });

  it('keeps the last answer of an inner data source that streams partial answers', async () => {
    const { ds } = setup(() =>
      of<DataQueryResponse[]>(
        { data: [], state: LoadingState.Loading },
        { data: [hostFrame('db1', 1)], state: LoadingState.Done }
      )
    );
    const resp = await run(ds, [target({ includeOriginal: false, includeCrossings: false })]);
    expect((resp.data as DataFrame[]).map((f) => f.name)).toEqual(['host=db1 forecast']);
  });

  it("surfaces the inner query's errors as its own, with state Error", async () => {
    const { ds } = setup(async () => ({
      data: [],
      errors: [{ refId: 'A', message: 'error parsing query: found FROMM' }],
    }));
    const resp = await run(ds, [target()]);
    expect(resp.state).toBe(LoadingState.Error);
    expect(resp.errors).toEqual([
      { refId: 'A', message: 'InfluxDB data source "InfluxDB demo": error parsing query: found FROMM' },
    ]);
  });

  it('turns a failing inner query (rejected, errored observable) into an error response that completes', async () => {
    for (const fail of [
      () => Promise.reject(new Error('connection refused')),
      () => throwError(() => ({ data: { message: 'bad gateway' } })),
    ]) {
      const { ds } = setup(fail as QueryFn);
      const resp = await run(ds, [target()]);
      expect(resp.state).toBe(LoadingState.Error);
      expect(resp.errors?.[0].message).toMatch(
        /^InfluxDB data source "InfluxDB demo": (connection refused|bad gateway)$/
      );
    }
    const { ds } = setup(() => new Observable<DataQueryResponse>((s) => s.complete()));
    expect((await run(ds, [target()])).errors?.[0].message).toBe(
      'InfluxDB data source "InfluxDB demo" returned no answer'
    );
  });

  it('explains bad options without running the inner query, and runs the good ones', async () => {
    const { ds, inner } = setup(async () => ({ data: [hostFrame('db1', 1, 'B')] }));
    const resp = await run(ds, [
      target({ horizon: 'soon' }),
      target({ refId: 'B', includeOriginal: false, includeCrossings: false }),
    ]);
    expect(resp.state).toBe(LoadingState.Error);
    expect(resp.errors).toEqual([
      {
        refId: 'A',
        message:
          'Query A: horizon: "soon" is not a duration: use a number of steps (48) or a number and a unit (90s, 30m, 48h, 14d, 2w)',
      },
    ]);
    expect((resp.data as DataFrame[]).map((f) => f.name)).toEqual(['host=db1 forecast']);
    expect(inner.requests[0].targets.map((t) => t.refId)).toEqual(['B']);
  });

  it('says which setting is wrong when the inner data source is missing or not InfluxDB', async () => {
    const cases: Array<[{ innerUid?: string; innerType?: string }, RegExp]> = [
      [{ innerUid: undefined }, /^No InfluxDB data source is chosen/],
      [{ innerUid: 'gone' }, /^The InfluxDB data source with UID "gone" was not found/],
      [{ innerType: 'prometheus' }, /^"InfluxDB demo" is a prometheus data source; Trendcast wraps InfluxDB/],
    ];
    for (const [opts, message] of cases) {
      const { ds } = setup(() => NEVER, opts);
      const resp = await run(ds, [target()]);
      expect(resp.state).toBe(LoadingState.Error);
      expect(resp.errors?.[0].message).toMatch(message);
    }
  });

  it('answers Done with no data when every query is hidden', async () => {
    const { ds, inner } = setup(() => NEVER);
    expect(await run(ds, [target({ hide: true })])).toEqual({ data: [], state: LoadingState.Done });
    expect(inner.requests).toHaveLength(0);
  });
});

describe('DataSource editor hooks', () => {
  it('skips empty queries and offers the defaults', () => {
    const { ds } = setup(() => NEVER);
    expect(ds.filterQuery(target({ innerQuery: '  ' }))).toBe(false);
    expect(ds.filterQuery(target())).toBe(true);
    expect(ds.getDefaultQuery()).toEqual(
      expect.objectContaining({ model: 'auto', horizon: '14d', thresholds: [90, 100] })
    );
  });
});

describe('DataSource.testDatasource', () => {
  it('succeeds with the wrapped InfluxDB data source', async () => {
    const { ds } = setup(() => NEVER);
    expect(await ds.testDatasource()).toEqual({
      status: 'success',
      message: 'Forecasting queries of the InfluxDB data source "InfluxDB demo".',
    });
  });

  it('fails with a message for a missing, foreign or failing inner data source', async () => {
    expect((await setup(() => NEVER, { innerUid: undefined }).ds.testDatasource()).message).toMatch(
      /^No InfluxDB data source is chosen/
    );
    expect((await setup(() => NEVER, { innerType: 'loki' }).ds.testDatasource()).message).toMatch(
      /is a loki data source/
    );
    const failing = new FakeDataSource(instanceSettings('influx', 'Influx', 'influxdb', {}), () => NEVER, {
      status: 'error',
      message: 'error reading InfluxDB: 401',
    });
    const ds = new DataSource(
      instanceSettings<TrendcastDataSourceOptions>('t', 'T', 'trendcast-forecast-datasource', { innerUid: 'influx' }),
      fakeServices({ influx: failing }, NOW)
    );
    expect(await ds.testDatasource()).toEqual({
      status: 'error',
      message: 'The InfluxDB data source "Influx" fails its own test: error reading InfluxDB: 401',
    });
  });
});

/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "umd", "default"]}
 */
// jsdom: @grafana/data touches `window` on import (see influxQuery.test.ts).
/**
 * The Trendcast data source's query path against a real influxd: a dashboard request over
 * now-30d..now+14d → the inner InfluxDB query (raw InfluxQL over HTTP, range cut back to now) →
 * Grafana-shaped frames → forecast frames and the crossings frame, dated against the demo
 * generator's known fill dates.
 */
import { DataFrame, LoadingState } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { DataSource } from '../../src/datasource/DataSource';
import {
  FakeDataSource,
  fakeServices,
  instanceSettings,
  queryRequest,
} from '../../src/datasource/testing/fakeDataSource';
import { TrendcastDataSourceOptions, TrendcastQuery, withQueryDefaults } from '../../src/datasource/types';
import { DAY_MS, HOUR_MS } from '../support/demoData';
import { DemoInflux, withDemoInflux } from './demoInflux';
import { influxInnerDataSource } from './datasourceInnerInflux';

// Grafana's services are injected; @grafana/runtime needs a running Grafana and is not loaded.
jest.mock('@grafana/runtime', () => ({}));
jest.setTimeout(90_000);

const END = Date.UTC(2024, 5, 30, 0, 0, 0);
const DISK = 'SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host" fill(null)';
let demo: DemoInflux;
let inner: FakeDataSource;
let ds: DataSource;

beforeAll(async () => {
  demo = await withDemoInflux({ end: END, days: 30 });
  inner = influxInnerDataSource(demo.server, demo.db);
  const settings = instanceSettings<TrendcastDataSourceOptions>(
    'trendcast-forecast',
    'Trendcast',
    'trendcast-forecast-datasource',
    {
      innerUid: 'trendcast-influxdb',
    }
  );
  // "now" is the end of the demo data, as on a dashboard opened right after the seeder ran.
  ds = new DataSource(settings, fakeServices({ 'trendcast-influxdb': inner }, END));
});

afterAll(async () => {
  await demo?.stop();
});

/** The dashboard's request: now-30d..now+14d, $__interval 1h. */
function run(targets: TrendcastQuery[], scopedVars = {}) {
  const request = queryRequest(
    targets,
    { from: END - 30 * DAY_MS, to: END + 14 * DAY_MS, rawFrom: 'now-30d', rawTo: 'now+14d' },
    { scopedVars }
  );
  return lastValueFrom(ds.query(request));
}

const column = (frame: DataFrame, name: string) =>
  Array.from(frame.fields.find((f) => f.name === name)!.values as ArrayLike<unknown>);

describe('Trendcast data source over a real InfluxDB', () => {
  let frames: DataFrame[];

  beforeAll(async () => {
    const resp = await run([
      withQueryDefaults({ refId: 'A', innerQuery: DISK, model: 'auto', horizon: '14d', thresholds: [90, 100] }),
    ]);
    expect(resp.errors).toBeUndefined();
    expect(resp.state).toBe(LoadingState.Done);
    frames = resp.data as DataFrame[];
  });

  it('queries InfluxDB up to now, not into the forecast horizon', () => {
    const request = inner.requests[0];
    expect([request.range.from.valueOf(), request.range.to.valueOf()]).toEqual([END - 30 * DAY_MS, END]);
    expect(frames[0].meta?.executedQueryString).toBe(
      `SELECT mean("used_percent") FROM "disk" WHERE time >= ${END - 30 * DAY_MS}ms and time <= ${END}ms GROUP BY time(1h), "host" fill(null)`
    );
  });

  it('returns the original frames, one forecast frame per host and the crossings frame', () => {
    const hosts = ['cache1', 'db1', 'web1', 'web2'];
    expect(
      frames
        .slice(0, 4)
        .map((f) => f.name)
        .sort()
    ).toEqual(hosts.map((h) => `disk.mean { host: ${h} }`));
    expect(
      frames
        .slice(4, 8)
        .map((f) => f.name)
        .sort()
    ).toEqual(hosts.map((h) => `host=${h} forecast`));
    expect(frames[8].name).toBe('crossings');
    for (const f of frames.slice(4, 8)) {
      const host = f.name!.slice('host='.length, -' forecast'.length);
      const original = frames.find((o) => o.name === `disk.mean { host: ${host} }`)!;
      const lastWithValue = Math.max(
        ...original.fields[0].values.filter((_, i) => original.fields[1].values[i] !== null)
      );
      const [time, value, lower, upper] = f.fields.map((x) => Array.from(x.values as ArrayLike<number>));
      // From the host's last hourly bucket with data, then hourly for 14 days.
      expect(lastWithValue).toBe(END - HOUR_MS);
      expect(time[0]).toBe(lastWithValue);
      expect(time).toHaveLength(14 * 24 + 1);
      expect(time[time.length - 1]).toBe(lastWithValue + 14 * DAY_MS);
      expect(f.fields[1].labels).toEqual({ host });
      for (let k = 0; k < time.length; k++) {
        expect(lower[k]).toBeLessThanOrEqual(value[k]);
        expect(value[k]).toBeLessThanOrEqual(upper[k]);
      }
    }
  });

  it('dates db1 reaching 90% and 100% within a day or so of the truth, with the time left from now', () => {
    const crossings = frames[8];
    const hosts = column(crossings, 'host');
    const thresholds = column(crossings, 'threshold');
    const row = (host: string, t: number) => hosts.findIndex((h, i) => h === host && thresholds[i] === t);
    const truth = demo.truth.disk.find((d) => d.host === 'db1')!;
    const time = column(crossings, 'time') as Array<number | null>;
    const earliest = column(crossings, 'earliest') as Array<number | null>;
    const latest = column(crossings, 'latest') as Array<number | null>;
    const left = column(crossings, 'time_left_s') as Array<number | null>;
    const status = column(crossings, 'status');

    const i90 = row('db1', 90);
    expect(status[i90]).toBe('crosses');
    expect(Math.abs(time[i90]! - truth.reach90!)).toBeLessThan(DAY_MS);
    expect(earliest[i90]!).toBeLessThanOrEqual(truth.reach90!);
    expect(latest[i90]!).toBeGreaterThanOrEqual(truth.reach90!);
    expect(left[i90]).toBe(Math.round((time[i90]! - END) / 1000));
    const i100 = row('db1', 100);
    expect(status[i100]).toBe('crosses');
    expect(Math.abs(time[i100]! - truth.reach100!)).toBeLessThan(1.5 * DAY_MS);

    // web1 reaches 90% in about 31 days: beyond the 14-day horizon. cache1 does not grow.
    expect([status[row('web1', 90)], left[row('web1', 90)]]).toEqual(['not-within-horizon', null]);
    expect(time[row('cache1', 90)]).toBeNull();
  });

  it('sorts hosts by time left as a Table would: db1 first', () => {
    const crossings = frames[8];
    const hosts = column(crossings, 'host');
    const left = column(crossings, 'time_left_s') as Array<number | null>;
    const reached = hosts.map((h, i) => ({ h, left: left[i] })).filter((r) => r.left !== null);
    reached.sort((a, b) => a.left! - b.left!);
    expect(reached[0]).toEqual({ h: 'db1', left: expect.any(Number) });
    expect(reached[0].left!).toBeGreaterThan(5 * 24 * 3600);
  });
});

describe('Trendcast data source: variables and errors through InfluxDB', () => {
  it('replaces dashboard variables and keeps InfluxDB macros for the inner query', async () => {
    const q = `SELECT mean("used_percent") FROM "disk" WHERE "host" = '$host' AND $timeFilter GROUP BY time($__interval), "host" fill(null)`;
    const resp = await run(
      [withQueryDefaults({ refId: 'A', innerQuery: q, includeForecast: false, includeCrossings: false })],
      {
        host: { text: 'db1', value: 'db1' },
        __interval: { text: '1h', value: '1h' },
      }
    );
    expect((resp.data as DataFrame[]).map((f) => f.name)).toEqual(['disk.mean { host: db1 }']);
    expect((resp.data as DataFrame[])[0].length).toBe(30 * 24 + 1);
  });

  it("reports InfluxDB's own error for a bad query, with state Error", async () => {
    const resp = await run([
      withQueryDefaults({ refId: 'A', innerQuery: 'SELECT mean("used_percent") FROMM "disk" WHERE $timeFilter' }),
    ]);
    expect(resp.state).toBe(LoadingState.Error);
    expect(resp.errors).toHaveLength(1);
    expect(resp.errors![0].refId).toBe('A');
    expect(resp.errors![0].message).toMatch(
      /^InfluxDB data source "InfluxDB \(Trendcast demo\)": .*error parsing query/
    );
    expect(resp.data).toEqual([]);
  });

  it('still forecasts the CPU hosts with the seasonal model in the same request', async () => {
    const cpu =
      'SELECT mean("usage_percent") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval), "host" fill(null)';
    const resp = await run([
      withQueryDefaults({ refId: 'A', innerQuery: DISK, includeOriginal: false, includeForecast: false }),
      withQueryDefaults({
        refId: 'B',
        innerQuery: cpu,
        model: 'seasonal',
        horizon: '7d',
        thresholds: [],
        includeOriginal: false,
        includeCrossings: false,
      }),
    ]);
    const frames = resp.data as DataFrame[];
    expect(frames.map((f) => `${f.refId}:${f.name}`).filter((n) => n.startsWith('A:'))).toEqual(['A:crossings']);
    const cpuFrames = frames.filter((f) => f.refId === 'B');
    expect(cpuFrames.length).toBeGreaterThanOrEqual(2);
    for (const f of cpuFrames) {
      expect(f.name).toMatch(/^host=\w+ forecast$/);
      expect(f.length).toBe(7 * 24 + 1);
      expect(f.fields[0].values[1] - f.fields[0].values[0]).toBe(HOUR_MS);
    }
  });
});

/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// jsdom: @grafana/data touches `window` on import; the LSTM trains with tfjs' CPU backend in Node.
import { createDataFrame, DataFrame, FieldType, LoadingState } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { TextDecoder, TextEncoder } from 'util';

import { validForecastOptions } from '../models/forecastOptions';
import { LstmJob, LstmRunner } from '../runtime/lstmJobs';
import { LstmAction } from '../runtime/lstmRefresh';
import { runLstmJob } from '../runtime/runLstmJob';
import { SeriesOutcome } from '../runtime/seriesOutcome';
import { createMemoryWeightStore, WeightStore } from '../runtime/weightStore';
import { DataSource } from './DataSource';
import { queryFrames } from './queryFrames';
import { fakeServices, FakeDataSource, instanceSettings, queryRequest } from './testing/fakeDataSource';
import { TrendcastDataSourceOptions, TrendcastQuery, withQueryDefaults } from './types';

jest.mock('@grafana/runtime', () => ({}));
jest.setTimeout(120_000);
// tfjs encodes tensor names and weights with TextEncoder, which jsdom lacks (Node and browsers have it).
Object.assign(globalThis, { TextEncoder, TextDecoder });

const HOUR = 3_600_000;
const NOW = Date.UTC(2024, 5, 30, 12);
const N = 120;
const QUERY = 'SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host" fill(null)';
// Small networks: a cold training takes well under a second per series.
const SMALL = { units: 8, epochs: 3, fineTuneEpochs: 1, dropout: 0 };

/** One host's hourly disk usage: a slow rise with a daily wave, ending one hour before now. */
function hostFrame(host: string, slope: number): DataFrame {
  const times = Array.from({ length: N }, (_, i) => NOW - (N - i) * HOUR);
  return createDataFrame({
    name: `disk.mean { host: ${host} }`,
    refId: 'A',
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      {
        name: 'Value',
        type: FieldType.number,
        values: times.map((_, i) => 40 + slope * i + 5 * Math.sin((2 * Math.PI * i) / 24)),
        labels: { host },
      },
    ],
  });
}

/** A runner that trains in this thread against `store`, recording each job and what the model did. */
function recordingRunner(store: WeightStore) {
  const jobs: LstmJob[] = [];
  const actions: Array<LstmAction | null> = [];
  const runner: LstmRunner = {
    where: 'main-thread',
    lanes: 1,
    async run(job, hooks): Promise<SeriesOutcome> {
      jobs.push(job);
      // The query's own settings (look-back) stay; the small network's keep the test fast.
      const out = await runLstmJob({ ...job, config: { ...job.config, ...SMALL } }, store, hooks);
      actions.push(out.lstm?.action ?? null);
      return out;
    },
    dispose() {},
  };
  return { runner, jobs, actions };
}

function setup() {
  const store = createMemoryWeightStore();
  const rec = recordingRunner(store);
  const inner = new FakeDataSource(instanceSettings('influx', 'InfluxDB demo', 'influxdb', {}), async () => ({
    data: [hostFrame('db1', 0.1), hostFrame('web1', 0.05)],
  }));
  const settings = instanceSettings<TrendcastDataSourceOptions>(
    'trendcast',
    'Trendcast',
    'trendcast-forecast-datasource',
    { innerUid: 'influx' }
  );
  let loads = 0;
  const services = {
    ...fakeServices({ influx: inner }, NOW),
    lstmRunner: async () => {
      loads++;
      return rec.runner;
    },
  };
  return { ds: new DataSource(settings, services), rec, store, loads: () => loads };
}

const target = (patch: Partial<TrendcastQuery> = {}) =>
  withQueryDefaults({ refId: 'A', innerQuery: QUERY, model: 'lstm', horizon: '24h', thresholds: [1000], ...patch });

const run = (ds: DataSource, targets: TrendcastQuery[], panelId: number, dashboardUID = 'capacity') =>
  lastValueFrom(
    ds.query(queryRequest(targets, { from: NOW - 10 * 24 * HOUR, to: NOW + 2 * 24 * HOUR }, { dashboardUID, panelId }))
  );

const values = (frame: DataFrame, index: number) => Array.from(frame.fields[index].values as ArrayLike<number>);

describe('DataSource.query with the LSTM model', () => {
  it('trains per series and panel, answers from the cache for the same panel, and trains anew for another', async () => {
    const { ds, rec, store, loads } = setup();

    const first = await run(ds, [target()], 7);
    expect(first.state).toBe(LoadingState.Done);
    expect(first.errors).toBeUndefined();
    const frames = first.data as DataFrame[];
    expect(frames.map((f) => f.name)).toEqual([
      'disk.mean { host: db1 }',
      'disk.mean { host: web1 }',
      'host=db1 forecast',
      'host=web1 forecast',
      'crossings',
    ]);
    // Each forecast frame: the last point (where the band starts) and 24 hourly steps after it,
    // finite values inside their band.
    expect(frames[2].meta?.notices).toBeUndefined();
    for (const f of frames.slice(2, 4)) {
      const [time, value, lower, upper] = [0, 1, 2, 3].map((i) => values(f, i));
      expect(time).toHaveLength(25);
      expect(time[0]).toBe(NOW - HOUR);
      expect(time[24]).toBe(NOW + 23 * HOUR);
      for (let i = 0; i < 25; i++) {
        expect(Number.isFinite(value[i])).toBe(true);
        expect(lower[i]).toBeLessThanOrEqual(value[i]);
        expect(upper[i]).toBeGreaterThanOrEqual(value[i]);
      }
    }
    expect(rec.actions).toEqual(['cold-train', 'cold-train']);
    expect(rec.jobs.map((j) => [j.dashboardUid, j.panelId, j.series.labels.host])).toEqual([
      ['capacity', '7/A', 'db1'],
      ['capacity', '7/A', 'web1'],
    ]);
    const keys = (await store.list()).map((e) => e.key);
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.includes('dashboard=capacity|panel=7/A|'))).toBe(true);

    // The same dashboard and panel: both models come from the cache, no cold training.
    const again = await run(ds, [target()], 7);
    expect(again.state).toBe(LoadingState.Done);
    expect(rec.actions.slice(2)).toHaveLength(2);
    expect(rec.actions.slice(2)).not.toContain('cold-train');
    expect(rec.actions.slice(2).every((a) => a === 'cached' || a === 'fine-tune')).toBe(true);

    // Another panel of the same dashboard has its own models.
    await run(ds, [target()], 8);
    expect(rec.actions.slice(4)).toEqual(['cold-train', 'cold-train']);
    expect((await store.list()).map((e) => e.key).filter((k) => k.includes('|panel=8/A|'))).toHaveLength(2);
    expect(loads()).toBe(3);
  });

  it("passes the query's LSTM options to each job and reports the model status in meta.custom.lstm", async () => {
    const { ds, rec } = setup();
    const options = {
      lstmLookBack: 12,
      lstmEpochs: 5,
      lstmFineTuneEpochs: 0,
      lstmDriftLimit: 3,
      lstmDriftAbsoluteLimit: 10,
    };
    const resp = await run(ds, [target(options)], 7);
    expect(resp.state).toBe(LoadingState.Done);
    expect(rec.jobs.map((j) => [j.config, j.drift])).toEqual([
      [
        { lookBack: 12, epochs: 5, fineTuneEpochs: 0 },
        { relativeLimit: 3, absoluteLimit: 10 },
      ],
      [
        { lookBack: 12, epochs: 5, fineTuneEpochs: 0 },
        { relativeLimit: 3, absoluteLimit: 10 },
      ],
    ]);
    const frames = (resp.data as DataFrame[]).filter((f) => f.name?.endsWith(' forecast'));
    expect(frames).toHaveLength(2);
    for (const f of frames) {
      const lstm = f.meta?.custom?.lstm;
      expect(lstm).toMatchObject({
        action: 'cold-train',
        cache: 'miss',
        trainedPoints: N,
        lookBack: 12,
        drift: null,
        driftLimit: { relativeLimit: 3, absoluteLimit: 10 },
      });
      // Filled in by the cold training; null only for a series too short to hold a horizon back.
      expect(lstm).toHaveProperty('backtest');
      expect(lstm).not.toHaveProperty('losses');
    }

    // Invalid options (hand-edited JSON) mean the defaults: nothing set, the default drift policy.
    await run(ds, [target({ lstmLookBack: -5, lstmEpochs: 'x' as unknown as number, lstmDriftLimit: 0 })], 9);
    expect(rec.jobs.slice(2).map((j) => [j.config, j.drift])).toEqual([
      [{}, { relativeLimit: 2.5, absoluteLimit: null }],
      [{}, { relativeLimit: 2.5, absoluteLimit: null }],
    ]);
  });

  it('runs the other models without loading the runner, with the same frames as before', async () => {
    const { ds, rec, loads } = setup();
    const resp = await run(ds, [target({ model: 'linear' })], 7);
    expect(resp.state).toBe(LoadingState.Done);
    expect(resp.data).toEqual(
      await queryFrames(
        [hostFrame('db1', 0.1), hostFrame('web1', 0.05)],
        target({ model: 'linear' }),
        validForecastOptions(target({ model: 'linear' })),
        NOW
      )
    );
    expect((resp.data as DataFrame[]).map((f) => f.name)).toContain('host=db1 forecast');
    expect(rec.jobs).toHaveLength(0);
    expect(loads()).toBe(0);
  });

  it("answers auto with the fitted forecasts at once (Loading), then with the LSTM's (Done)", async () => {
    const { ds, rec } = setup();
    const request = queryRequest(
      [target({ model: 'auto' })],
      { from: NOW - 10 * 24 * HOUR, to: NOW },
      {
        dashboardUID: 'd',
        panelId: 1,
      }
    );
    const answers = await lastValueFrom(ds.query(request).pipe(toArray()));
    expect(answers.map((a) => a.state)).toEqual([LoadingState.Loading, LoadingState.Done]);
    const inner = [hostFrame('db1', 0.1), hostFrame('web1', 0.05)];
    const auto = target({ model: 'auto' });
    expect(answers[0].data).toEqual(await queryFrames(inner, auto, validForecastOptions(auto), NOW));
    // web1's daily wave makes it seasonal: it trained an LSTM, whose status its frame carries; db1's
    // steeper rise reads as a trend (no training, the same frame in both answers).
    expect(rec.jobs.map((j) => [j.series.labels.host, j.request.model])).toEqual([['web1', 'lstm']]);
    const early = (answers[0].data as DataFrame[]).filter((f) => f.name?.endsWith(' forecast'));
    const forecasts = (answers[1].data as DataFrame[]).filter((f) => f.name?.endsWith(' forecast'));
    expect(forecasts.map((f) => f.meta?.custom?.lstm?.action)).toEqual([undefined, 'cold-train']);
    expect(forecasts[0]).toEqual(early[0]);
    expect(values(forecasts[1], 1)).not.toEqual(values(early[1], 1));
  });

  it('aborts the training when the query is unsubscribed, and the observable emits nothing', async () => {
    const { ds, rec } = setup();
    let signal: AbortSignal | undefined;
    const started = new Promise<void>((resolve) => {
      const original = rec.runner.run.bind(rec.runner);
      rec.runner.run = (job, hooks) => {
        signal = hooks?.signal;
        resolve();
        return original(job, hooks);
      };
    });
    const seen: unknown[] = [];
    const sub = ds
      .query(queryRequest([target()], { from: NOW - 10 * 24 * HOUR, to: NOW }, { dashboardUID: 'd', panelId: 1 }))
      .subscribe((r) => seen.push(r));
    await started;
    expect(signal?.aborted).toBe(false);
    sub.unsubscribe();
    expect(signal?.aborted).toBe(true);
    // The job in progress ends as cancelled; the next series is not started.
    await new Promise((r) => setTimeout(r, 50));
    expect(rec.jobs).toHaveLength(1);
    expect(seen).toEqual([]);
  });
});

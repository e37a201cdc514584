/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "umd", "default"]}
 */
// jsdom: @grafana/data touches `window` on import (see influxQuery.test.ts).
/**
 * The panel's whole data path against a real influxd: Grafana-style InfluxQL (GROUP BY time and
 * host) → Grafana-shaped frames → framesToSeries (the panel's reader) → forecastSeries (the one
 * forecast entry, every face's) → crossing dates, checked against the demo generator's known fill dates.
 */
import { validForecastOptions } from '../../src/models/forecastOptions';
import { framesToSeries } from '../../src/common/framesToSeries';
import { forecastSeries } from '../../src/runtime/forecastSeries';
import { cpuModelAt, DAY_MS, DEMO_STEP_MS, HOUR_MS } from '../support/demoData';
import { grafanaInfluxQuery } from '../support/influxFrames';
import { DemoInflux, withDemoInflux } from './demoInflux';

jest.setTimeout(90_000);

const END = Date.UTC(2024, 5, 30, 0, 0, 0);
let demo: DemoInflux;

beforeAll(async () => {
  demo = await withDemoInflux({ end: END, days: 30 });
});

afterAll(async () => {
  await demo?.stop();
});

async function diskForecasts(model: 'auto' | 'last-trend' | 'linear') {
  const q = grafanaInfluxQuery({ measurement: 'disk', field: 'used_percent', groupByTags: ['host'] });
  const series = framesToSeries(await demo.frames(q, { interval: '1h' }));
  const options = validForecastOptions({ model, horizon: '60d', thresholds: [90, 100] });
  return Promise.all(series.map(async (s) => (await forecastSeries(s, options)).result));
}

describe('disk forecasts from InfluxDB', () => {
  it("dates each host's 90% and 100% crossings close to the true fill dates", async () => {
    const results = await diskForecasts('auto');
    expect(results.map((r) => r.name).sort()).toEqual(['host=cache1', 'host=db1', 'host=web1', 'host=web2']);
    for (const r of results) {
      expect(r.problem).toBeNull();
      expect(r.model).toBe('last-trend');
      expect(r.step).toBe(HOUR_MS);
      const truth = demo.truth.disk.find((d) => d.host === r.labels.host)!;
      const [c90, c100] = r.crossings;
      if (truth.reach90 === null || truth.reach90 - END > 60 * DAY_MS) {
        expect(c90.time === null || c90.time - END > 40 * DAY_MS).toBe(true);
        continue;
      }
      // Within a day of the truth for a fill date 1–5 weeks out, and bracketed by the band.
      expect(c90.status).toBe('crosses');
      expect(Math.abs(c90.time! - truth.reach90)).toBeLessThan(DAY_MS);
      expect(c90.earliest!).toBeLessThanOrEqual(truth.reach90);
      expect(c90.latest!).toBeGreaterThanOrEqual(truth.reach90);
      if (truth.reach100 !== null && truth.reach100 - END < 60 * DAY_MS) {
        expect(Math.abs(c100.time! - truth.reach100)).toBeLessThan(1.5 * DAY_MS);
      }
    }
  });

  it('beats a fit over the whole window, which the clean-ups drag down', async () => {
    const [trend, whole] = await Promise.all([diskForecasts('last-trend'), diskForecasts('linear')]);
    const web1 = (rs: typeof trend) => rs.find((r) => r.labels.host === 'web1')!.crossings[0].time!;
    const truth = demo.truth.disk.find((d) => d.host === 'web1')!.reach90!;
    expect(Math.abs(web1(trend) - truth)).toBeLessThan(Math.abs(web1(whole) - truth));
  });
});

describe('CPU forecasts from InfluxDB', () => {
  it('finds the daily cycle and forecasts the next day within the noise', async () => {
    const q = grafanaInfluxQuery({ measurement: 'cpu', field: 'usage_percent', groupByTags: ['host'] });
    const series = framesToSeries(await demo.frames(q, { interval: '1h' }));
    for (const s of series) {
      const { result: r } = await forecastSeries(s, validForecastOptions({ model: 'auto', horizon: '24h' }));
      expect(r.model).toBe('seasonal');
      expect([24, 168]).toContain(r.diagnostics.period);
      const f = r.forecast!;
      const host = s.labels.host;
      let inside = 0;
      for (let k = 0; k < 24; k++) {
        // The hourly bucket's noise-free mean: the model averaged over its 5-minute samples.
        let truth = 0;
        for (let t = f.times[k]; t < f.times[k] + HOUR_MS; t += DEMO_STEP_MS) {
          truth += cpuModelAt(host, t, END) / (HOUR_MS / DEMO_STEP_MS);
        }
        inside += f.lower[k] <= truth && truth <= f.upper[k] ? 1 : 0;
      }
      expect(inside).toBeGreaterThanOrEqual(22);
    }
  });
});

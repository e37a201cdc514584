import { validForecastOptions } from '../models/forecastOptions';
import { forecastSeries } from '../models/forecastSeries';
import { forecastSeriesAsync } from './forecastSeriesAsync';
import { createMemoryWeightStore } from './weightStore';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const t0 = Date.UTC(2024, 0, 1);
const raw = (n: number, trend = 0) => ({
  name: 'cpu',
  labels: { host: 'a' },
  times: Array.from({ length: n }, (_, i) => t0 + i * HOUR),
  values: Array.from(
    { length: n },
    (_, i) => 50 + trend * i + 8 * Math.sin((2 * Math.PI * i) / 24) + ((i * 37) % 11) / 11
  ),
});
const lstm = {
  store: createMemoryWeightStore(),
  dashboardUid: 'd1',
  panelId: 2,
  config: { units: 8, epochs: 4, dropout: 0 },
};

describe('forecastSeriesAsync', () => {
  it.each(['auto', 'linear', 'seasonal', 'last-trend', 'rrd-predict'] as const)(
    'delegates %s to forecastSeries unchanged',
    async (model) => {
      const req = validForecastOptions({ model, horizon: '24', thresholds: [70] });
      const out = await forecastSeriesAsync(raw(240), req, lstm);
      expect(out.lstm).toBeNull();
      expect(out.result).toEqual(forecastSeries(raw(240), req));
    }
  );

  it('runs the LSTM through the same preparation and crossing code', async () => {
    const out = await forecastSeriesAsync(
      raw(240, 0.05),
      validForecastOptions({ model: 'lstm', horizon: '48h', thresholds: [1000, 40], direction: 'auto' }),
      lstm
    );
    expect(out.cancelled).toBe(false);
    expect(out.result.problem).toBeNull();
    expect(out.result).toMatchObject({ model: 'lstm', name: 'cpu', step: HOUR, lastTime: t0 + 239 * HOUR });
    expect(out.result.forecast!.times).toHaveLength(48);
    expect(out.result.forecast!.times[0]).toBe(t0 + 240 * HOUR);
    expect(out.result.crossings).toHaveLength(2);
    expect(out.result.fitted!.values.length).toBe(240);
    expect(out.result.fitted!.start).toBe(t0);
    expect(out.lstm).toMatchObject({ action: 'cold-train', cache: 'miss', storeKind: 'memory' });
  });

  it('reports cancellation as a result, not a rejection', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await forecastSeriesAsync(
      raw(240),
      validForecastOptions({ model: 'lstm', horizon: '24' }),
      { ...lstm, store: null },
      { signal: controller.signal }
    );
    expect(out.cancelled).toBe(true);
    expect(out.result.forecast).toBeNull();
  });

  it('bad data is a problem as on the sync path', async () => {
    const out = await forecastSeriesAsync(
      { name: 'x', labels: {}, times: [1, 2], values: [1, 2] },
      validForecastOptions({ model: 'lstm', horizon: '24' }),
      lstm
    );
    expect(out.result.problem?.code).toBe('too-few-points');
  });
});

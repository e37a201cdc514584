import { validForecastOptions } from '../models/forecastOptions';
import { forecastFitted } from '../models/forecastSeries';
import { forecastSeries, LstmPlace } from './forecastSeries';
import { createInProcessLstmRunner } from './inProcessLstmRunner';
import { LstmRunner } from './lstmJobs';
import { createMemoryWeightStore, WeightStore } from './weightStore';

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
const place = (store: WeightStore | null): LstmPlace => {
  const runner = createInProcessLstmRunner(store);
  return {
    runner: () => Promise.resolve(runner),
    dashboardUid: 'd1',
    panelId: 2,
    config: { units: 8, epochs: 4 },
  };
};
const lstm = place(createMemoryWeightStore());

describe('forecastSeries (the forecast entry)', () => {
  it.each(['linear', 'seasonal', 'last-trend', 'rrd-predict'] as const)(
    'fits %s at once, without loading the LSTM runner',
    async (model) => {
      const req = validForecastOptions({ model, horizon: '24', thresholds: [70] });
      const runner = jest.fn(lstm.runner);
      const out = await forecastSeries(raw(240), req, { lstm: { ...lstm, runner } });
      expect(out).toEqual({ result: forecastFitted(raw(240), req), lstm: null, cancelled: false });
      expect(runner).not.toHaveBeenCalled();
    }
  );

  it('fits auto at once on a series without a cycle, without loading the LSTM runner', async () => {
    const line = { ...raw(240), values: Array.from({ length: 240 }, (_, i) => 40 + 0.1 * i + ((i * 37) % 11) / 11) };
    const req = validForecastOptions({ model: 'auto', horizon: '24', thresholds: [70] });
    const runner = jest.fn(lstm.runner);
    const out = await forecastSeries(line, req, { lstm: { ...lstm, runner } });
    expect(out).toEqual({ result: forecastFitted(line, req), lstm: null, cancelled: false });
    expect(out.result.model).toBe('last-trend');
    expect(runner).not.toHaveBeenCalled();
  });

  it("takes the face's immediate forecast as the fitted one instead of fitting again", async () => {
    const req = validForecastOptions({ model: 'auto', horizon: '24' });
    const shown = { ...forecastFitted(raw(240), req), diagnostics: { madeBy: 'the face' } };
    const out = await forecastSeries(raw(240), req, { immediate: shown });
    expect(out.result).toBe(shown);
  });

  it('gives auto the fitted models only without an LSTM place (the CLI with --no-lstm)', async () => {
    const req = validForecastOptions({ model: 'auto', horizon: '24' });
    const out = await forecastSeries(raw(240), req);
    expect(out).toEqual({ result: forecastFitted(raw(240), req), lstm: null, cancelled: false });
    expect(out.result.model).toBe('seasonal');
  });

  it("trains the LSTM for a series auto finds seasonal: the LSTM's forecast, the trend's crossings", async () => {
    const options = { horizon: '240h', thresholds: [70] };
    const auto = validForecastOptions({ model: 'auto', ...options });
    const out = await forecastSeries(raw(240, 0.05), auto, { lstm: place(createMemoryWeightStore()) });
    const fitted = forecastFitted(raw(240, 0.05), auto);
    expect(fitted.model).toBe('seasonal');
    expect(out.result.model).toBe('lstm');
    expect(out.result.diagnostics).toMatchObject({ autoGroup: 'seasonal' });
    expect(out.lstm).toMatchObject({ action: 'cold-train', period: 24 });
    expect(out.result.forecast!.point).not.toEqual(fitted.forecast!.point);
    // The date comes from the capacity trend, whichever model draws the forecast.
    expect(out.result.crossings).toEqual(fitted.crossings);
    expect(out.result.crossings[0].status).toBe('crosses');
  });

  it("keeps auto's fitted forecast, with a notice, when the LSTM fails; and when training is cancelled", async () => {
    const failing: LstmRunner = {
      where: 'main-thread',
      lanes: 1,
      run: async (job) => ({
        result: {
          ...forecastFitted(job.series, job.request),
          forecast: null,
          problem: { code: 'model-failed', message: 'LSTM model failed: out of memory' },
        },
        lstm: null,
        cancelled: false,
      }),
      dispose: () => undefined,
    };
    const req = validForecastOptions({ model: 'auto', horizon: '24' });
    const fitted = forecastFitted(raw(240), req);
    const out = await forecastSeries(raw(240), req, { lstm: { ...lstm, runner: async () => failing } });
    expect(out.result).toEqual({
      ...fitted,
      notices: [{ code: 'lstm-failed', message: 'LSTM model failed: out of memory' }],
    });
    const controller = new AbortController();
    controller.abort();
    const cancelled = await forecastSeries(raw(240), req, { lstm: place(null), signal: controller.signal });
    expect(cancelled).toEqual({ result: fitted, lstm: null, cancelled: true });
  });

  it('runs the LSTM through the same preparation and crossing code', async () => {
    const out = await forecastSeries(
      raw(240, 0.05),
      validForecastOptions({ model: 'lstm', horizon: '48h', thresholds: [1000, 40], direction: 'auto' }),
      { lstm }
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

  it("dates the LSTM's crossings on the capacity trend, as last-trend dates them", async () => {
    // Rising 0.05 per hour from 50.45 (the ripple's mean) under an 8-point daily swing: the line
    // reaches 70 at row 391, 152 hours after the last; the swing's peaks would reach it days earlier.
    const options = { horizon: '240h', thresholds: [70] };
    const out = await forecastSeries(raw(240, 0.05), validForecastOptions({ model: 'lstm', ...options }), { lstm });
    const trend = forecastFitted(raw(240, 0.05), validForecastOptions({ model: 'last-trend', ...options }));
    const crossing = out.result.crossings[0];
    expect(crossing.status).toBe('crosses');
    expect(crossing).toEqual(trend.crossings[0]);
    expect(Math.abs(crossing.time! - (t0 + 391 * HOUR))).toBeLessThan(3 * HOUR);
  });

  it('reports cancellation as a result, not a rejection', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await forecastSeries(raw(240), validForecastOptions({ model: 'lstm', horizon: '24' }), {
      lstm: place(null),
      signal: controller.signal,
    });
    expect(out.cancelled).toBe(true);
    expect(out.result.forecast).toBeNull();
  });

  it('bad data is a problem as for the fitted models', async () => {
    const out = await forecastSeries(
      { name: 'x', labels: {}, times: [1, 2], values: [1, 2] },
      validForecastOptions({ model: 'lstm', horizon: '24' }),
      { lstm }
    );
    expect(out.result.problem?.code).toBe('too-few-points');
  });

  it('answers an LSTM request without a runner with a problem naming it', async () => {
    const out = await forecastSeries(raw(240), validForecastOptions({ model: 'lstm', horizon: '24' }));
    expect(out.result.problem).toEqual({ code: 'bad-option', message: 'the lstm model needs a runner to train on' });
    expect(out.lstm).toBeNull();
  });
});

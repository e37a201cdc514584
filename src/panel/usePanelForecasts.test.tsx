/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot, Root } from 'react-dom/client';

import { PanelSeries } from '../common/framesToSeries';
import { validForecastOptions } from '../models/forecastOptions';
import { emptySeriesForecast, forecastFitted } from '../models/forecastSeries';
import { LstmJob, LstmRunner } from '../runtime/lstmJobs';
import { LstmStatus } from '../runtime/lstmRefresh';
import { ThresholdLine } from './thresholdValues';
import { DEFAULT_OPTIONS, TrendcastOptions } from './types';
import { PanelForecastState, usePanelForecasts } from './usePanelForecasts';

const runnerLoads = jest.fn<Promise<LstmRunner>, []>();
jest.mock('../runtime/loadLstmRunner', () => ({ loadLstmRunner: () => runnerLoads() }));

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const HOUR = 3_600_000;
const series = (host: string, slope: number): PanelSeries => ({
  name: `host=${host}`,
  displayName: host,
  labels: { host },
  times: Array.from({ length: 48 }, (_, i) => i * HOUR),
  values: Array.from({ length: 48 }, (_, i) => 50 + slope * i + (i % 2 ? 0.2 : -0.2)),
});
const SERIES = [series('web1', 0.5), series('db1', 0.2)];
const THRESHOLDS: ThresholdLine[] = [{ value: 90 } as ThresholdLine];

/** Renders the hook in a component; `states` records what it returned at each render. */
function renderHook(options: TrendcastOptions) {
  const states: PanelForecastState[] = [];
  const container = document.createElement('div');
  let root: Root;
  const Probe = ({ o }: { o: TrendcastOptions }) => {
    states.push(usePanelForecasts(SERIES, o, THRESHOLDS, 7));
    return null;
  };
  act(() => {
    root = createRoot(container);
    root.render(<Probe o={options} />);
  });
  return {
    states,
    last: () => states[states.length - 1],
    rerender: (o: TrendcastOptions) => act(() => root.render(<Probe o={o} />)),
    unmount: () => act(() => root.unmount()),
  };
}

/** Lets the promises of the forecast entry settle (microtasks only: no timer runs). */
const settle = () => act(async () => undefined);

beforeEach(() => runnerLoads.mockReset());

describe('usePanelForecasts', () => {
  it('forecasts the fitted models through the one entry, without loading the LSTM runner', async () => {
    const h = renderHook({ ...DEFAULT_OPTIONS, model: 'linear', horizon: '24h' });
    await settle();
    const options = validForecastOptions({ model: 'linear', horizon: '24h', thresholds: [90] });
    expect(h.last().forecasts).toEqual(SERIES.map((s) => ({ series: s, result: forecastFitted(s, options) })));
    expect(h.last().statuses).toEqual({});
    expect(h.last().trains).toBe(false);
    expect(runnerLoads).not.toHaveBeenCalled();
    h.unmount();
  });

  it('replaces the forecasts of changed options without a render of blank forecasts', async () => {
    jest.useFakeTimers();
    try {
      const h = renderHook({ ...DEFAULT_OPTIONS, model: 'linear', horizon: '24h' });
      await settle();
      const before = h.states.length;
      h.rerender({ ...DEFAULT_OPTIONS, model: 'linear', horizon: '12h' });
      await settle();
      act(() => jest.runOnlyPendingTimers());
      const later = h.states.slice(before);
      expect(later.every((s) => s.forecasts.every((f) => f.result.forecast !== null))).toBe(true);
      expect(h.last().forecasts.map((f) => f.result.forecast?.times.length)).toEqual([12, 12]);
      h.unmount();
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives every series the problem of bad options', async () => {
    const h = renderHook({ ...DEFAULT_OPTIONS, horizon: '2x' });
    await settle();
    expect(h.last().forecasts.map((f) => f.result.problem?.code)).toEqual(['bad-option', 'bad-option']);
    expect(h.last().forecasts[0].result.problem?.message).toMatch(/^horizon: "2x" is not a duration/);
    h.unmount();
  });

  it("runs the LSTM as jobs of the loaded runner: the cached forecast at once, the runner's place and statuses", async () => {
    const jobs: LstmJob[] = [];
    const status = { action: 'cached' } as LstmStatus;
    const runner: LstmRunner = {
      where: 'worker',
      lanes: 1,
      async run(job, hooks) {
        jobs.push(job);
        const cached = { ...emptySeriesForecast(job.series), model: 'lstm' as const };
        hooks?.onCached?.(cached, status);
        return { result: cached, lstm: status, cancelled: false };
      },
      dispose: () => undefined,
    };
    runnerLoads.mockResolvedValue(runner);
    const h = renderHook({ ...DEFAULT_OPTIONS, model: 'lstm', horizon: '24h', lstmEpochs: 5 });
    await settle();
    expect(jobs.map((j) => [j.series.name, j.panelId, j.config, j.forceRetrain])).toEqual([
      ['host=web1', 7, { epochs: 5, lookBack: 0, fineTuneEpochs: 3 }, false],
      ['host=db1', 7, { epochs: 5, lookBack: 0, fineTuneEpochs: 3 }, false],
    ]);
    expect(h.last().runner).toBe('worker');
    expect(h.last().forecasts.map((f) => f.result.model)).toEqual(['lstm', 'lstm']);
    expect(h.last().statuses).toEqual({ 'host=web1': status, 'host=db1': status });
    act(() => h.last().retrain());
    await settle();
    expect(jobs.slice(2).map((j) => j.forceRetrain)).toEqual([true, true]);
    h.unmount();
  });

  it("shows auto's fitted forecast at once, then the LSTM's on the series auto finds seasonal", async () => {
    const daily = (host: string): PanelSeries => ({
      ...series(host, 0),
      times: Array.from({ length: 240 }, (_, i) => i * HOUR),
      values: Array.from({ length: 240 }, (_, i) => 50 + 8 * Math.sin((2 * Math.PI * i) / 24) + ((i * 37) % 11) / 11),
    });
    const seasonal = daily('web1');
    const flat = { ...series('db1', 0.2) };
    const status = { action: 'cold-train' } as LstmStatus;
    let release: () => void = () => undefined;
    const jobs: LstmJob[] = [];
    runnerLoads.mockResolvedValue({
      where: 'worker',
      lanes: 1,
      async run(job) {
        jobs.push(job);
        await new Promise<void>((r) => (release = r));
        return {
          // The seasonal model's forecast, as the LSTM's: what the panel shows is what the runner answered.
          result: { ...forecastFitted(job.series, { ...job.request, model: 'seasonal' }), model: 'lstm' },
          lstm: status,
          cancelled: false,
        };
      },
      dispose: () => undefined,
    });
    const states: PanelForecastState[] = [];
    const both = [seasonal, flat];
    const Probe = () => {
      states.push(usePanelForecasts(both, { ...DEFAULT_OPTIONS, horizon: '24h' }, THRESHOLDS, 7));
      return null;
    };
    const root = createRoot(document.createElement('div'));
    act(() => root.render(<Probe />));
    await settle();
    const auto = validForecastOptions({ model: 'auto', horizon: '24h', thresholds: [90] });
    // Before any training: both fitted forecasts, the seasonal one in training.
    expect(states[states.length - 1].forecasts.map((f) => f.result)).toEqual([
      forecastFitted(seasonal, auto),
      forecastFitted(flat, auto),
    ]);
    expect(states[states.length - 1].trains).toBe(true);
    expect(jobs.map((j) => [j.series.name, j.request.model])).toEqual([['host=web1', 'lstm']]);
    await act(async () => release());
    const last = states[states.length - 1];
    expect(last.forecasts.map((f) => f.result.model)).toEqual(['lstm', 'last-trend']);
    expect(last.statuses).toEqual({ 'host=web1': status });
    expect(last.running).toBe(false);
    act(() => root.unmount());
  });

  it("says on each series that the LSTM did not start when its runner's chunk does not load", async () => {
    runnerLoads.mockRejectedValue(new Error('Loading chunk lstm-client failed'));
    const h = renderHook({ ...DEFAULT_OPTIONS, model: 'lstm' });
    await settle();
    expect(h.last().forecasts.map((f) => f.result.problem)).toEqual([
      { code: 'model-failed', message: 'the LSTM model did not start: Loading chunk lstm-client failed' },
      { code: 'model-failed', message: 'the LSTM model did not start: Loading chunk lstm-client failed' },
    ]);
    expect(h.last().running).toBe(false);
    h.unmount();
  });
});

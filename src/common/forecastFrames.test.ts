/**
 * @jest-environment jsdom
 */
import { FieldType, getFieldDisplayName } from '@grafana/data';

import { forecastFitted } from '../models/forecastSeries';
import { validForecastOptions } from '../models/forecastOptions';
import { LstmStatus } from '../runtime/lstmRefresh';
import { PanelSeries } from './framesToSeries';
import { forecastFrame, forecastNames } from './forecastFrames';
import { close, exactLine, HOUR, T0 } from './testing/exactLine';

describe('forecastFrame', () => {
  const series = exactLine('db1');
  const result = forecastFitted(series, validForecastOptions({ model: 'linear', horizon: '4h', thresholds: [] }));
  const frame = forecastFrame(series, result, 'A');

  it('names the frame and its fields for a fill-below-to override', () => {
    expect(forecastNames('host=db1')).toEqual({
      frame: 'host=db1 forecast',
      value: 'host=db1 forecast',
      lower: 'host=db1 lower',
      upper: 'host=db1 upper',
    });
    expect(frame.name).toBe('host=db1 forecast');
    expect(frame.refId).toBe('A');
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', FieldType.time],
      ['value', FieldType.number],
      ['lower', FieldType.number],
      ['upper', FieldType.number],
    ]);
    expect(frame.fields.slice(1).map((f) => getFieldDisplayName(f, frame, [frame]))).toEqual([
      'host=db1 forecast',
      'host=db1 lower',
      'host=db1 upper',
    ]);
    expect(frame.fields[1].labels).toEqual({ host: 'db1' });
    expect(frame.fields[1].config.unit).toBe('percent');
    expect(frame.fields[3].config.custom).toEqual(
      expect.objectContaining({ fillBelowTo: 'host=db1 lower', fillOpacity: 25, lineWidth: 1 })
    );
  });

  it('starts at the last observation and carries the engine forecast', () => {
    const [time, value, lower, upper] = frame.fields.map((f) => Array.from(f.values as ArrayLike<number>));
    expect(time).toEqual([T0 + 9 * HOUR, T0 + 10 * HOUR, T0 + 11 * HOUR, T0 + 12 * HOUR, T0 + 13 * HOUR]);
    const expected = [54.5, 55, 55.5, 56, 56.5];
    expect(value.every((v, i) => close(v, expected[i]))).toBe(true);
    expect(lower.every((v, i) => close(v, expected[i]))).toBe(true);
    expect(upper.every((v, i) => close(v, expected[i]))).toBe(true);
    expect(value.slice(1)).toEqual(result.forecast!.point);
  });

  it('gives an empty frame with a warning when the series cannot be forecast', () => {
    const short: PanelSeries = { ...exactLine('web1'), times: [T0, T0 + HOUR], values: [1, 2] };
    const f = forecastFrame(
      short,
      forecastFitted(short, validForecastOptions({ model: 'linear', horizon: '4h' })),
      'A'
    );
    expect(f.length).toBe(0);
    expect(f.meta?.notices).toEqual([
      {
        severity: 'warning',
        text: 'host=web1: no forecast: at least 3 points are needed to forecast, the series has 2',
      },
    ]);
  });
});

describe('forecastFrame with an LSTM status', () => {
  const series = exactLine('db1');
  const result = forecastFitted(series, validForecastOptions({ model: 'linear', horizon: '4h', thresholds: [] }));
  const status: LstmStatus = {
    action: 'cold-train',
    cache: 'miss',
    cacheNote: null,
    storeKind: 'memory',
    trainedAt: T0,
    trainedPoints: 10,
    fineTunedAt: null,
    fineTunedPoints: 0,
    fineTunes: 0,
    drift: null,
    driftLimit: { relativeLimit: 2.5, absoluteLimit: null },
    losses: { raw: [0.2, 0.1] },
    fineTuneLosses: {},
    backend: 'cpu',
    period: null,
    lookBack: 24,
    variant: 'raw',
    backtest: { horizon: 4, points: 4, mape: 1.25, smape: 1.2, mase: 0.5, naiveMase: 1, seasonality: 1 },
    blend: { weight: 1, lag: 1, drift: false },
  };

  it('carries the status summary with the held-out backtest in meta.custom.lstm', () => {
    const frame = forecastFrame(series, result, 'A', status);
    expect(frame.meta?.custom?.lstm).toEqual({
      action: 'cold-train',
      cache: 'miss',
      cacheNote: null,
      trainedAt: T0,
      trainedPoints: 10,
      fineTunedAt: null,
      fineTunedPoints: 0,
      drift: null,
      driftLimit: { relativeLimit: 2.5, absoluteLimit: null },
      period: null,
      lookBack: 24,
      variant: 'raw',
      backtest: { horizon: 4, points: 4, mape: 1.25, smape: 1.2, mase: 0.5, naiveMase: 1, seasonality: 1 },
      blend: { weight: 1, lag: 1, drift: false },
    });
    expect(frame.meta?.notices).toBeUndefined();
  });

  it('keeps the notices next to it, and backtest null when nothing was held back', () => {
    const problem = { ...result, problem: { code: 'too-few-points' as const, message: 'too short' } };
    const frame = forecastFrame(series, problem, 'A', { ...status, backtest: null });
    expect(frame.meta?.notices?.map((n) => n.text)).toEqual(['host=db1: no forecast: too short']);
    expect(frame.meta?.custom?.lstm.backtest).toBeNull();
  });

  it('has no meta without a status or notices', () => {
    expect(forecastFrame(series, result, 'A').meta).toBeUndefined();
  });
});

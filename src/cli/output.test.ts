import { SeriesForecast } from '../models/forecastSeries';
import { LstmStatus } from '../runtime/lstmRefresh';
import { toJsonOutput } from './output';

const T = Date.UTC(2024, 0, 11);

const result: SeriesForecast = {
  name: 'cpu',
  labels: {},
  model: 'lstm',
  step: 3_600_000,
  lastTime: T,
  anchor: 40,
  forecast: null,
  fitted: null,
  crossings: [],
  diagnostics: {},
  notices: [],
  problem: null,
};

const status: LstmStatus = {
  action: 'fine-tune',
  cache: 'hit',
  cacheNote: null,
  storeKind: 'files',
  trainedAt: T - 24 * 3_600_000,
  trainedPoints: 216,
  fineTunedAt: T,
  fineTunedPoints: 24,
  fineTunes: 1,
  drift: { points: 24, meanAbsError: 1.5, relative: NaN },
  driftLimit: { relativeLimit: 3, absoluteLimit: 10 },
  losses: { trend: [0.3, 0.1] },
  fineTuneLosses: { trend: [0.05] },
  backend: 'cpu',
  period: 24,
  lookBack: 24,
  variant: 'decomposed',
  backtest: { horizon: 24, points: 24, mape: 4.25, smape: 4.1, mase: 0.75, naiveMase: 1.05, seasonality: 24 },
  blend: { weight: 0.6, lag: 24, drift: true },
};

describe('toJsonOutput: the LSTM status', () => {
  it('adds an lstm object per series with the backtest, ISO times and JSON-safe numbers', () => {
    const json = JSON.parse(JSON.stringify(toJsonOutput([result, { ...result, name: 'short' }], [status, null])));
    expect(json.series[0].lstm).toEqual({
      action: 'fine-tune',
      cache: 'hit',
      cacheNote: null,
      trainedAt: '2024-01-10T00:00:00.000Z',
      trainedPoints: 216,
      fineTunedAt: '2024-01-11T00:00:00.000Z',
      fineTunedPoints: 24,
      drift: { points: 24, meanAbsError: 1.5, relative: null },
      driftLimit: { relativeLimit: 3, absoluteLimit: 10 },
      period: 24,
      lookBack: 24,
      variant: 'decomposed',
      backtest: { horizon: 24, points: 24, mape: 4.25, smape: 4.1, mase: 0.75, naiveMase: 1.05, seasonality: 24 },
      blend: { weight: 0.6, lag: 24, drift: true },
    });
    // A series the model did not reach (too short, failed) has lstm null.
    expect(json.series[1].lstm).toBeNull();
  });

  it('keeps backtest null when no rows could be held back', () => {
    const json = toJsonOutput([result], [{ ...status, backtest: null }]);
    expect(json.series[0].lstm?.backtest).toBeNull();
  });

  it('has no lstm key for the other models (the contract is unchanged)', () => {
    const json = toJsonOutput([{ ...result, model: 'linear' }]);
    expect('lstm' in json.series[0]).toBe(false);
  });
});

import {
  CLI_DEFAULT_HORIZON,
  DEFAULT_FORECAST_OPTIONS,
  forecastOptionsOf,
  resolveForecastOptions,
  validateForecastOptions,
  validForecastOptions,
} from './forecastOptions';

describe('forecastOptionsOf', () => {
  it("takes the forecast options of a face's options and leaves the rest out", () => {
    const query = {
      refId: 'A',
      innerQuery: 'SELECT 1',
      model: 'linear' as const,
      horizon: '48h',
      fitWindow: '7d',
      confidence: 0.9,
      thresholds: [80],
      direction: 'falling' as const,
      lstmEpochs: 3,
    };
    expect(forecastOptionsOf(query)).toEqual({
      model: 'linear',
      horizon: '48h',
      fitWindow: '7d',
      confidence: 0.9,
      thresholds: [80],
      direction: 'falling',
    });
  });

  it('fills absent options with the defaults', () => {
    expect(forecastOptionsOf({ horizon: '3d' })).toEqual({ ...DEFAULT_FORECAST_OPTIONS, horizon: '3d' });
    // The documented defaults: Grafana's faces forecast 14 days, the CLI 7, at a 95 % level.
    expect([DEFAULT_FORECAST_OPTIONS.horizon, CLI_DEFAULT_HORIZON]).toEqual(['14d', '7d']);
    expect(DEFAULT_FORECAST_OPTIONS.confidence).toBe(0.95);
  });
});

describe('resolveForecastOptions', () => {
  it('parses the horizon and the fit window once', () => {
    expect(validForecastOptions({ horizon: '2d', fitWindow: '500' })).toEqual({
      ...DEFAULT_FORECAST_OPTIONS,
      horizon: '2d',
      fitWindow: '500',
      horizonSpan: { kind: 'ms', ms: 2 * 86_400_000 },
      fitWindowSpan: { kind: 'steps', steps: 500 },
    });
    expect(validForecastOptions({ horizon: '48' }).fitWindowSpan).toBeNull();
  });

  it('rejects bad options with messages naming each option', () => {
    const resolved = resolveForecastOptions({ model: 'linear', horizon: 'soon', confidence: 2 });
    expect(resolved).toEqual({
      errors: [
        {
          option: 'horizon',
          message:
            '"soon" is not a duration: use a number of steps (48) or a number and a unit (90s, 30m, 48h, 14d, 2w)',
        },
        { option: 'confidence', message: '2 must be between 0 and 1 (e.g. 0.95)' },
      ],
    });
    expect(validateForecastOptions({ horizon: '', fitWindow: 'week' })).toEqual([
      'horizon: it is empty; give a duration such as 14d or a step count such as 48',
      'fit window: "week" is not a duration: use a number of steps (48) or a number and a unit (90s, 30m, 48h, 14d, 2w)',
    ]);
    expect(() => validForecastOptions({ horizon: 'soon' })).toThrow(/^invalid forecast options: horizon: "soon"/);
  });

  it('rejects an unknown model, direction or a threshold that is not a number (hand-edited JSON)', () => {
    const bad = { model: 'prophet', direction: 'up', thresholds: [90, NaN] } as unknown as Parameters<
      typeof validateForecastOptions
    >[0];
    expect(validateForecastOptions(bad)).toEqual([
      'model: "prophet" is not one of auto, linear, last-trend, last-trend-peaks, seasonal, rrd-predict, lstm',
      'direction: "up" is not one of auto, rising, falling',
      'thresholds: every threshold must be a finite number',
    ]);
  });
});

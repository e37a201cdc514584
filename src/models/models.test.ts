import { seededRandom } from '../engine/stats/seededRandom';
import { forecastFitted } from './forecastSeries';
import { validForecastOptions } from './forecastOptions';
import { lastTrendModel } from './lastTrend';
import { rrdPredictModel } from './rrdPredict';
import { seasonalModel } from './seasonal';
import { isProblem } from './types';

const H = 3_600_000;

function raw(values: number[]) {
  return { name: 's', labels: {}, times: values.map((_, i) => i * H), values };
}

describe('last-trend model', () => {
  it('fits only the segment after the last clean-up', () => {
    const rnd = seededRandom(7);
    // 40% rising 0.1/h, clean-up at row 300 down to 30%, then rising 0.25/h.
    const y = Array.from(
      { length: 500 },
      (_, i) => (i < 300 ? 40 + 0.1 * i : 30 + 0.25 * (i - 300)) + rnd.normal(0, 0.3)
    );
    const r = forecastFitted(raw(y), validForecastOptions({ model: 'last-trend', horizon: '30d', thresholds: [90] }));
    expect(r.model).toBe('last-trend');
    expect(r.diagnostics.slopePerStep as number).toBeCloseTo(0.25, 2);
    expect(r.diagnostics.segmentStart as number).toBeGreaterThanOrEqual(298 * H);
    expect(r.diagnostics.segmentStart as number).toBeLessThanOrEqual(304 * H);
    // truth: 30 + 0.25·(i − 300) = 90 at i = 540
    expect(Math.abs(r.crossings[0].time! - 540 * H)).toBeLessThan(3 * H);
    // the whole-window line is dragged down by the old segment and dates it much later
    const lin = forecastFitted(raw(y), validForecastOptions({ model: 'linear', horizon: '30d', thresholds: [90] }));
    expect(lin.crossings[0].time! - 540 * H).toBeGreaterThan(20 * H);
  });

  it('keeps a few rows when the change is at the very end', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 98 ? i : 0));
    const fitted = lastTrendModel.fit({ start: 0, step: H, values: Float64Array.from(y) }, { fromRow: 0 });
    expect(isProblem(fitted)).toBe(false);
  });
});

describe('seasonal model', () => {
  const rnd = seededRandom(11);
  const truth = (i: number) => 100 + 0.02 * i + 10 * Math.sin((2 * Math.PI * (i % 24)) / 24);
  const y = Array.from({ length: 24 * 28 }, (_, i) => truth(i) + rnd.normal(0, 1));

  it('projects trend + daily profile and covers the truth with its band', () => {
    const r = forecastFitted(raw(y), validForecastOptions({ model: 'seasonal', horizon: '48h' }));
    expect(r.model).toBe('seasonal');
    expect(r.diagnostics.period).toBe(24);
    const f = r.forecast!;
    let worst = 0;
    let inside = 0;
    for (let k = 0; k < 48; k++) {
      const t = truth(y.length + k);
      worst = Math.max(worst, Math.abs(f.point[k] - t));
      inside += f.lower[k] <= t && t <= f.upper[k] ? 1 : 0;
    }
    expect(worst).toBeLessThan(1.5);
    expect(inside).toBe(48);
    // band half-width ≈ 1.96 · noise sd (1), a little wider with distance
    expect(f.upper[0] - f.point[0]).toBeGreaterThan(1.7);
    expect(f.upper[0] - f.point[0]).toBeLessThan(2.6);
    expect(f.upper[47] - f.point[47]).toBeGreaterThan(f.upper[0] - f.point[0]);
  });

  it('is chosen by auto for a cyclic series, and last-trend for a straight one', () => {
    expect(forecastFitted(raw(y), validForecastOptions({ model: 'auto', horizon: '1d' })).model).toBe('seasonal');
    const line = Array.from({ length: 300 }, (_, i) => 10 + 0.1 * i + rnd.normal(0, 0.2));
    const r = forecastFitted(raw(line), validForecastOptions({ model: 'auto', horizon: '1d' }));
    expect(r.model).toBe('last-trend');
    expect(r.diagnostics.autoGroup).toBe('trend-only');
  });

  it('explains a series without a cycle or too short for its period', () => {
    const flat = seasonalModel.fit(
      { start: 0, step: H, values: Float64Array.from({ length: 100 }, (_, i) => i) },
      { fromRow: 0 }
    );
    expect(isProblem(flat) && flat.code).toBe('model-failed');
    const short = seasonalModel.fit(
      { start: 0, step: H, values: Float64Array.from(y.slice(0, 30)) },
      { fromRow: 0, period: 24 }
    );
    expect(isProblem(short) && short.code).toBe('too-few-points');
  });

  it('forecasts a quiet weekend from the last weekend, not from the last day', () => {
    // Weekdays around 100, weekends around 70, a day/night swing of ±30 on both (the ACF's cycle
    // is the day, the week comes second); the data ends on a Friday night, the 48 h forecast is
    // the weekend.
    const g = seededRandom(5);
    const level = (i: number) =>
      (Math.floor(i / 24) % 7 >= 5 ? 70 : 100) + 30 * Math.sin((2 * Math.PI * (i % 24)) / 24);
    const weeks = Array.from({ length: 24 * 26 }, (_, i) => level(i) + g.normal(0, 1));
    const r = forecastFitted(raw(weeks), validForecastOptions({ model: 'seasonal', horizon: '48h' }));
    expect(r.diagnostics.cyclePeriod).toBe(24);
    expect(r.diagnostics.period).toBe(168);
    let worst = 0;
    for (let k = 0; k < 48; k++) {
      worst = Math.max(worst, Math.abs(r.forecast!.point[k] - level(weeks.length + k)));
    }
    expect(worst).toBeLessThan(5);
  });

  it('bridges gaps before decomposing', () => {
    const gappy = y.map((v, i) => (i % 50 === 7 ? NaN : v));
    const r = forecastFitted(raw(gappy), validForecastOptions({ model: 'seasonal', horizon: '24h' }));
    expect(r.problem).toBeNull();
    expect(Math.abs(r.forecast!.point[0] - truth(y.length))).toBeLessThan(1.5);
  });
});

describe('rrd-predict model', () => {
  it('repeats an exact cycle with a zero-width band, for any horizon', () => {
    const cycle = (i: number) => [1, 5, 9, 5][i % 4] * 10;
    const y = Float64Array.from({ length: 4 * 10 }, (_, i) => cycle(i));
    const fitted = rrdPredictModel.fit({ start: 0, step: 1000, values: y }, { fromRow: 0, period: 4 });
    if (isProblem(fitted)) {
      throw new Error(fitted.message);
    }
    const p = fitted.predict(12, 0.95);
    // window 30 min at a 1 s step is wide; with period 4 every window covers whole cycles: the mean
    expect(p.point[0]).toBeCloseTo(50, 9);
  });

  it('averages the same hour of the last seven days on hourly data', () => {
    const rnd = seededRandom(3);
    const y = Float64Array.from(
      { length: 24 * 14 },
      (_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / 24) + rnd.normal(0, 2)
    );
    const fitted = rrdPredictModel.fit({ start: 0, step: H, values: y }, { fromRow: 0, period: 24 });
    if (isProblem(fitted)) {
      throw new Error(fitted.message);
    }
    const p = fitted.predict(72, 0.95);
    for (const k of [0, 6, 30, 71]) {
      const t = 50 + 20 * Math.sin((2 * Math.PI * (y.length + k)) / 24);
      expect(Math.abs(p.point[k] - t)).toBeLessThan(3);
      expect(p.upper[k]).toBeGreaterThan(p.point[k]);
    }
  });
});

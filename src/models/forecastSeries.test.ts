import { forecastFitted } from './forecastSeries';
import { validForecastOptions } from './forecastOptions';

const H = 3_600_000;

function rawLine(n: number, f: (i: number) => number | null) {
  const times: number[] = [];
  const values: Array<number | null> = [];
  for (let i = 0; i < n; i++) {
    times.push(i * H);
    values.push(f(i));
  }
  return { name: 'host=web1', labels: { host: 'web1' }, times, values };
}

describe('forecastFitted', () => {
  it('forecasts a linear series and dates its threshold crossings', () => {
    // 50% + 0.5%/h: reaches 90% at row 80, i.e. 80 h after t=0.
    const r = forecastFitted(
      rawLine(48, (i) => 50 + 0.5 * i + (i % 2 ? 0.1 : -0.1)),
      validForecastOptions({
        model: 'linear',
        horizon: '3d',
        thresholds: [90, 100, 20],
      })
    );
    expect(r.problem).toBeNull();
    expect(r.model).toBe('linear');
    expect(r.step).toBe(H);
    expect(r.lastTime).toBe(47 * H);
    expect(r.forecast?.times).toHaveLength(72);
    expect(r.forecast?.times[0]).toBe(48 * H);
    const [c90, c100, c20] = r.crossings;
    expect(c90.status).toBe('crosses');
    expect(Math.abs(c90.time! - 80 * H)).toBeLessThan(0.1 * H);
    expect(c90.earliest!).toBeLessThan(c90.time!);
    expect(c90.latest!).toBeGreaterThan(c90.time!);
    expect(Math.abs(c100.time! - 100 * H)).toBeLessThan(0.1 * H);
    expect(c20.status).toBe('already-beyond');
  });

  it('honours the fit window', () => {
    // Flat for 40 h, then rising 1/h for the last 10 h: a 10h window sees only the rise.
    const r = forecastFitted(
      rawLine(50, (i) => (i < 40 ? 10 : 10 + (i - 39))),
      validForecastOptions({ model: 'linear', horizon: '5', fitWindow: '10h' })
    );
    expect(r.diagnostics.slopePerStep).toBeCloseTo(1, 9);
    expect(r.forecast?.point[0]).toBeCloseTo(21, 9);
  });

  it.each([
    ['no points', rawLine(0, () => 1), 'no-points'],
    ['one point', rawLine(1, () => 1), 'too-few-points'],
    ['two points', rawLine(2, (i) => i), 'too-few-points'],
    ['only nulls', rawLine(10, () => null), 'no-finite-values'],
  ])('turns %s into a typed problem', (_l, raw, code) => {
    const r = forecastFitted(raw, validForecastOptions({ model: 'linear', horizon: '1d' }));
    expect(r.problem?.code).toBe(code);
    expect(r.forecast).toBeNull();
  });

  it('forecasts a constant series as flat with a zero-width band', () => {
    const r = forecastFitted(
      rawLine(10, () => 5),
      validForecastOptions({ model: 'linear', horizon: '2', thresholds: [10] })
    );
    expect(r.forecast?.point).toEqual([5, 5]);
    expect(r.forecast?.upper).toEqual([5, 5]);
    expect(r.crossings[0].status).toBe('moves-away');
  });
});

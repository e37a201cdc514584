import { driftExceeds, measureDrift } from './lstmDrift';

const HOUR = 3_600_000;
const previous = { start: 10 * HOUR, step: HOUR, values: [100, 200, 400] };
/** Rows at hours 8…12: the forecast's three times are rows 2, 3, 4. */
const series = (tail: number[]) => ({ start: 8 * HOUR, step: HOUR, values: Float64Array.from([1, 1, ...tail]) });

describe('measureDrift', () => {
  it('scores the arrived points against σ_k in the series’ units', () => {
    const d = measureDrift(previous, series([110, 180]), (k) => 10 * k);
    // |e| = 10, 20 at k = 1, 2 → 10/10, 20/20.
    expect(d).toEqual({ points: 2, meanAbsError: 15, relative: 1 });
  });

  it('on a log scale compares logarithms with a σ_k in log units, the mean error still in units', () => {
    const d = measureDrift(previous, series([110, 180, 400]), () => 0.1, 'log');
    const expected = (Math.abs(Math.log(110 / 100)) + Math.abs(Math.log(180 / 200)) + 0) / 0.1 / 3;
    expect(d!.points).toBe(3);
    expect(d!.meanAbsError).toBeCloseTo(10, 12);
    expect(d!.relative).toBeCloseTo(expected, 12);
  });

  it('a value ≤ 0 reaching a log-scale model is infinite drift: the model is retrained', () => {
    const d = measureDrift(previous, series([0, 200]), () => 0.1, 'log');
    expect(d!.relative).toBe(Infinity);
    expect(driftExceeds(d, { relativeLimit: 2.5, absoluteLimit: null })).toBe(true);
  });

  it('is null before any forecast point has arrived', () => {
    expect(
      measureDrift(previous, { start: 8 * HOUR, step: HOUR, values: Float64Array.from([1, 1]) }, () => 1)
    ).toBeNull();
  });
});

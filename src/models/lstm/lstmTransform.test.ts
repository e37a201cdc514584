import { seededRandom } from '../../engine/stats/seededRandom';
import { chooseTransform, fromModelScale, toModelScale } from './lstmTransform';

/** Traffic-like: 10 at night, up to `peak` by day, noise proportional to the level. */
function proportional(n: number, peak: number, seed = 3): Float64Array {
  const rng = seededRandom(seed);
  return Float64Array.from({ length: n }, (_, i) => {
    const level = 10 + (peak - 10) * Math.max(0, Math.sin((2 * Math.PI * i) / 24)) ** 2;
    return level * Math.exp(rng.normal(0, 0.1));
  });
}

/** Disk-like: a rising line with noise of the same size everywhere. */
function additive(n: number, seed = 4): Float64Array {
  const rng = seededRandom(seed);
  return Float64Array.from({ length: n }, (_, i) => 5 + 0.5 * i + rng.normal(0, 2));
}

describe('chooseTransform', () => {
  it('learns a series whose swings grow with its level on logarithms', () => {
    expect(chooseTransform(proportional(24 * 14, 2000))).toBe('log');
  });

  it('keeps an additive series (a disk filling up, same noise at every level) as it is', () => {
    const y = additive(24 * 14);
    expect(Math.max(...y) / Math.min(...y)).toBeGreaterThan(5);
    expect(chooseTransform(y)).toBe('none');
  });

  it('keeps a series with a zero or a negative value, a narrow range, or too few pairs', () => {
    const withZero = proportional(24 * 14, 2000);
    withZero[100] = 0;
    expect(chooseTransform(withZero)).toBe('none');
    const narrow = proportional(24 * 14, 25);
    expect(Math.max(...narrow) / Math.min(...narrow)).toBeLessThan(5);
    expect(chooseTransform(narrow)).toBe('none');
    expect(chooseTransform(proportional(40, 2000))).toBe('none');
  });

  it('skips gaps (NaN) instead of refusing the series', () => {
    const y = proportional(24 * 14, 2000);
    y[50] = NaN;
    expect(chooseTransform(y)).toBe('log');
  });
});

describe('model scale', () => {
  it('log turns values ≤ 0 into gaps and comes back through exp', () => {
    expect(Array.from(toModelScale([Math.E, 1, 0, -2], 'log'))).toEqual([1, 0, NaN, NaN]);
    expect(fromModelScale(2, 'log')).toBeCloseTo(Math.E ** 2, 12);
    expect(Array.from(toModelScale([3, -1], 'none'))).toEqual([3, -1]);
    expect(fromModelScale(-1, 'none')).toBe(-1);
  });
});

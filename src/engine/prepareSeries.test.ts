import { prepareSeries } from './prepareSeries';

const H = 3_600_000;

describe('prepareSeries', () => {
  it('keeps a regular series as it is', () => {
    const r = prepareSeries([0, H, 2 * H], [1, 2, 3]);
    expect(r.problem).toBeNull();
    expect(r.series?.step).toBe(H);
    expect(Array.from(r.series!.values)).toEqual([1, 2, 3]);
    expect(r.notices).toEqual([]);
  });

  it('keeps gaps as NaN rows at their index, and trims the ends', () => {
    const r = prepareSeries([0, H, 2 * H, 3 * H, 4 * H], [null, 1, NaN, 3, undefined]);
    expect(r.series?.start).toBe(H);
    expect(Array.from(r.series!.values)).toEqual([1, NaN, 3]);
    expect(r.finiteCount).toBe(2);
    expect(r.notices.map((n) => n.code)).toContain('gaps');
  });

  it('sorts, merges duplicates by their mean and fills missing steps', () => {
    const r = prepareSeries([3 * H, 0, H, H, 5 * H], [4, 1, 2, 4, 6]);
    expect(r.series?.start).toBe(0);
    expect(r.series?.step).toBe(H);
    expect(Array.from(r.series!.values)).toEqual([1, 3, NaN, 4, NaN, 6]);
    expect(r.notices.map((n) => n.code)).toEqual(['unsorted', 'duplicates-merged', 'gaps']);
  });

  it('snaps irregular timestamps to the median step', () => {
    const r = prepareSeries([0, 1000, 2100, 2900, 4000], [0, 1, 2, 3, 4]);
    expect(r.series?.step).toBe(1000);
    expect(Array.from(r.series!.values)).toEqual([0, 1, 2, 3, 4]);
    expect(r.notices.map((n) => n.code)).toContain('irregular-resampled');
  });

  it('turns infinities into gaps and drops points without a time', () => {
    const r = prepareSeries([0, NaN, 2000, 3000], [1, 5, Infinity, 3]);
    expect(r.series?.step).toBe(1000);
    expect(Array.from(r.series!.values)).toEqual([1, NaN, NaN, 3]);
    expect(r.notices.map((n) => n.code)).toEqual(['non-finite-dropped', 'non-finite-dropped', 'gaps']);
  });

  it.each([
    ['no points', [], [], 'no-points'],
    ['only nulls', [0, 1000], [null, null], 'no-finite-values'],
    ['only junk times', [NaN, Infinity], [1, 2], 'no-points'],
  ])('reports %s as a problem instead of throwing', (_label, t, v, code) => {
    const r = prepareSeries(t as number[], v as Array<number | null>);
    expect(r.series).toBeNull();
    expect(r.problem?.code).toBe(code);
  });

  it('refuses a grid made enormous by one stray timestamp', () => {
    const r = prepareSeries([0, 1000, 2000, 1e15], [1, 2, 3, 4]);
    expect(r.problem?.code).toBe('too-many-gaps');
  });

  it('accepts one point with an unknown step', () => {
    const r = prepareSeries([5000], [7]);
    expect(r.series?.values[0]).toBe(7);
    expect(r.series?.step).toBeNaN();
  });
});

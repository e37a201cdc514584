import { finiteMedian, forwardMedians, robustSd, rollingMedian } from './rollingMedian';
import { seededRandom } from './seededRandom';

describe('rolling and robust medians', () => {
  test('finiteMedian matches a sort on random arrays with ties and NaN, odd and even counts', () => {
    const g = seededRandom(3);
    for (let t = 0; t < 500; t++) {
      const n = 1 + Math.floor(g.uniform() * 40);
      const xs = Array.from({ length: n }, () => (g.uniform() < 0.1 ? NaN : Math.round(g.normal(0, 3))));
      const finite = xs.filter(Number.isFinite).sort((a, b) => a - b);
      const m = finite.length;
      const expected = m === 0 ? NaN : m % 2 ? finite[m >> 1] : (finite[(m >> 1) - 1] + finite[m >> 1]) / 2;
      expect(finiteMedian(xs) === expected || (Number.isNaN(expected) && Number.isNaN(finiteMedian(xs)))).toBe(true);
    }
    expect(finiteMedian([5, 1, 9, 3], 1, 3)).toBe(5);
  });

  test('finiteMedian and robustSd match a sort on long arrays (where the selection samples first), with ties', () => {
    const g = seededRandom(11);
    const sortedMedian = (v: number[]) => {
      const s = v.filter(Number.isFinite).sort((a, b) => a - b);
      const m = s.length;
      return m % 2 ? s[m >> 1] : (s[(m >> 1) - 1] + s[m >> 1]) / 2;
    };
    for (let t = 0; t < 200; t++) {
      const n = 550 + Math.floor(g.uniform() * 3000);
      // Some arrays of few distinct values (the deviations of a quantised metric), some sorted.
      const levels = t % 3 === 0 ? 5 : 1000;
      // (+ 0: no −0, whose place among the zeros a sort leaves open.)
      const xs = Array.from({ length: n }, () => (g.uniform() < 0.05 ? NaN : Math.round(g.normal(0, 1) * levels) + 0));
      if (t % 7 === 0) {
        xs.sort((a, b) => a - b);
      }
      const mid = sortedMedian(xs);
      expect(finiteMedian(xs)).toBe(mid);
      expect(robustSd(xs)).toBe(1.4826 * sortedMedian(xs.map((x) => Math.abs(x - mid))));
    }
  });

  test('rollingMedian keeps a step and removes a one-row spike', () => {
    const y = [1, 1, 1, 9, 1, 1, 5, 5, 5, 5];
    expect(Array.from(rollingMedian(y, 3))).toEqual([1, 1, 1, 1, 1, 1, 5, 5, 5, 5]);
  });

  test('rolling and forward medians equal a sort of each window on random data with ties and NaN', () => {
    const g = seededRandom(11);
    const sortedMedian = (y: number[], from: number, to: number): number => {
      const w = y.slice(Math.max(0, from), Math.min(y.length, to)).filter(Number.isFinite);
      w.sort((a, b) => a - b);
      const m = w.length;
      return m === 0 ? NaN : m % 2 ? w[m >> 1] : (w[(m >> 1) - 1] + w[m >> 1]) / 2;
    };
    for (let t = 0; t < 400; t++) {
      const n = Math.floor(g.uniform() * 60);
      const y = Array.from({ length: n }, () => (g.uniform() < 0.15 ? NaN : Math.round(g.normal(0, 3)) + 0));
      const w = Math.floor(g.uniform() * 16);
      const half = Math.floor(w / 2);
      const rolling = rollingMedian(y, w);
      const forward = forwardMedians(y, w);
      for (let i = 0; i < n; i++) {
        expect(rolling[i]).toBe(sortedMedian(y, i - half, i + half + 1));
        expect(forward[i]).toBe(sortedMedian(y, i, i + Math.max(1, w)));
      }
    }
  });

  test('forwardMedians: the median of the next w rows, fewer at the end, NaN skipped', () => {
    expect(Array.from(forwardMedians([3, 1, NaN, 2, 8], 3))).toEqual([2, 1.5, 5, 5, 8]);
  });

  test('robustSd is 1.4826 × the median absolute deviation, unmoved by an outlier', () => {
    expect(robustSd([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 10);
    expect(robustSd([NaN, 7])).toBe(0);
  });
});

import { readPythonInput } from '../../../tests/support/pythonOracles';
import { seededRandom } from '../stats/seededRandom';
import { detectChangePoints, lastTrendStart } from './changePoint';
import { seedPeakLoop } from './seedSegmentFit';

/** Piecewise-linear series: each piece [start, level at start, slope]; noise sd `sd`. */
function piecewise(n: number, pieces: Array<[number, number, number]>, sd: number, seed: number): number[] {
  const g = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    let p = pieces[0];
    for (const q of pieces) {
      if (q[0] <= i) {
        p = q;
      }
    }
    return p[1] + p[2] * (i - p[0]) + g.normal(0, sd);
  });
}

describe('detectChangePoints (piecewise-linear segmentation, robust σ)', () => {
  test('disk-like sawtooth with clean-up drops: all changes and the last one within 3 rows (20 seeds)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const y = piecewise(
        2000,
        [
          [0, 40, 0.02],
          [700, 30, 0.03],
          [1300, 25, 0.05],
        ],
        0.3,
        seed
      );
      const r = detectChangePoints(y);
      expect(r.problem).toBeNull();
      expect(Math.abs(r.lastStart - 1300)).toBeLessThanOrEqual(3);
      expect(r.changePoints).toHaveLength(2);
      expect(Math.abs(r.changePoints[0] - 700)).toBeLessThanOrEqual(3);
      const last = r.segments[r.segments.length - 1];
      expect(last.slope).toBeCloseTo(0.05, 3);
      expect(r.sigma).toBeGreaterThan(0.25);
      expect(r.sigma).toBeLessThan(0.35);
    }
  });

  test('a slope change without a jump is found too (within a few rows)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const y = piecewise(
        1500,
        [
          [0, 10, 0.01],
          [1000, 20, 0.1],
        ],
        0.5,
        seed
      );
      expect(Math.abs(lastTrendStart(y) - 1000)).toBeLessThanOrEqual(10);
    }
  });

  test('one straight line + noise: no change at all', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const y = piecewise(3000, [[0, 5, 0.003]], 1, seed);
      expect(detectChangePoints(y).changePoints).toEqual([]);
    }
  });

  test('NaN gaps: ignored by the fits, a change is reported on a finite row', () => {
    const y = piecewise(
      1200,
      [
        [0, 10, 0.02],
        [800, 0, 0.02],
      ],
      0.2,
      5
    );
    for (let i = 780; i < 810; i++) {
      y[i] = NaN;
    }
    for (let i = 100; i < 1200; i += 37) {
      y[i] = NaN;
    }
    const r = detectChangePoints(y);
    expect(r.lastStart).toBeGreaterThanOrEqual(810);
    expect(r.lastStart).toBeLessThanOrEqual(812);
    expect(Number.isFinite(y[r.lastStart])).toBe(true);
  });

  test('disk_sawtooth.csv: clean-ups at 200 and 450 (the last trend starts at row 450)', () => {
    const y = readPythonInput('disk_sawtooth');
    expect(detectChangePoints(y, { period: 24 }).changePoints).toEqual([200, 450]);
    expect(lastTrendStart(y)).toBe(450);
  });

  test('daily_break.csv: the +15 jump at 650 starts the last trend', () => {
    const y = readPythonInput('daily_break');
    expect(lastTrendStart(y, { period: 24 })).toBe(650);
    expect(lastTrendStart(y)).toBe(650);
  });

  test("noisy series: the seed's last peak lands near the end, the change point does not", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const y = piecewise(
        1000,
        [
          [0, 0, 0.05],
          [600, 20, 0.05],
        ],
        2,
        seed
      );
      const seedLast = seedPeakLoop(y, 1).lastPeak;
      expect(seedLast).not.toBeNull();
      expect(seedLast as number).toBeGreaterThan(950);
      expect(Math.abs(lastTrendStart(y) - 600)).toBeLessThanOrEqual(3);
    }
    // The same on the oracle series weekly.csv (one linear trend + daily/weekly cycles).
    const weekly = readPythonInput('weekly');
    expect(seedPeakLoop(weekly, 1).lastPeak).toBe(985);
    expect(detectChangePoints(weekly, { period: 168 }).changePoints).toEqual([]);
  });

  test('degenerate inputs return a problem, never throw', () => {
    expect(detectChangePoints([]).problem?.code).toBe('too-few-points');
    expect(detectChangePoints([1, 2, NaN, 4]).lastStart).toBe(0);
    const flat = detectChangePoints(new Array(100).fill(7));
    expect(flat.changePoints).toEqual([]);
    expect(flat.segments[0].slope).toBe(0);
    const exact = detectChangePoints(Array.from({ length: 100 }, (_, i) => (i < 50 ? i : 100 - i)));
    expect(exact.changePoints).toEqual([50]);
  });
});

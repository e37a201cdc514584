import { firstMismatch, PYTHON_SERIES, readPythonCsv, readPythonInput } from '../../../tests/support/pythonOracles';
import { decompose, extrapolateTrendEdges } from './decompose';

describe('decompose (statsmodels seasonal_decompose, additive)', () => {
  for (const name of PYTHON_SERIES) {
    for (const period of [24, 168, 169]) {
      test(`${name} P=${period}: trend, seasonal, resid within 1e-9`, () => {
        const o = readPythonCsv(`decompose/${name}_p${period}.csv`);
        const y = readPythonInput(name);
        expect(firstMismatch(y, o.value, 0)).toBeNull();
        const d = decompose(y, period);
        expect(d.problem).toBeNull();
        expect(firstMismatch(d.trend, o.trend)).toBeNull();
        expect(firstMismatch(d.seasonal, o.seasonal)).toBeNull();
        expect(firstMismatch(d.resid, o.resid)).toBeNull();
        // NaN edges: ⌊P/2⌋ at each end, none inside.
        const half = Math.floor(period / 2);
        const nanIdx = d.trend.reduce<number[]>((acc, v, i) => (Number.isNaN(v) ? [...acc, i] : acc), []);
        expect(nanIdx).toHaveLength(2 * half);
        expect(nanIdx[half - 1]).toBe(half - 1);
        expect(nanIdx[half]).toBe(y.length - half);
      });
    }
  }

  test('pure line + known seasonal pattern is recovered exactly (even and odd P)', () => {
    for (const period of [4, 5]) {
      const pattern = period === 4 ? [3, -1, -4, 2] : [2, 1, 0, -1, -2];
      const y = Array.from({ length: 40 }, (_, i) => 10 + 0.5 * i + pattern[i % period]);
      const d = decompose(y, period);
      const half = Math.floor(period / 2);
      for (let i = half; i < 40 - half; i++) {
        expect(d.trend[i]).toBeCloseTo(10 + 0.5 * i, 12);
        expect(d.resid[i]).toBeCloseTo(0, 12);
      }
      pattern.forEach((s, k) => expect(d.seasonalFigure[k]).toBeCloseTo(s, 12));
    }
  });

  test('extrapolateTrend fills the edges with the straight line (trend, seasonal and resid)', () => {
    const pattern = [3, -1, -4, 2, 0, 1, -1];
    const y = Array.from({ length: 49 }, (_, i) => 5 - 0.25 * i + pattern[i % 7]);
    for (const extra of ['freq', 2] as const) {
      const d = decompose(y, 7, { extrapolateTrend: extra });
      for (let i = 0; i < y.length; i++) {
        expect(d.trend[i]).toBeCloseTo(5 - 0.25 * i, 10);
        expect(d.seasonal[i]).toBeCloseTo(pattern[i % 7], 10);
        expect(d.resid[i]).toBeCloseTo(0, 10);
      }
    }
  });

  test('extrapolateTrendEdges uses statsmodels windows: the back fit leaves out the last finite value', () => {
    const t = [NaN, NaN, 1, 2, 3, 4, 100, NaN];
    const out = extrapolateTrendEdges(t, 3);
    expect(out[0]).toBeCloseTo(-1, 12);
    expect(out[1]).toBeCloseTo(0, 12);
    expect(out[6]).toBe(100);
    // Back fit over indices 3, 4, 5 (values 2, 3, 4): the line i − 1, at i = 7 → 6.
    expect(out[7]).toBeCloseTo(6, 12);
  });

  test('NaN inside: trend NaN where the window touches it, seasonal still complete', () => {
    const y = Array.from({ length: 48 }, (_, i) => i + (i % 4 === 0 ? 2 : 0));
    y[20] = NaN;
    const d = decompose(y, 4);
    for (let i = 18; i <= 22; i++) {
      expect(d.trend[i]).toBeNaN();
    }
    expect(d.trend[17]).not.toBeNaN();
    expect(d.trend[23]).not.toBeNaN();
    expect(d.seasonal.every((v) => Number.isFinite(v))).toBe(true);
    expect(d.seasonalFigure[0]).toBeCloseTo(1.5, 12);
  });

  test('problems are returned, not thrown', () => {
    expect(decompose([1, 2, 3], 2).problem?.code).toBe('too-few-points');
    expect(decompose(new Array(10).fill(1), 1).problem?.code).toBe('bad-option');
    expect(decompose(new Array(10).fill(1), 2.5).problem?.code).toBe('bad-option');
    const bad = decompose([1, 2, 3], 24);
    expect(bad.trend).toHaveLength(3);
    expect(bad.trend.every((v) => Number.isNaN(v))).toBe(true);
  });
});

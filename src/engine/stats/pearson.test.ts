import { close, readPythonCsv, readPythonInput, readPythonJson } from '../../../tests/support/pythonOracles';
import { logGamma, pearson, pearsonPValue, regularizedIncompleteBeta } from './pearson';

interface PearsonCase {
  series: string;
  pair: string;
  n: number;
  r: number;
  pvalue: number;
  numpy_corrcoef: number;
  a?: number[];
  b?: number[];
}

const oracle = readPythonJson<PearsonCase[]>('pearson.json');
type Name = 'weekly' | 'daily_break' | 'disk_sawtooth' | 'm4_H1';

function pairOf(c: PearsonCase): [ArrayLike<number>, ArrayLike<number>] {
  if (c.a && c.b) {
    return [c.a, c.b];
  }
  const y = readPythonInput(c.series as Name);
  const index = (len: number): number[] => Array.from({ length: len }, (_, i) => i);
  switch (c.pair) {
    case 'value[:-24] vs value[24:]':
      return [y.subarray(0, y.length - 24), y.subarray(24)];
    case 'value[:-168] vs value[168:]':
      return [y.subarray(0, y.length - 168), y.subarray(168)];
    case 'value vs index':
      return [y, index(y.length)];
    default: {
      const t = readPythonCsv(`decompose/${c.series}_p169.csv`).trend.filter((v) => !Number.isNaN(v));
      return [t, index(t.length)];
    }
  }
}

describe('pearson (scipy.stats.pearsonr)', () => {
  test.each(oracle.map((c) => [`${c.series}: ${c.pair}`, c] as const))('%s', (_label, c) => {
    const [a, b] = pairOf(c);
    const got = pearson(a, b);
    expect(got.n).toBe(c.n);
    if (Number.isNaN(c.r)) {
      expect(got.r).toBeNaN();
      expect(got.pValue).toBeNaN();
      return;
    }
    expect(close(got.r, c.r)).toBe(true);
    // The p-value formula on scipy's own r (|r| ≈ 1 makes p hypersensitive to the last bit of r).
    const p = pearsonPValue(c.r, c.n);
    expect(Math.abs(p - c.pvalue)).toBeLessThanOrEqual(1e-9 * Math.abs(c.pvalue));
    if (Math.abs(c.r) < 0.999) {
      expect(Math.abs(got.pValue - c.pvalue)).toBeLessThanOrEqual(1e-9 * Math.abs(c.pvalue));
    }
  });

  test('building blocks: lnΓ, I_x(a,b), the t-test equivalence', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(close(logGamma(101), 363.73937555556347, 1e-13)).toBe(true); // ln(100!)
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.25, 0.5, 0.5)).toBeCloseTo(1 / 3, 14); // (2/π)·asin(√x)
    // n = 4: t = r√2/√(1−r²) with 2 df has p = 1 − |t|/√(t²+2) = 1 − |r|.
    expect(pearsonPValue(0.6, 4)).toBeCloseTo(0.4, 13);
  });

  test('degenerate inputs give NaN, n = 2 gives p = 1, NaN pairs are skipped', () => {
    expect(pearson([1, 2, 3], [7, 7, 7]).r).toBeNaN();
    expect(pearson([1], [2]).r).toBeNaN();
    const two = pearson([1, 2], [3, 1]);
    expect(two.r).toBeCloseTo(-1, 14);
    expect(two.pValue).toBe(1);
    const withGap = pearson([1, 2, NaN, 4, 5], [2, 4, 100, 5, 4]);
    expect(withGap.n).toBe(4);
    expect(close(withGap.r, pearson([1, 2, 4, 5], [2, 4, 5, 4]).r, 0)).toBe(true);
  });
});

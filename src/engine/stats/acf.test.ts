import { firstMismatch, PYTHON_SERIES, readPythonCsv, readPythonInput } from '../../../tests/support/pythonOracles';
import { acf } from './acf';

describe('acf (statsmodels acf, adjusted=False)', () => {
  for (const name of PYTHON_SERIES) {
    test(`${name}: value and P=169 residual, direct and FFT, nlags = n/2`, () => {
      const resid = readPythonCsv(`decompose/${name}_p169.csv`).resid.filter((v) => !Number.isNaN(v));
      for (const [src, a] of [
        ['value', readPythonInput(name)],
        ['resid169', resid],
      ] as const) {
        const o = readPythonCsv(`acf/${name}_${src}.csv`);
        const nlags = Math.floor(a.length / 2);
        expect(o.lag).toHaveLength(nlags + 1);
        const direct = acf(a, nlags, { method: 'direct' });
        const fft = acf(a, nlags, { method: 'fft' });
        expect(firstMismatch(direct, o.acf_nofft)).toBeNull();
        expect(firstMismatch(direct, o.acf_fft)).toBeNull();
        expect(firstMismatch(fft, o.acf_fft)).toBeNull();
        expect(firstMismatch(acf(a, nlags), o.acf_nofft)).toBeNull();
      }
    });
  }

  test('hand example and degenerate inputs', () => {
    // a = 1,2,3,4: d = −1.5,−0.5,0.5,1.5; Σd² = 5; lag 1: (0.75 − 0.25 + 0.75)/5 = 0.25.
    const r = acf([1, 2, 3, 4], 3);
    expect(Array.from(r)).toEqual([1, 0.25, -0.3, -0.45]);
    expect(acf([1, 2, 3], 10)).toHaveLength(3);
    expect(Array.from(acf([5, 5, 5], 2)).every(Number.isNaN)).toBe(true);
    expect(acf([], 3)).toHaveLength(0);
    expect(Array.from(acf([NaN, 1], 1)).every(Number.isNaN)).toBe(true);
  });

  test('NaN skips pairs (statsmodels missing="conservative")', () => {
    // Finite values 0, 6, 3, 3 → mean 3; d = −3, (missing → 0), 3, 0, 0; Σd² = 18.
    // Lag 2: d0·d2 = −9 is the only non-zero product → −0.5.
    const r = acf([0, NaN, 6, 3, 3], 3);
    expect(Array.from(r)).toEqual([1, 0, -0.5, 0]);
  });
});

import {
  firstMismatch,
  PYTHON_SERIES,
  readPythonCsv,
  readPythonInput,
  readPythonJson,
} from '../../../tests/support/pythonOracles';
import { findPeaks, PeakHeight } from './findPeaks';

interface PeakCase {
  height: number | [number | null, number | null] | null;
  peaks: number[];
  peak_heights: number[];
}
interface ByHeight extends PeakCase {
  percent_of_range: number;
}
interface PeaksOracle {
  series: Record<
    string,
    Record<'value' | 'trend169', { index_offset: number; range_max_minus_min: number; by_height: ByHeight[] }>
  >;
  edge_cases: Array<{ array: number[]; results: PeakCase[] }>;
}

const oracle = readPythonJson<PeaksOracle>('find_peaks.json');

function absDiff(a: ArrayLike<number>): Float64Array {
  const d = new Float64Array(Math.max(0, a.length - 1));
  for (let i = 0; i < d.length; i++) {
    d[i] = Math.abs(a[i + 1] - a[i]);
  }
  return d;
}

/** The statsmodels P=169 trend from the oracle with its NaN edges dropped, as python_oracles.py does. */
function oracleTrend169(name: (typeof PYTHON_SERIES)[number]): Float64Array {
  return readPythonCsv(`decompose/${name}_p169.csv`).trend.filter((v) => !Number.isNaN(v));
}

describe('findPeaks (scipy.signal.find_peaks, height)', () => {
  test.each(oracle.edge_cases.map((c, k) => [k, c] as const))('edge case %i', (_k, c) => {
    for (const r of c.results) {
      const height: PeakHeight | null = r.height;
      const got = findPeaks(c.array, height);
      expect(got.peaks).toEqual(r.peaks);
      if (r.height !== null) {
        expect(got.peakHeights).toEqual(r.peak_heights);
      }
    }
  });

  test('hand-checked rules: plateau middle rounded down, edges, inclusive height, NaN', () => {
    expect(findPeaks([0, 2, 2, 2, 2, 0]).peaks).toEqual([2]);
    expect(findPeaks([0, 2, 2, 2, 0]).peaks).toEqual([2]);
    expect(findPeaks([3, 1, 3]).peaks).toEqual([]);
    expect(findPeaks([0, 1, 1]).peaks).toEqual([]);
    expect(findPeaks([0, 1, 0], 1).peaks).toEqual([1]);
    expect(findPeaks([0, 1, 0], [null, 0.5]).peaks).toEqual([]);
    expect(findPeaks([0, 1, NaN, 2, 0]).peaks).toEqual([]);
    expect(findPeaks([0, 1, 0], NaN).peaks).toEqual([]);
    expect(findPeaks([]).peaks).toEqual([]);
  });

  for (const name of PYTHON_SERIES) {
    test(`${name}: peaks of |diff| of the value and of the P=169 trend at every height`, () => {
      for (const src of ['value', 'trend169'] as const) {
        const a = src === 'value' ? readPythonInput(name) : oracleTrend169(name);
        const o = oracle.series[name][src];
        const d = absDiff(a);
        expect(o.by_height).toHaveLength(7);
        for (const h of o.by_height) {
          const got = findPeaks(d, h.height);
          expect(got.peaks).toEqual(h.peaks);
          expect(firstMismatch(got.peakHeights, h.peak_heights)).toBeNull();
        }
      }
    });
  }
});

import {
  close,
  firstMismatch,
  PYTHON_SERIES,
  readPythonCsv,
  readPythonInput,
  readPythonJson,
} from '../../../tests/support/pythonOracles';
import { decompose } from '../stats/decompose';
import { seedPeakLoop, seedSegmentFit } from './seedSegmentFit';

interface IndexFit {
  segment_start: number;
  segment_len: number;
  slope: number;
  intercept_x_global: number;
  intercept_x_from_0: number;
  r2: number;
}
interface SeedExactFit {
  segment_start: number;
  segment_len: number;
  slope: number;
  intercept: number;
  r2: number;
}
interface SegmentCase {
  severity: number;
  iterations_j: number;
  final_height: number;
  range_max_minus_min: number;
  n: number;
  peaks: number[];
  peak_heights: number[];
  index_offset: number;
  after_last_peak: IndexFit;
  at_last_peak: IndexFit;
  seed_exact?: SeedExactFit;
}

const oracle = readPythonJson<Record<string, Record<'value' | 'trend169', SegmentCase[]>>>('segment_fit.json');

function series(name: (typeof PYTHON_SERIES)[number], src: 'value' | 'trend169'): Float64Array {
  return src === 'value'
    ? readPythonInput(name)
    : readPythonCsv(`decompose/${name}_p169.csv`).trend.filter((v) => !Number.isNaN(v));
}

describe('seedSegmentFit (the seed loop, segment_fit.json)', () => {
  for (const name of PYTHON_SERIES) {
    for (const src of ['value', 'trend169'] as const) {
      test(`${name} ${src}: loop, peaks and the three fits at every severity`, () => {
        const a = series(name, src);
        const cases = oracle[name][src];
        expect(cases).toHaveLength(5);
        for (const c of cases) {
          expect(a.length).toBe(c.n);
          const loop = seedPeakLoop(a, c.severity);
          expect(loop.iterations).toBe(c.iterations_j);
          expect(loop.height).toBe(c.final_height);
          expect(close(loop.range, c.range_max_minus_min)).toBe(true);
          expect(loop.peaks).toEqual(c.peaks);
          expect(firstMismatch(loop.peakHeights, c.peak_heights)).toBeNull();

          for (const variant of ['after_last_peak', 'at_last_peak'] as const) {
            const o = c[variant];
            const f = seedSegmentFit(a, c.severity, variant);
            expect(f.start).toBe(o.segment_start);
            expect(f.length).toBe(o.segment_len);
            expect(
              firstMismatch(
                [f.slope, f.intercept, f.valueAtStart, f.r2],
                [o.slope, o.intercept_x_global, o.intercept_x_from_0, o.r2]
              )
            ).toBeNull();
          }
          const exact = seedSegmentFit(a, c.severity, 'seed_exact');
          if (c.seed_exact === undefined) {
            expect(c.peaks).toHaveLength(0);
            expect(exact.start).toBeNull();
            expect(exact.slope).toBeNaN();
          } else {
            const o = c.seed_exact;
            expect(exact.start).toBe(o.segment_start);
            expect(exact.length).toBe(o.segment_len);
            expect(firstMismatch([exact.slope, exact.intercept, exact.r2], [o.slope, o.intercept, o.r2])).toBeNull();
          }
        }
      });
    }
  }

  test('with our own decompose() trend the loop gives the same peaks as on the statsmodels trend', () => {
    for (const name of PYTHON_SERIES) {
      const ours = decompose(readPythonInput(name), 169).trend.filter((v) => !Number.isNaN(v));
      for (const c of oracle[name].trend169) {
        expect(seedPeakLoop(ours, c.severity).peaks).toEqual(c.peaks);
      }
    }
  });

  test('the README examples: daily_break severity 10 → 649, disk_sawtooth severity ≥ 1 → 449, weekly severity ≥ 1 → 985', () => {
    expect(seedPeakLoop(readPythonInput('daily_break'), 10).lastPeak).toBe(649);
    expect(seedPeakLoop(readPythonInput('disk_sawtooth'), 1).lastPeak).toBe(449);
    expect(seedPeakLoop(readPythonInput('weekly'), 1).lastPeak).toBe(985);
  });

  test('bad data ends the loop: NaN gaps, all-NaN, constant, negative severity', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 60 ? i : i - 30));
    y[20] = NaN;
    const f = seedSegmentFit(y, 5, 'after_last_peak');
    expect(f.lastPeak).toBe(59);
    expect(f.start).toBe(60);
    expect(f.slope).toBeCloseTo(1, 12);

    const allNaN = seedSegmentFit([NaN, NaN, NaN], 1, 'at_last_peak');
    expect(allNaN.peaks).toEqual([]);
    expect(allNaN.slope).toBeNaN();

    const flat = seedPeakLoop(new Array(50).fill(3), 1);
    expect(flat.peaks).toEqual([]);
    expect(flat.iterations).toBe(0);

    const neg = seedPeakLoop(y, -1e9);
    expect(neg.iterations).toBeLessThanOrEqual(101);
    expect(seedSegmentFit([1, 2], 1, 'seed_exact').start).toBeNull();
  });
});

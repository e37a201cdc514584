/**
 * RRDtool's shifted sliding-window forecasts PREDICT, PREDICTSIGMA and PREDICTPERC
 * (`s₁,…,sₙ,n,w,x,PREDICT`, `B,−n,w,x,PREDICT`, `…,p,x,PREDICTPERC`).
 *
 * Reference: shared/oracles/README.md §1 "PREDICT / PREDICTSIGMA / PREDICTPERC"
 * (rrdtool 1.7.2, confirmed on every rrd oracle). For row i, each shift of m rows with a window of
 * L steps reads the L+1 source rows j = i+1−m−l (l = 0..L): one step later than the man page's
 * [T−s−w, T−s], so shift 0 reads the next row. Only rows with 2 ≤ j ≤ i+1 count (the first two
 * internal rows are never used), and NaN rows are skipped. Pass every internal row of the DEF
 * (from its start, see rrdGraphRows) and slice the printed rows afterwards.
 */
import { rrdDurationRows } from './rrdDurationRows';

export interface RrdPredictSpec {
  /** ⌈s/step⌉ per shift; empty when the rrdtool arguments are invalid (every result is then NaN). */
  shiftRows: number[];
  /** L = ⌈w/step⌉: each shift reads L+1 rows. */
  windowSteps: number;
}

/**
 * Expands rrdtool's shift arguments. count n > 0: `args` are the n shifts themselves (any order).
 * count −n < 0: `args` is the single base B and the shifts are 0, B, 2B, …, (n−1)B — not B … nB.
 * Returns [] where rrdtool errors: count 0, a wrong number of args, a negative or non-finite shift.
 */
export function rrdPredictShifts(args: readonly number[], count: number): number[] {
  if (!Number.isInteger(count) || count === 0) {
    return [];
  }
  const shifts =
    count > 0 ? (args.length === count ? [...args] : []) : args.length === 1 ? shiftMultiples(args[0], -count) : [];
  return shifts.every((s) => Number.isFinite(s) && s >= 0) ? shifts : [];
}

function shiftMultiples(base: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => k * base);
}

/**
 * Converts rrdtool arguments (shifts, count, window, all durations in the unit of `step`, ms in
 * the engine) to rows. Invalid arguments give an empty shift list.
 */
export function rrdPredictSpec(args: readonly number[], count: number, window: number, step: number): RrdPredictSpec {
  const windowSteps = rrdDurationRows(window, step);
  const shiftRows = rrdPredictShifts(args, count).map((s) => rrdDurationRows(s, step));
  if (Number.isNaN(windowSteps) || shiftRows.some((m) => Number.isNaN(m))) {
    return { shiftRows: [], windowSteps: 0 };
  }
  return { shiftRows, windowSteps };
}

/** PREDICT: the mean of the window values of every row; NaN where no value is left. */
export function rrdPredict(values: ArrayLike<number>, spec: RrdPredictSpec): Float64Array {
  return perRow(values, spec, (v) => {
    let sum = 0;
    for (const x of v) {
      sum += x;
    }
    return sum / v.length;
  });
}

/**
 * PREDICTSIGMA: the sample SD √((nΣv² − (Σv)²)/(n(n−1))) of the window values, with rrdtool's raw
 * sums; NaN when n < 2 or the radicand is negative.
 */
export function rrdPredictSigma(values: ArrayLike<number>, spec: RrdPredictSpec): Float64Array {
  return perRow(values, spec, (v) => {
    const n = v.length;
    if (n < 2) {
      return NaN;
    }
    let s1 = 0;
    let s2 = 0;
    for (const x of v) {
      s1 += x;
      s2 += x * x;
    }
    const q = n * s2 - s1 * s1;
    return q >= 0 ? Math.sqrt(q / (n * (n - 1))) : NaN;
  });
}

/**
 * PREDICTPERC with percentile p: sort the window values ascending; for p ≥ 0 interpolate linearly at
 * index p/100·(n−1); for p < 0 take the value at index round(|p|/100·(n−1)), half away from zero
 * (C round()). |p| > 100 or non-finite p (an rrdtool error) gives all NaN.
 */
export function rrdPredictPerc(values: ArrayLike<number>, spec: RrdPredictSpec, percentile: number): Float64Array {
  if (!(Math.abs(percentile) <= 100)) {
    return new Float64Array(values.length).fill(NaN);
  }
  const p = percentile / 100;
  return perRow(values, spec, (v) => {
    v.sort((a, b) => a - b);
    const idx = Math.abs(p) * (v.length - 1);
    if (p < 0) {
      return v[Math.floor(idx + 0.5)];
    }
    const k = Math.floor(idx);
    const frac = idx - k;
    return frac > 0 ? v[k] + (v[k + 1] - v[k]) * frac : v[k];
  });
}

/** Applies `reduce` to each row's non-empty list of window values; rows with none stay NaN. */
function perRow(values: ArrayLike<number>, spec: RrdPredictSpec, reduce: (window: number[]) => number): Float64Array {
  const len = values.length;
  const out = new Float64Array(len).fill(NaN);
  const L = Math.floor(spec.windowSteps);
  if (spec.shiftRows.length === 0 || !(L >= 0)) {
    return out;
  }
  const window: number[] = [];
  for (let i = 0; i < len; i++) {
    window.length = 0;
    for (const m of spec.shiftRows) {
      for (let l = 0; l <= L; l++) {
        const j = i + 1 - m - l;
        // j ≥ 2: rrdtool never reads the first two rows; j < len: nothing exists past the last row.
        if (j >= 2 && j <= i + 1 && j < len) {
          const v = values[j];
          if (!Number.isNaN(v)) {
            window.push(v);
          }
        }
      }
    }
    if (window.length > 0) {
      out[i] = reduce(window);
    }
  }
  return out;
}

/**
 * The seed article's "last trend" selection (shared/seeds/000_…, `train_linear_model`), kept as an
 * exact variant because it has oracle vectors (tests/fixtures/oracles/python/segment_fit.json).
 *
 * Loop (the oracle README's reading of the seed): d = |diff(a)|; j = 0; repeat:
 * height = (severity + j)·(max(a) − min(a))/100; peaks = find_peaks(d, height);
 * stop when len(peaks) ≤ len(a)/10, else j += 1. Then one line is fitted (OLS, sklearn
 * LinearRegression) to the part of `a` after the last peak. max − min is over `a`, not over d.
 *
 * Known weakness (design/architecture.md): on noisy high-frequency data the loop still leaves
 * dozens of noise peaks and the last one usually sits near the end, so the "last trend" is a few
 * samples of noise. segments/changePoint.ts is the robust default; this file is the reference.
 */
import { LinearFit, linearFit, linearFitIndexed } from '../linearFit';
import { findPeaks } from '../stats/findPeaks';

/**
 * Where the fitted segment starts, relative to the last peak p of |diff(a)|:
 * - `after_last_peak`: a[p+1:], x = the array index;
 * - `at_last_peak`: a[p:], x = the array index;
 * - `seed_exact`: the seed's literal slicing `i = peaks[-1] + 1; y[i + 1:]`, so a[p+2:], against
 *   x = linspace(1, len(seg) − 1, len(seg)) as the seed does (a grid slightly wider than 1 step).
 * With no peak the first two start at 0; `seed_exact` has no segment (the seed would raise).
 */
export type SeedSegmentVariant = 'after_last_peak' | 'at_last_peak' | 'seed_exact';

export interface SeedPeakLoop {
  severity: number;
  /** Final j of the loop (the oracle's `iterations_j`): height used = (severity + j)·range/100. */
  iterations: number;
  height: number;
  /** max(a) − min(a) over the finite values. */
  range: number;
  /** Peaks of |diff(a)| at the final height; index k is the step from a[k] to a[k+1]. */
  peaks: number[];
  peakHeights: number[];
  /** peaks[peaks.length − 1], or null when there is none. */
  lastPeak: number | null;
}

export interface SeedSegmentFit extends SeedPeakLoop {
  variant: SeedSegmentVariant;
  /** First index of the fitted segment in `a`, or null (`seed_exact` without a peak). */
  start: number | null;
  /** Samples in the segment (NaN included). */
  length: number;
  /** Slope per unit of the variant's x (per sample, except `seed_exact`'s linspace grid). */
  slope: number;
  /** Intercept in the variant's x: at index 0 of `a` (oracle `intercept_x_global`), or at linspace x = 0. */
  intercept: number;
  /** Fitted value at the segment's first sample (oracle `intercept_x_from_0` for the index variants). */
  valueAtStart: number;
  /** Coefficient of determination of the fit (sklearn `score`); NaN when undefined. */
  r2: number;
}

/**
 * Runs the seed's peak loop on `a` (row-indexed values; NaN allowed).
 *
 * Preconditions: none. Deviations from the seed, which would fail on such data: range and peaks
 * ignore NaN/±Inf (a step touching a NaN is never a peak), and a non-finite or negative severity
 * is treated as 0 so the loop always ends (j ≤ 101: a height above the range leaves no peak).
 */
export function seedPeakLoop(a: ArrayLike<number>, severity: number): SeedPeakLoop {
  const sev = Number.isFinite(severity) && severity > 0 ? severity : 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const range = max >= min ? max - min : NaN;
  const d = new Float64Array(Math.max(0, a.length - 1));
  for (let i = 0; i < d.length; i++) {
    const step = Math.abs(a[i + 1] - a[i]);
    d[i] = Number.isFinite(step) ? step : NaN;
  }
  // The local maxima do not depend on the height: find them once, filter per iteration.
  const all = findPeaks(d);
  let j = 0;
  for (;;) {
    // Same operation order as the seed, so the float threshold is bit-identical.
    const height = ((sev + j) * range) / 100;
    const peaks: number[] = [];
    const peakHeights: number[] = [];
    for (let k = 0; k < all.peaks.length; k++) {
      if (height <= all.peakHeights[k]) {
        peaks.push(all.peaks[k]);
        peakHeights.push(all.peakHeights[k]);
      }
    }
    // NaN height keeps no peak, so the loop ends at once for an all-NaN input.
    if (peaks.length <= a.length / 10 || !Number.isFinite(height)) {
      const lastPeak = peaks.length > 0 ? peaks[peaks.length - 1] : null;
      return { severity, iterations: j, height, range, peaks, peakHeights, lastPeak };
    }
    j++;
  }
}

/**
 * The seed's last-trend fit: the peak loop, then OLS on the segment chosen by `variant`.
 * Returns the loop's result with the segment and its line; NaN fit values when the segment has
 * fewer than two finite points or no segment exists.
 */
export function seedSegmentFit(a: ArrayLike<number>, severity: number, variant: SeedSegmentVariant): SeedSegmentFit {
  const loop = seedPeakLoop(a, severity);
  const p = loop.lastPeak;
  if (variant === 'seed_exact') {
    if (p === null) {
      return { ...loop, variant, start: null, length: 0, slope: NaN, intercept: NaN, valueAtStart: NaN, r2: NaN };
    }
    const start = Math.min(p + 2, a.length);
    const len = a.length - start;
    const x = new Float64Array(len);
    const y = new Float64Array(len);
    // numpy linspace(1, len − 1, len): step (len − 2)/(len − 1); a single point sits at 1.
    const step = len > 1 ? (len - 2) / (len - 1) : 0;
    for (let k = 0; k < len; k++) {
      x[k] = 1 + k * step;
      y[k] = a[start + k];
    }
    if (len > 1) {
      x[len - 1] = len - 1;
    }
    const fit = sklearnLike(linearFit(x, y));
    return {
      ...loop,
      variant,
      start,
      length: len,
      slope: fit.slope,
      intercept: fit.intercept,
      valueAtStart: len > 0 ? fit.intercept + fit.slope * x[0] : NaN,
      r2: fit.r2,
    };
  }
  const start = p === null ? 0 : variant === 'after_last_peak' ? p + 1 : p;
  const fit = sklearnLike(linearFitIndexed(a, start, a.length));
  return {
    ...loop,
    variant,
    start,
    length: a.length - start,
    slope: fit.slope,
    intercept: fit.intercept,
    valueAtStart: fit.intercept + fit.slope * start,
    r2: fit.r2,
  };
}

/**
 * sklearn's answers where plain OLS is undefined: one distinct x gives slope 0 and intercept ȳ;
 * r² (r2_score) is NaN below two points, 1 for a constant y fitted exactly, else r².
 */
function sklearnLike(fit: LinearFit): { slope: number; intercept: number; r2: number } {
  if (fit.n === 0) {
    return { slope: NaN, intercept: NaN, r2: NaN };
  }
  if (!(fit.sxx > 0)) {
    return { slope: 0, intercept: fit.yMean, r2: NaN };
  }
  const r2 = fit.n < 2 ? NaN : Number.isNaN(fit.r) ? 1 : fit.r * fit.r;
  return { slope: fit.slope, intercept: fit.intercept, r2 };
}

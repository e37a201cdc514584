/**
 * Local maxima of a 1-D array with an optional height filter: the `height` part of
 * `scipy.signal.find_peaks` (SciPy 1.10), which the seed's derivative-peak loop uses.
 *
 * Reference: SciPy `find_peaks` / `_local_maxima_1d`; rules confirmed against
 * tests/fixtures/oracles/python/find_peaks.json (shared/oracles/README.md §2):
 * - a peak is strictly higher than its left neighbour and than the first sample after its flat top;
 * - a flat top (plateau) yields its middle index, rounded down for an even length;
 * - the first and last samples are never peaks (nor a plateau that reaches the last sample);
 * - `height` bounds are inclusive (min ≤ h ≤ max).
 * NaN never compares, so a NaN sample is never a peak and never lets a neighbour be one.
 */

/** scipy's `height`: a minimum, or [min, max] where either may be null (no bound). */
export type PeakHeight = number | readonly [number | null, number | null];

export interface FoundPeaks {
  /** Indices of the peaks, ascending. */
  peaks: number[];
  /** x at each peak (scipy returns `peak_heights` only when `height` is given; we always do). */
  peakHeights: number[];
}

/**
 * Indices of the local maxima of `x` whose value lies in `height` (all maxima when omitted).
 * O(n). A NaN bound rejects every peak, as NumPy's comparisons would.
 */
export function findPeaks(x: ArrayLike<number>, height?: PeakHeight | null): FoundPeaks {
  const [lo, hi] = heightBounds(height);
  const peaks: number[] = [];
  const peakHeights: number[] = [];
  const last = x.length - 1;
  let i = 1;
  while (i < last) {
    if (x[i - 1] < x[i]) {
      // Walk over a possible plateau; it may not reach the last sample.
      let ahead = i + 1;
      while (ahead < last && x[ahead] === x[i]) {
        ahead++;
      }
      if (x[ahead] < x[i]) {
        const mid = (i + ahead - 1) >> 1;
        const h = x[mid];
        if ((lo === null || lo <= h) && (hi === null || h <= hi)) {
          peaks.push(mid);
          peakHeights.push(h);
        }
        i = ahead;
      }
    }
    i++;
  }
  return { peaks, peakHeights };
}

function heightBounds(height: PeakHeight | null | undefined): [number | null, number | null] {
  if (height === undefined || height === null) {
    return [null, null];
  }
  if (typeof height === 'number') {
    return [height, null];
  }
  return [height[0], height[1]];
}

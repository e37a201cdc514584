/** Small order statistics for benchmark reports. */

/**
 * The q-quantile (0 ≤ q ≤ 1) of the finite values, linear interpolation between order statistics
 * (R's type 7, numpy's default). NaN when there is no finite value.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      xs.push(values[i]);
    }
  }
  if (xs.length === 0) {
    return NaN;
  }
  xs.sort((a, b) => a - b);
  const h = (xs.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo] + (h - lo) * (xs[hi] - xs[lo]);
}

/** The median of the finite values (NaN when none). */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** The smallest finite value (NaN when none). */
export function minimum(values: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < m) {
      m = values[i];
    }
  }
  return m === Infinity ? NaN : m;
}

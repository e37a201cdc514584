/** Median of `v`, which it sorts in place: NaN when empty, the mean of the middle two for an even count. */
export function median(v: number[]): number {
  const m = v.length;
  if (m === 0) {
    return NaN;
  }
  v.sort((a, b) => a - b);
  const mid = m >> 1;
  return m % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * RRDtool's sliding-window averages TREND and TRENDNAN (`x,w,TREND`, `x,w,TRENDNAN`).
 *
 * Reference: shared/oracles/README.md §1 "TREND / TRENDNAN" (rrdtool 1.7.2). With
 * windowRows = ⌈w/step⌉ (see rrdDurationRows), row i averages rows i−windowRows+1 … i; the first
 * windowRows−1 rows are NaN because their window is incomplete.
 */

/** TREND: the window mean, NaN as soon as any row in the window is NaN. windowRows < 1 → all NaN. */
export function rrdTrend(values: ArrayLike<number>, windowRows: number): Float64Array {
  return slidingMean(values, windowRows, false);
}

/** TRENDNAN: the mean of the non-NaN rows in the window, NaN only when every row in it is NaN. */
export function rrdTrendNan(values: ArrayLike<number>, windowRows: number): Float64Array {
  return slidingMean(values, windowRows, true);
}

function slidingMean(values: ArrayLike<number>, windowRows: number, skipNaN: boolean): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const w = Math.floor(windowRows);
  if (!(w >= 1)) {
    return out;
  }
  // Summed afresh per row (not a running sum) so rounding does not drift over long series.
  for (let i = w - 1; i < values.length; i++) {
    let sum = 0;
    let n = 0;
    let sawNaN = false;
    for (let k = i - w + 1; k <= i; k++) {
      const v = values[k];
      if (Number.isNaN(v)) {
        sawNaN = true;
        continue;
      }
      sum += v;
      n++;
    }
    if (skipNaN ? n > 0 : !sawNaN) {
      out[i] = sum / n;
    }
  }
  return out;
}

/**
 * RRDtool's graph-time consolidation (`reduce_data` with CF AVERAGE): rows are averaged onto a
 * wider step whose grid is aligned to the epoch.
 *
 * Reference: shared/oracles/README.md §1 "Consolidation" and the `disk_lsl_full_width400`
 * oracle (rrdtool 1.7.2: 300 s rows reduced by 29 to 8700 s). Behaviour modelled from that output:
 * - the source rows span the fetch interval (firstRowTime − step, lastRowTime];
 * - destination rows are stamped on multiples of the new step; each averages the non-NaN source
 *   rows inside its interval (NaN if none);
 * - a destination row that only partly overlaps the fetch interval at its start or end is NaN
 *   (rrdtool skips those source rows instead of averaging them).
 */
export interface ReducedRows {
  firstRowTime: number;
  step: number;
  values: Float64Array;
}

/**
 * Averages `values` (rows stamped firstRowTime + i·step, epoch ms) by `factor` onto the epoch grid
 * of step·factor. Preconditions: firstRowTime on the epoch grid of `step`, factor ≥ 1 (integer).
 * Returns the reduced rows; factor 1 (or bad input) returns a copy of the input grid.
 */
export function rrdReduceAverage(
  values: Float64Array,
  firstRowTime: number,
  step: number,
  factor: number
): ReducedRows {
  const f = Math.floor(factor);
  if (!(f > 1) || !(step > 0) || values.length === 0 || !Number.isFinite(firstRowTime)) {
    return { firstRowTime, step, values: Float64Array.from(values) };
  }
  const newStep = f * step;
  const fetchStart = firstRowTime - step;
  const fetchEnd = firstRowTime + (values.length - 1) * step;
  const destStart = Math.floor(fetchStart / newStep) * newStep;
  const destEnd = Math.ceil(fetchEnd / newStep) * newStep;
  const n = Math.round((destEnd - destStart) / newStep);
  const out = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const lo = destStart + d * newStep; // interval (lo, lo + newStep]
    const partial = lo < fetchStart || lo + newStep > fetchEnd;
    if (partial) {
      out[d] = NaN;
      continue;
    }
    const first = Math.round((lo + step - firstRowTime) / step);
    let sum = 0;
    let count = 0;
    for (let k = Math.max(0, first); k < Math.min(values.length, first + f); k++) {
      const v = values[k];
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    out[d] = count > 0 ? sum / count : NaN;
  }
  return { firstRowTime: destStart + newStep, step: newStep, values: out };
}

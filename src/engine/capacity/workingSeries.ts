import { finiteMedian, robustSd, rollingMedian } from '../stats/rollingMedian';

/**
 * The series the capacity trend works on: block medians of the fit window, at most `maxRows`
 * blocks, aligned so the last block ends on the last row (the forecast starts there). A median per
 * block already drops short spikes; a week of 1-minute data becomes 6-minute blocks, which keeps
 * every step of the pipeline O(n) or O(n log n) on 2,000 rows.
 */
export interface WorkingSeries {
  /** Block medians; NaN where a block has no finite value or a spike was removed. */
  values: Float64Array;
  /** Row of each block's centre on the original grid (fractional for even blocks). */
  x: Float64Array;
  /** Rows per block (1 = the original rows). */
  rowsPerBlock: number;
  /** Epoch ms of row 0 of the original grid, and its step. */
  start: number;
  step: number;
  /** Values removed as spikes. */
  spikes: number;
}

export const MAX_WORKING_ROWS = 2000;

export function workingSeries(values: Float64Array, fromRow: number, start: number, step: number): WorkingSeries {
  const n = values.length;
  const rows = n - fromRow;
  const b = Math.max(1, Math.ceil(rows / MAX_WORKING_ROWS));
  const blocks = Math.ceil(rows / b);
  const out = new Float64Array(blocks);
  const x = new Float64Array(blocks);
  for (let k = 0; k < blocks; k++) {
    const hi = n - (blocks - 1 - k) * b;
    const lo = Math.max(fromRow, hi - b);
    out[k] = b === 1 ? values[lo] : finiteMedian(values, lo, hi);
    x[k] = (lo + hi - 1) / 2;
  }
  for (let k = 0; k < blocks; k++) {
    if (!Number.isFinite(out[k])) {
      out[k] = NaN;
    }
  }
  const spikes = removeSpikes(out, step * b);
  return { values: out, x, rowsPerBlock: b, start, step, spikes };
}

/**
 * Spikes (a temporary file, a collector glitch) are values more than 6 robust sd away from the
 * centred rolling median over about two hours (at least 5 rows): they are set to NaN. A median
 * filter keeps steps, so a clean-up is not a spike, except within the last two rows, where one
 * cannot tell them apart yet.
 */
function removeSpikes(y: Float64Array, blockMs: number): number {
  const window = Math.min(31, Math.max(5, Math.round((2 * 3_600_000) / blockMs))) | 1;
  const med = rollingMedian(y, window);
  // The spread of the residuals, from those that are not 0: a median filter returns one of the
  // window's own values, so a third of the residuals are exactly 0 and would shrink the spread;
  // and at least that of one-row differences (noise that moves row to row is not a spike).
  const resid = new Float64Array(y.length);
  const diffs = new Float64Array(y.length);
  let nr = 0;
  let nd = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i] - med[i];
    if (r !== 0 && Number.isFinite(r)) {
      resid[nr++] = r;
    }
    if (i > 0 && Number.isFinite(y[i] - y[i - 1])) {
      diffs[nd++] = y[i] - y[i - 1];
    }
  }
  const s = Math.max(robustSd(resid.subarray(0, nr)), robustSd(diffs.subarray(0, nd)) / Math.SQRT2);
  if (!(s > 0)) {
    return 0;
  }
  let removed = 0;
  for (let i = 0; i < y.length; i++) {
    if (Math.abs(y[i] - med[i]) > 6 * s) {
      y[i] = NaN;
      removed++;
    }
  }
  return removed;
}

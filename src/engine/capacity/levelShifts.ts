import { finiteMedian, forwardMedians, robustSd, rollingMedian } from '../stats/rollingMedian';

/**
 * Sudden level shifts: clean-ups (a drop) and bulk writes (a rise). A shift is a step between the
 * medians of `short` rows before and after a row, net of what the trend moves the series over
 * that many rows anyway (the local median of `short`-row differences), that is large against the
 * robust spread of those differences around it, and that the medians over a whole `long` window
 * (a day) on each side confirm, net of the trend too: half of it at least is still there. A spike
 * is not confirmed (the level comes back), nor is a cycle's drop (a log rotation: the day-long
 * medians do not move). Shifts are found at any position, the last rows included, which the
 * penalised segmentation (it needs segments of a day) cannot do.
 */
export interface LevelShift {
  /** First row of the new level. */
  at: number;
  /** Size of the step (after − before). */
  size: number;
}

/** How many spreads a step must exceed. */
const MIN_STEP_SPREADS = 6;

export function findLevelShifts(y: Float64Array, short: number, long: number): LevelShift[] {
  const n = y.length;
  const w = Math.max(2, short);
  const diffs = new Float64Array(Math.max(0, n - w));
  for (let i = 0; i + w < n; i++) {
    diffs[i] = y[i + w] - y[i];
  }
  // A steady trend moves the series by `drift` every w rows (its local median over two days: the
  // rate differs from one segment to the next). A step is measured against that, or a fast-growing
  // quiet series reads as a staircase of shifts.
  const drift = rollingMedian(diffs, 2 * long + 1);
  const surprise = new Float64Array(diffs.length);
  for (let i = 0; i < diffs.length; i++) {
    surprise[i] = diffs[i] - drift[i];
  }
  const spread = robustSd(surprise);
  if (!(spread > 0)) {
    return [];
  }
  const driftAt = (i: number): number => {
    const d = drift[Math.min(drift.length - 1, Math.max(0, i - w))];
    return Number.isFinite(d) ? d : 0;
  };
  const threshold = MIN_STEP_SPREADS * spread;
  const candidates: LevelShift[] = [];
  const ahead = forwardMedians(y, w);
  for (let i = 1; i < n; i++) {
    if (!Number.isFinite(y[i])) {
      continue;
    }
    const before = i >= w ? ahead[i - w] : finiteMedian(y, 0, i);
    const after = ahead[i];
    const size = after - before - driftAt(i);
    if (!(Math.abs(size) > threshold)) {
      continue;
    }
    // The day-long medians sit `long` rows apart on average (half a window each side, clipped at
    // the ends): their own share of the drift comes off too.
    const lo = Math.max(0, i - long);
    const hi = Math.min(n, i + long);
    const longStep = finiteMedian(y, i, hi) - finiteMedian(y, lo, i) - (driftAt(i) * (hi - lo)) / (2 * w);
    if (Math.sign(longStep) === Math.sign(size) && Math.abs(longStep) >= Math.abs(size) / 2) {
      candidates.push({ at: i, size });
    }
  }
  // One shift per cluster of candidates: the row with the largest step.
  const shifts: LevelShift[] = [];
  for (const c of candidates) {
    const last = shifts[shifts.length - 1];
    if (last && c.at - last.at <= w) {
      if (Math.abs(c.size) > Math.abs(last.size)) {
        shifts[shifts.length - 1] = c;
      }
    } else {
      shifts.push(c);
    }
  }
  // Place each shift on the largest single-row step near it.
  return shifts.map((s) => {
    let best = s.at;
    let bestStep = 0;
    let prev = NaN;
    for (let i = Math.max(0, s.at - w); i < Math.min(n, s.at + w); i++) {
      if (Number.isFinite(y[i])) {
        if (Number.isFinite(prev) && Math.sign(y[i] - prev) === Math.sign(s.size) && Math.abs(y[i] - prev) > bestStep) {
          bestStep = Math.abs(y[i] - prev);
          best = i;
        }
        prev = y[i];
      }
    }
    return { at: best, size: s.size };
  });
}

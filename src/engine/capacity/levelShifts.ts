import { finiteMedian, forwardMedians, robustSd } from '../stats/rollingMedian';

/**
 * Sudden level shifts: clean-ups (a drop) and bulk writes (a rise). A shift is a step between the
 * medians of `short` rows before and after a row that is large against how far the series moves
 * over that many rows anyway (the robust spread of `short`-row differences), and that the medians
 * over a whole `long` window (a day) on each side confirm: half of it at least is still there.
 * A spike is not confirmed (the level comes back), nor is a cycle's drop (a log rotation: the
 * day-long medians do not move). Shifts are found at any position, the last rows included, which
 * the penalised segmentation (it needs segments of a day) cannot do.
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
  const spread = robustSd(diffs);
  if (!(spread > 0)) {
    return [];
  }
  const threshold = MIN_STEP_SPREADS * spread;
  const candidates: LevelShift[] = [];
  const ahead = forwardMedians(y, w);
  for (let i = 1; i < n; i++) {
    if (!Number.isFinite(y[i])) {
      continue;
    }
    const before = i >= w ? ahead[i - w] : finiteMedian(y, 0, i);
    const after = ahead[i];
    const size = after - before;
    if (!(Math.abs(size) > threshold)) {
      continue;
    }
    const longBefore = finiteMedian(y, i - long, i);
    const longAfter = finiteMedian(y, i, i + long);
    if (
      Math.sign(longAfter - longBefore) === Math.sign(size) &&
      Math.abs(longAfter - longBefore) >= Math.abs(size) / 2
    ) {
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

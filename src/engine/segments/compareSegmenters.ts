/**
 * Side-by-side measurement of the two "start of the last trend" methods on the same input, for
 * benchmarks and docs: the seed's derivative-peak loop (seedSegmentFit.ts, `after_last_peak`:
 * the segment starts one row after the last peak of |diff|) and the change-point detector
 * (changePoint.ts). Timing is left to the caller (engine functions stay deterministic).
 */
import { ChangePointOptions, detectChangePoints } from './changePoint';
import { seedPeakLoop } from './seedSegmentFit';

export interface SegmenterOutcome {
  /** First row of the last trend segment found. */
  start: number;
  /** start − truth (rows); NaN when no truth was given. */
  error: number;
}

export interface SegmenterComparison {
  n: number;
  truth: number | null;
  seed: SegmenterOutcome & { severity: number; peaks: number };
  changePoint: SegmenterOutcome & { changePoints: number[] };
}

export interface CompareOptions extends ChangePointOptions {
  /** Seed severity (default 1, the value the README shows finding the disk's clean-up). */
  severity?: number;
}

/**
 * Runs both methods on `y` and reports where each puts the start of the last trend and how far
 * that is from `truthIndex` (the first row of the true last segment), if known.
 */
export function compareSegmenters(
  y: ArrayLike<number>,
  truthIndex: number | null,
  options: CompareOptions = {}
): SegmenterComparison {
  const severity = options.severity ?? 1;
  const loop = seedPeakLoop(y, severity);
  const seedStart = loop.lastPeak === null ? 0 : loop.lastPeak + 1;
  const cp = detectChangePoints(y, options);
  const err = (s: number): number => (truthIndex === null ? NaN : s - truthIndex);
  return {
    n: y.length,
    truth: truthIndex,
    seed: { start: seedStart, error: err(seedStart), severity, peaks: loop.peaks.length },
    changePoint: { start: cp.lastStart, error: err(cp.lastStart), changePoints: cp.changePoints },
  };
}

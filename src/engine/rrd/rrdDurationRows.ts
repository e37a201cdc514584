/**
 * How many rows an RRDtool duration argument (a TREND window, a PREDICT shift or window) spans:
 * ⌈duration/step⌉. rrdtool rounds up, so 1000 s at step 300 s is 4 rows and a 400 s shift is 2.
 *
 * Reference: shared/oracles/README.md §1 "TREND / TRENDNAN" and "PREDICT" (rrdtool 1.7.2).
 * `duration` and `step` in the same unit (ms in the engine). Returns NaN for a negative or
 * non-finite duration or a step ≤ 0.
 */
export function rrdDurationRows(duration: number, step: number): number {
  if (!(step > 0) || !(duration >= 0) || !Number.isFinite(duration)) {
    return NaN;
  }
  return Math.ceil(duration / step);
}

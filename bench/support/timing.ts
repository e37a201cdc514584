import { median, minimum } from './stats';

/** Timings of one workload: every repeat in ms, their median and minimum. */
export interface Timing {
  runs: number[];
  medianMs: number;
  minMs: number;
}

/** Collects garbage when node runs with --expose-gc (scripts/run-ts.mjs passes it); a no-op otherwise. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/**
 * Runs `work` `warmup` times untimed (so the JIT has optimised it), then `repeats` times timed with
 * a garbage collection before each timed run, so one run does not pay for the previous one's garbage.
 * `sink` receives each result so the work cannot be optimised away.
 */
export function timeRepeated<T>(work: () => T, warmup: number, repeats: number, sink: (result: T) => void): Timing {
  for (let i = 0; i < warmup; i++) {
    sink(work());
  }
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    collectGarbage();
    const t0 = performance.now();
    const result = work();
    runs.push(performance.now() - t0);
    sink(result);
  }
  return { runs, medianMs: median(runs), minMs: minimum(runs) };
}

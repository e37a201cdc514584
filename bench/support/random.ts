/**
 * Seeded pseudo-random numbers for the benchmarks: the synthetic data is the same on every run and
 * every machine. Uniforms from the engine's seeded generator (mulberry32); Box–Muller normals, one
 * deviate per call, so a volume's sequence does not depend on how many normals came before.
 */
import { seededRandom } from '../../src/engine/stats/seededRandom';

export interface BenchRandom {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  /** Normal deviate with mean 0 and the given standard deviation. */
  normal(sd: number): number;
}

/** A generator whose whole sequence is fixed by `seed` (its low 32 bits). */
export function benchRandom(seed: number): BenchRandom {
  const uniform = seededRandom(seed).uniform;
  const between = (lo: number, hi: number): number => lo + (hi - lo) * uniform();
  const int = (lo: number, hi: number): number => lo + Math.floor(uniform() * (hi - lo + 1));
  const normal = (sd: number): number => {
    // 1 − u keeps the logarithm finite; one deviate per call keeps the sequence simple to reason about.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    return sd * r * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, between, int, normal };
}

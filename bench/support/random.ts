/**
 * Seeded pseudo-random numbers for the benchmarks: the synthetic data is the same on every run and
 * every machine. mulberry32 for uniforms (Tommy Ettinger, public domain), Box–Muller for normals.
 * Kept in bench/ so that the benchmarks depend on nothing but the engine and models they measure.
 */
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
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (lo: number, hi: number): number => lo + (hi - lo) * uniform();
  const int = (lo: number, hi: number): number => lo + Math.floor(uniform() * (hi - lo + 1));
  const normal = (sd: number): number => {
    // 1 − u keeps the logarithm finite; one deviate per call keeps the sequence simple to reason about.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    return sd * r * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, between, int, normal };
}

/**
 * A small seeded pseudo-random generator for reproducible simulations (synthetic series, tests,
 * benchmarks): mulberry32 for uniforms, Box–Muller for normal deviates. Not for cryptography.
 *
 * Reference: mulberry32 by Tommy Ettinger (public domain); Box & Muller (1958).
 */

export interface SeededRandom {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Normal with the given mean and standard deviation (defaults 0 and 1). */
  normal(mean?: number, sd?: number): number;
}

/** A generator whose whole sequence is fixed by `seed` (any number; its low 32 bits are used). */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = (mean = 0, sd = 1): number => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return mean + sd * z;
    }
    // 1 − u keeps the logarithm finite.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  };
  return { uniform, normal };
}

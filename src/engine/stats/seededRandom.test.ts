import { seededRandom } from './seededRandom';

describe('seededRandom', () => {
  test('same seed, same sequence; different seed, different sequence', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const sa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(sa);
  });

  test('uniforms lie in [0, 1) and normals have about the asked mean and sd', () => {
    const g = seededRandom(7);
    let sum = 0;
    let sum2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = g.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      const z = g.normal(3, 2);
      sum += z;
      sum2 += z * z;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sum2 / n - mean * mean);
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
  });
});

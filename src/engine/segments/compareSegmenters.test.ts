import { readPythonInput } from '../../../tests/support/pythonOracles';
import { seededRandom } from '../stats/seededRandom';
import { compareSegmenters } from './compareSegmenters';

describe('compareSegmenters', () => {
  test('reports both starts and their errors against the truth', () => {
    const g = seededRandom(11);
    const y = Array.from({ length: 1000 }, (_, i) => (i < 600 ? 0.05 * i : 0.05 * i - 10) + g.normal(0, 2));
    const c = compareSegmenters(y, 600);
    expect(c.n).toBe(1000);
    expect(c.truth).toBe(600);
    expect(c.seed.error).toBe(c.seed.start - 600);
    expect(c.changePoint.error).toBe(c.changePoint.start - 600);
    expect(Math.abs(c.changePoint.error)).toBeLessThanOrEqual(3);
    expect(c.seed.peaks).toBeGreaterThan(10);
  });

  test('disk_sawtooth: both find the second clean-up (rows 449→450) at severity 1', () => {
    const c = compareSegmenters(readPythonInput('disk_sawtooth'), 450);
    expect(c.seed.start).toBe(450);
    expect(c.changePoint.start).toBe(450);
    expect(compareSegmenters([1, 2, 3], null).seed.error).toBeNaN();
  });
});

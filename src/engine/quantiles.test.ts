import { normalMultiplier, normalQuantile, studentTMultiplier, studentTQuantile } from './quantiles';

// Expected values: scipy.stats.norm.ppf / scipy.stats.t.ppf (SciPy 1.10), printed with repr().
describe('normalQuantile', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
  ])('ppf(%p) = %p', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });
  it('gives NaN outside (0, 1) and infinities at the ends', () => {
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalMultiplier(0.95)).toBeCloseTo(1.959963984540054, 12);
  });
});

describe('studentTQuantile', () => {
  it.each([
    [0.975, 1, 12.706204736174698],
    [0.975, 2, 4.302652729749464],
    [0.975, 3, 3.182446305284263],
    [0.975, 10, 2.228138851986274],
    [0.975, 30, 2.0422724563012373],
    [0.995, 5, 4.032142983557536],
    [0.025, 10, -2.228138851986274],
  ])('ppf(%p, df=%p) = %p', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 9);
  });
  it('tends to the normal quantile for large df and rejects bad input', () => {
    expect(studentTMultiplier(0.95, 1e9)).toBeCloseTo(1.959963984540054, 9);
    expect(studentTQuantile(0.975, 0)).toBeNaN();
    expect(studentTQuantile(1, 5)).toBeNaN();
  });
});

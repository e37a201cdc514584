import { isProblem } from './types';
import { linearModel } from './linear';

const series = (values: number[], step = 1000) => ({ start: 0, step, values: Float64Array.from(values) });

describe('linearModel', () => {
  // Worked by hand: x = 0..4, y = [1, 3, 2, 5, 4] → slope 0.8, intercept 1.4, s² = SSE/(n−2) = 3.6/3,
  // t(0.975, 3) = 3.182446305284263 (scipy.stats.t.ppf); half-width t·s·√(1 + 1/n + (x − 2)²/10).
  it('gives the OLS line and a prediction interval that widens with distance', () => {
    const fitted = linearModel.fit(series([1, 3, 2, 5, 4]), { fromRow: 0 });
    if (isProblem(fitted)) {
      throw new Error(fitted.message);
    }
    expect(fitted.anchor).toBeCloseTo(4.6, 12);
    expect(fitted.diagnostics.slopePerStep).toBeCloseTo(0.8, 12);
    expect(fitted.diagnostics.intercept).toBeCloseTo(1.4, 12);
    const p = fitted.predict(5, 0.95);
    expect(p.point[0]).toBeCloseTo(5.4, 12);
    expect(p.upper[0] - p.point[0]).toBeCloseTo(5.051976890759101, 9);
    expect(p.point[4]).toBeCloseTo(8.6, 12);
    expect(p.point[4] - p.lower[4]).toBeCloseTo(8.610267129285116, 9);
  });

  it('fits only the window and keeps gap rows at their index', () => {
    const fitted = linearModel.fit(series([50, 50, 0, NaN, 2, 3]), { fromRow: 2 });
    if (isProblem(fitted)) {
      throw new Error(fitted.message);
    }
    expect(fitted.diagnostics.slopePerStep).toBeCloseTo(1, 12);
    expect(fitted.diagnostics.points).toBe(3);
    expect(fitted.fitted?.fromRow).toBe(2);
    Array.from(fitted.fitted!.values).forEach((v, i) => expect(v).toBeCloseTo(i, 12));
  });

  it('collapses the band on a perfect line and survives huge magnitudes', () => {
    const flat = linearModel.fit(series([7, 7, 7, 7]), { fromRow: 0 });
    if (isProblem(flat)) {
      throw new Error(flat.message);
    }
    expect(Array.from(flat.predict(2, 0.95).upper)).toEqual([7, 7]);
    const huge = linearModel.fit(series([1e300, 2e300, 3e300, 4e300]), { fromRow: 0 });
    if (isProblem(huge)) {
      throw new Error(huge.message);
    }
    expect(huge.predict(1, 0.95).point[0] / 5e300).toBeCloseTo(1, 9);
  });

  it('explains a window with too few points', () => {
    const r = linearModel.fit(series([1, NaN, 2]), { fromRow: 0 });
    expect(isProblem(r) && r.code).toBe('too-few-points');
  });
});

describe('linearModel at the edges of floating point', () => {
  it('keeps the band on tiny magnitudes (1e-200) instead of underflowing to zero', () => {
    const fitted = linearModel.fit(series([1e-200, 3e-200, 2e-200, 5e-200, 4e-200]), { fromRow: 0 });
    if (isProblem(fitted)) {
      throw new Error(fitted.message);
    }
    const p = fitted.predict(1, 0.95);
    expect(p.point[0] / 5.4e-200).toBeCloseTo(1, 9);
    expect((p.upper[0] - p.point[0]) / 5.051976890759101e-200).toBeCloseTo(1, 6);
  });
});

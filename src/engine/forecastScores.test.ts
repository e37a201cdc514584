import { forecastScores } from './forecastScores';

describe('forecastScores', () => {
  it('gives M4 MAPE, sMAPE and MASE (and seasonal naive MASE) on hand-computed values', () => {
    // Scale: mean |y[t] − y[t−1]| = 2. Errors 1 and 2; naive (last value 20) errors 2 and 4.
    const s = forecastScores([10, 12, 14, 16, 18, 20], [22, 24], [21, 26], 1);
    expect(s.horizon).toBe(2);
    expect(s.points).toBe(2);
    expect(s.mase).toBeCloseTo(0.75, 12);
    expect(s.naiveMase).toBeCloseTo(1.5, 12);
    expect(s.mape).toBeCloseTo(((1 / 22 + 2 / 24) / 2) * 100, 10);
    expect(s.smape).toBeCloseTo(((2 / 43 + 4 / 50) / 2) * 100, 10);
    expect(s.seasonality).toBe(1);
  });

  it('uses lag m for the scale and the seasonal naive; undefined scores are null, not NaN or Infinity', () => {
    // Period 2: seasonal differences are all 0, so MASE has no scale.
    const flat = forecastScores([10, 20, 10, 20], [10, 0], [12, 1], 2);
    expect(flat.mase).toBeNull();
    expect(flat.naiveMase).toBeNull();
    // A zero actual leaves MAPE undefined; sMAPE still counts it (2·1/1 = 200 % at that point).
    expect(flat.mape).toBeNull();
    expect(flat.smape).toBeCloseTo(((2 * 2) / 22 / 2 + 2 / 2) * 100, 10);
    expect(flat.seasonality).toBe(2);
    // Missing actuals are not scored.
    const gaps = forecastScores([1, 2, 3, 4], [5, NaN, 7], [5, 6, 8], 1);
    expect(gaps.points).toBe(2);
    expect(gaps.horizon).toBe(3);
  });
});

import { forecastBounds, toSeriesUnits, ZERO_SNAP_FRACTION } from './forecastBounds';

describe('forecastBounds', () => {
  it('floors a log-scale series at its lowest value', () => {
    expect(forecastBounds([0.09, 5, 0.2, NaN, 40], 'log')).toEqual({ floor: 0.09, zeroBelow: 0 });
  });

  it('floors a never-negative series at 0 and does not snap one that is rarely 0', () => {
    expect(forecastBounds([0, 3, 4, 5, 6], 'none')).toEqual({ floor: 0, zeroBelow: 0 });
  });

  it('snaps forecasts of an intermittent series (at least half its rows exactly 0) under a twentieth of its median burst', () => {
    // 4 zeros of 7 finite values; non-zero median 40.
    const b = forecastBounds([0, 0, 40, 0, 20, NaN, 0, 80], 'none');
    expect(b.floor).toBe(0);
    expect(b.zeroBelow).toBeCloseTo(ZERO_SNAP_FRACTION * 40, 12);
    const back = toSeriesUnits('none', b);
    expect(back(1.5)).toBe(0);
    expect(back(2.5)).toBe(2.5);
    expect(back(-3)).toBe(0);
  });

  it('leaves a series that goes negative unbounded, and one with no values too', () => {
    expect(forecastBounds([0, 0, 0, -1, 2], 'none')).toEqual({ floor: -Infinity, zeroBelow: 0 });
    expect(forecastBounds([NaN, NaN], 'none')).toEqual({ floor: -Infinity, zeroBelow: 0 });
    expect(toSeriesUnits('none', { floor: -Infinity, zeroBelow: 0 })(-7)).toBe(-7);
  });

  it('brings log-scale values back through exp before the floor', () => {
    const back = toSeriesUnits('log', { floor: 0.09, zeroBelow: 0 });
    expect(back(Math.log(0.03))).toBe(0.09);
    expect(back(Math.log(2))).toBeCloseTo(2, 12);
  });
});

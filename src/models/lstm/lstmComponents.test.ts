import { weightSizes } from './forwardPass';
import { choosePeriod, differences, localSeasonal, MIN_DECOMPOSITION_PERIOD, splitComponents } from './lstmComponents';
import { forecastComponent, viewComponents } from './lstmForecaster';
import { ComponentState } from './lstmState';

describe('localSeasonal', () => {
  it('takes the median of each phase over the cycles centred on a row, fewer at the edges', () => {
    // Period 2, trend 0: phase values 1, 3, 5 (even rows) and 10, 20, 60 (odd rows).
    const y = [1, 10, 3, 20, 5, 60];
    const s = localSeasonal(y, [0, 0, 0, 0, 0, 0], 2, 3);
    // Row 3 sees 10, 20, 60: the median 20, where a mean would give 30.
    expect(Array.from(s)).toEqual([2, 15, 3, 20, 4, 40]);
  });

  it('keeps a spike that most cycles have and drops one that a single cycle has', () => {
    // Period 4, 5 cycles: the spike (9) sits at phase 1 in four cycles, at phase 2 in the third.
    const cycle = (spikeAt: number) => [0, 1, 2, 3].map((p) => (p === spikeAt ? 9 : 0));
    const y = [...cycle(1), ...cycle(1), ...cycle(2), ...cycle(1), ...cycle(1)];
    const s = localSeasonal(y, new Array(y.length).fill(0), 4, 5);
    expect(Array.from(s.subarray(8, 12))).toEqual([0, 9, 0, 0]);
  });

  it('subtracts the trend first and skips gaps', () => {
    const s = localSeasonal([2, NaN, 4, 8], [1, 1, 1, 1], 2, 3);
    expect(Array.from(s)).toEqual([2, 7, 2, 7]);
  });
});

describe('differences', () => {
  it('at lag 1 and at a seasonal lag, NaN where there is no earlier value', () => {
    expect(Array.from(differences([1, 4, 9, 16]))).toEqual([NaN, 3, 5, 7]);
    expect(Array.from(differences([1, 4, 9, 16, 25], 2))).toEqual([NaN, NaN, 8, 12, 16]);
  });
});

/** 30 + a daily cycle whose amplitude grows by 1 each day, hourly, 10 days. */
const growingCycle = Float64Array.from(
  { length: 240 },
  (_, i) => 30 + (2 + Math.floor(i / 24)) * Math.sin((2 * Math.PI * i) / 24)
);

describe('splitComponents (decomposed)', () => {
  const options = { seasonalCycles: 3, seasonalDifferencing: true, rawMembers: 1 };
  const comps = splitComponents(growingCycle, 'decomposed', 24, options);
  if (!Array.isArray(comps)) {
    throw new Error(comps.message);
  }

  it('sums back to the series, row by row', () => {
    for (let i = 0; i < growingCycle.length; i++) {
      expect(comps[0].level[i] + comps[1].level[i] + comps[2].level[i]).toBeCloseTo(growingCycle[i], 9);
    }
  });

  it('the seasonal component follows the growing cycle, the classical one stays at its average', () => {
    const classical = splitComponents(growingCycle, 'decomposed', 24);
    if (!Array.isArray(classical)) {
      throw new Error(classical.message);
    }
    const peakLastDay = 9 * 24 + 6; // sin = 1 on the last day (amplitude 11)
    const peakFirstDay = 6; // amplitude 2
    expect(comps[1].level[peakLastDay]).toBeGreaterThan(9.5);
    expect(comps[1].level[peakFirstDay]).toBeLessThan(3);
    expect(classical[1].level[peakLastDay]).toBeCloseTo(classical[1].level[peakFirstDay], 9);
  });

  it('models the seasonal component as its change from one period earlier', () => {
    expect(comps[1].seasonalLag).toBe(24);
    expect(comps[1].modelled[23]).toBeNaN();
    expect(comps[1].modelled[100]).toBeCloseTo(comps[1].level[100] - comps[1].level[76], 12);
    expect(comps[0].seasonalLag).toBe(0);
    expect(comps[2].seasonalLag).toBe(0);
    expect(comps[2].modelled).toBe(comps[2].level);
  });

  it('a seasonal network that predicts no change forecasts the last cycle again', () => {
    const shape = { timeSteps: 1, features: 24, units: 2, outputs: 1 };
    const silent: ComponentState = {
      name: 'seasonal',
      differenced: false,
      centred: false,
      seasonalLag: 24,
      scaling: { center: 0, scale: 1 },
      shape,
      weights: weightSizes(shape).map((n) => new Float32Array(n)),
      losses: [],
      fineTuneLosses: [],
    };
    const [view] = viewComponents([silent], [comps[1]]);
    const origin = growingCycle.length - 1;
    const f = forecastComponent(view, origin, 60);
    for (let k = 0; k < 60; k++) {
      expect(f[k]).toBeCloseTo(comps[1].level[origin + 1 - 24 + (k % 24)], 9);
    }
  });
});

describe('choosePeriod', () => {
  const HOUR = 3_600_000;
  const cycle = (period: number, rows: number) =>
    Array.from({ length: rows }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / period) + ((t * 7919) % 13) / 13);

  it('hands a cycle of 8 rows or more to the decomposition', () => {
    expect(choosePeriod(cycle(12, 240), HOUR)).toBe(12);
    expect(choosePeriod(cycle(24, 336), HOUR)).toBe(24);
  });

  it('leaves a cycle shorter than MIN_DECOMPOSITION_PERIOD to the raw networks', () => {
    // An alternating series: the ACF finds its 2-row cycle, the decomposition does not get it.
    const alternating = Array.from({ length: 240 }, (_, t) => (t % 2 === 0 ? 34 : 35) + ((t * 7919) % 13) / 130);
    expect(MIN_DECOMPOSITION_PERIOD).toBe(8);
    expect(choosePeriod(alternating, HOUR)).toBeNull();
    expect(choosePeriod(cycle(4, 240), HOUR)).toBeNull();
  });

  it('uses a period the caller gives as given, short or not', () => {
    expect(choosePeriod(cycle(4, 240), HOUR, 4)).toBe(4);
  });
});

import { seededRandom } from '../../engine/stats/seededRandom';
import { RegularSeries } from '../../engine/types';
import { LstmConfig } from './lstmConfig';
import { DAMPING_CANDIDATES, holdOutRows, naiveLag, naiveWeight } from './lstmHoldOut';
import { lstmFittedModel } from './lstmModel';
import { trainLstm } from './lstmTraining';

jest.setTimeout(60_000);

const TINY: Partial<LstmConfig> = { units: 8, epochs: 12, batchSize: 32, learningRate: 0.01, seed: 7 };

/** 20 + 5·sin(2πi/24) + N(0, 0.5²), hourly. */
function noisyDaily(n: number): RegularSeries {
  const rng = seededRandom(3);
  const values = Float64Array.from(
    { length: n },
    (_, i) => 20 + 5 * Math.sin((2 * Math.PI * i) / 24) + rng.normal(0, 0.5)
  );
  return { start: Date.UTC(2024, 0, 1), step: 3_600_000, values };
}

describe('the hold-out', () => {
  it('holds back at most a fifth of the series', () => {
    expect(holdOutRows(1000, 48)).toBe(48);
    expect(holdOutRows(100, 48)).toBe(20);
    expect(holdOutRows(1000, 0)).toBe(0);
  });
});

describe('combination with the seasonal naive forecast', () => {
  it('weights each forecast by the inverse of its held-out mean absolute error', () => {
    // Networks: errors 1 and 1 (sum 2); naive: errors 3 and 3 (sum 6). Networks' weight 6 / 8.
    expect(naiveWeight([10, 12], [11, 11], [13, 15])).toBeCloseTo(0.75, 12);
    // Equal errors: half each; a naive that is exact takes all the weight.
    expect(naiveWeight([10, 12], [11, 14], [13, 12])).toBeCloseTo(0.5, 12);
    expect(naiveWeight([10, 12], [11, 14], [10, 12])).toBe(0);
    // Points missing on either side are skipped; nothing to compare keeps the networks alone.
    expect(naiveWeight([10, NaN, 12], [11, 5, 11], [13, 5, 15])).toBeCloseTo(0.75, 12);
    expect(naiveWeight([NaN], [1], [2])).toBe(1);
    expect(naiveWeight([1, 2], [1, 2], [1, 2])).toBe(0.5);
  });

  it('copies a day when the period is none or divides it, else the period, else the last row', () => {
    const hour = 3_600_000;
    expect(naiveLag(168, hour, 1000)).toBe(168);
    expect(naiveLag(24, hour, 1000)).toBe(24);
    expect(naiveLag(null, hour, 1000)).toBe(24);
    expect(naiveLag(2, hour, 1000)).toBe(24);
    expect(naiveLag(5, hour, 1000)).toBe(5);
    expect(naiveLag(2, 7 * hour, 1000)).toBe(2);
    expect(naiveLag(null, 5 * 60_000, 1000)).toBe(288);
    // 7-hour steps do not divide a day; a series shorter than the lag has no row that far back.
    expect(naiveLag(null, 7 * hour, 1000)).toBe(1);
    expect(naiveLag(168, hour, 100)).toBe(1);
  });
});

describe('cold training with a hold-out', () => {
  const series = noisyDaily(12 * 24);

  it('scores the last 48 rows with networks that never saw them, picks a damping, then learns them', async () => {
    const state = await trainLstm(series, { config: TINY });
    if ('code' in state) {
      throw new Error(state.message);
    }
    expect(state.backtest).not.toBeNull();
    const b = state.backtest!;
    expect(b.horizon).toBe(48);
    expect(b.points).toBe(48);
    expect(b.seasonality).toBe(24);
    // A clean daily cycle: the held-out forecast beats repeating the last day (noise sd 0.5 both ways).
    expect(b.mase).not.toBeNull();
    expect(b.mase!).toBeLessThan(1.2);
    expect(b.mape!).toBeLessThan(5);
    expect(DAMPING_CANDIDATES as readonly number[]).toContain(state.damping);
    // The refit belongs to the cold training: all rows counted, no fine-tune recorded.
    expect(state.trainedPoints).toBe(series.values.length);
    expect(state.trainedUntil).toBe(series.start + (series.values.length - 1) * series.step);
    expect(state.fineTunes).toBe(0);
    expect(state.fineTunedAt).toBeNull();
  });

  it('keeps a damping fixed by the configuration, and holds nothing back with holdOut 0', async () => {
    const fixed = await trainLstm(series, { config: { ...TINY, epochs: 2, trendDamping: 0.95 } });
    const none = await trainLstm(series, { config: { ...TINY, epochs: 2, holdOut: 0 } });
    if ('code' in fixed || 'code' in none) {
      throw new Error('training failed');
    }
    expect(fixed.damping).toBe(0.95);
    expect(fixed.backtest).not.toBeNull();
    expect(none.backtest).toBeNull();
    expect(none.damping).toBe(0.9);
    // Nothing held out: no evidence to combine on, the networks alone.
    expect(none.blend.weight).toBe(1);
  });

  it('combines the networks with the last day by their held-out errors, and predicts with that blend', async () => {
    const state = await trainLstm(series, { config: { ...TINY, epochs: 4 } });
    const alone = await trainLstm(series, { config: { ...TINY, epochs: 4, combineWithNaive: false } });
    if ('code' in state || 'code' in alone) {
      throw new Error('training failed');
    }
    expect(alone.blend.weight).toBe(1);
    expect(state.blend.lag).toBe(24);
    expect(state.blend.weight).toBeGreaterThan(0);
    expect(state.blend.weight).toBeLessThan(1);
    // noisyDaily is additive: the partner moves with the networks' drift past the first day.
    expect(state.blend.drift).toBe(true);
    const at = (weight: number, drift = false) => {
      const m = lstmFittedModel({ ...state, blend: { weight, lag: 24, drift } }, series);
      if ('code' in m) {
        throw new Error(m.message);
      }
      return m.predict(48, 0.95).point;
    };
    const networks = at(1);
    const naive = at(0);
    const half = at(0.5);
    const y = series.values;
    for (let k = 0; k < 48; k++) {
      // Weight 0 without drift is the seasonal naive forecast: the same hour of the last day.
      expect(naive[k]).toBeCloseTo(y[y.length - 24 + (k % 24)], 9);
      expect(half[k]).toBeCloseTo((networks[k] + naive[k]) / 2, 9);
    }
    // With drift, the second day's copy moves by the median of the networks' day-over-day changes.
    const changes = networks.slice(24).map((v, j) => v - networks[j]);
    const sorted = Array.from(changes).sort((a, b) => a - b);
    const drift = (sorted[11] + sorted[12]) / 2;
    const drifting = at(0, true);
    for (let k = 0; k < 48; k++) {
      expect(drifting[k]).toBeCloseTo(naive[k] + (k >= 24 ? drift : 0), 9);
    }
    expect(Math.max(...networks.map((v, k) => Math.abs(v - naive[k])))).toBeGreaterThan(0.1);
  });
});

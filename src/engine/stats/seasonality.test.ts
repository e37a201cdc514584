import { readPythonInput } from '../../../tests/support/pythonOracles';
import { detectSeasonality } from './seasonality';
import { seededRandom } from './seededRandom';

const HOUR = 3600000;

describe('detectSeasonality (the seed grouping, ACF rule)', () => {
  test('weekly.csv: seasonal, period 24 (the strongest cycle), one week as secondary when the step is known', () => {
    const y = readPythonInput('weekly');
    const s = detectSeasonality(y, { stepMs: HOUR });
    expect(s.group).toBe('seasonal');
    expect(s.period).toBe(24);
    expect(s.secondaryPeriod).toBe(168);
    const noStep = detectSeasonality(y);
    expect(noStep.period).toBe(24);
    expect(noStep.secondaryPeriod).toBeNull();
  });

  test('daily_break.csv: seasonal 24, no weekly cycle', () => {
    const s = detectSeasonality(readPythonInput('daily_break'), { stepMs: HOUR });
    expect(s.group).toBe('seasonal');
    expect(s.period).toBe(24);
    expect(s.secondaryPeriod).toBeNull();
  });

  test('disk_sawtooth.csv: trend-only (the ±0.5 daily wave is tiny next to the sawtooth; the 250-row drops are < 3 cycles)', () => {
    const s = detectSeasonality(readPythonInput('disk_sawtooth'), { stepMs: HOUR });
    expect(s.group).toBe('trend-only');
    expect(s.period).toBeNull();
    expect(s.reason).toBe('no-significant-cycle');
    // The daily wave is there, but weak: its prominence stays far below the 0.15 floor.
    const daily = s.candidates.find((c) => Math.abs(c.lag - 24) <= 1);
    expect(daily === undefined || daily.prominence < 0.05).toBe(true);
  });

  test('pure line + noise and pure noise → trend-only (30 seeds, three lengths)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const g = seededRandom(seed);
      for (const n of [60, 200, 1000]) {
        const line = Array.from({ length: n }, (_, i) => 0.05 * i + g.normal());
        const noise = Array.from({ length: n }, () => g.normal());
        expect(detectSeasonality(line).group).toBe('trend-only');
        expect(detectSeasonality(noise).group).toBe('trend-only');
      }
    }
  });

  test('sinusoid with period 12 (+ trend, + noise, + NaN gaps) → 12', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const g = seededRandom(seed);
      const y = Array.from({ length: 240 }, (_, i) => 0.01 * i + 2 * Math.sin((2 * Math.PI * i) / 12) + g.normal());
      for (let k = 0; k < 10; k++) {
        y[Math.floor(g.uniform() * 240)] = NaN;
      }
      const s = detectSeasonality(y);
      expect(s.group).toBe('seasonal');
      expect(s.period).toBe(12);
    }
  });

  test('known step snaps a near-day period to exactly one day', () => {
    // 5-minute rows: one day = 288 rows; a 287-row cycle is snapped.
    const y = Array.from({ length: 288 * 4 }, (_, i) => Math.sin((2 * Math.PI * i) / 287));
    expect(detectSeasonality(y).period).toBe(287);
    expect(detectSeasonality(y, { stepMs: 300000 }).period).toBe(288);
  });

  test('too short, constant, all-NaN → trend-only with the reason', () => {
    const short = detectSeasonality([1, 3, 1, 3, 1, 3, 1, 3, 1, 3]);
    expect(short.group).toBe('trend-only');
    expect(short.reason).toBe('too-short');
    expect(short.message).toMatch(/too few/);
    expect(detectSeasonality(new Array(100).fill(4)).reason).toBe('constant');
    expect(detectSeasonality(new Array(100).fill(NaN)).reason).toBe('too-short');
    expect(detectSeasonality([]).reason).toBe('too-short');
  });

  test("the seed's diagnostic: the ACF of a trend-only series is close to a falling line", () => {
    const g = seededRandom(3);
    const line = Array.from({ length: 500 }, (_, i) => 0.05 * i + g.normal());
    expect(detectSeasonality(line).acfLagR).toBeLessThan(-0.9);
    expect(detectSeasonality(readPythonInput('weekly')).acfLagR).toBeGreaterThan(-0.9);
  });
});

import { findCrossings } from './crossings';
import { Forecast } from './types';

const STEP = 3_600_000;

/** A straight forecast from `anchor` with slope per step and a band ± (base + widen·k). */
function line(anchor: number, slope: number, steps: number, base = 1, widen = 0.1): Forecast {
  const times: number[] = [];
  const point: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let k = 1; k <= steps; k++) {
    times.push(k * STEP);
    point.push(anchor + slope * k);
    lower.push(anchor + slope * k - (base + widen * k));
    upper.push(anchor + slope * k + (base + widen * k));
  }
  return { times, point, lower, upper, level: 0.95 };
}

describe('findCrossings', () => {
  it('interpolates the crossing between steps and brackets it with the band', () => {
    const [c] = findCrossings({ lastTime: 0, anchor: 80, forecast: line(80, 1, 48) }, [90.5]);
    expect(c.status).toBe('crosses');
    expect(c.direction).toBe('rising');
    expect(c.time).toBeCloseTo(10.5 * STEP, 6);
    // upper edge: 80 + 1.1k + 1 reaches 90.5 at k = 8.636… (between steps 8 and 9)
    expect(c.earliest!).toBeGreaterThan(8 * STEP);
    expect(c.earliest!).toBeLessThan(9 * STEP);
    // lower edge: 80 + 0.9k − 1 reaches 90.5 at k = 12.78
    expect(c.latest!).toBeGreaterThan(12 * STEP);
    expect(c.latest!).toBeLessThan(13 * STEP);
  });

  it('handles a falling series reaching a lower limit (free space reaching 0)', () => {
    const [c] = findCrossings({ lastTime: 0, anchor: 50, forecast: line(50, -2, 48) }, [0]);
    expect(c.direction).toBe('falling');
    expect(c.status).toBe('crosses');
    expect(c.time).toBeCloseTo(25 * STEP, 6);
    expect(c.earliest!).toBeLessThan(c.time!);
    expect(c.latest!).toBeGreaterThan(c.time!);
  });

  it('says when a threshold is already passed, out of reach, or left behind', () => {
    const rising = { lastTime: 0, anchor: 95, forecast: line(95, 0.3, 24) };
    const cs = findCrossings(rising, [90, 100, 200]);
    expect(cs.map((c) => c.status)).toEqual(['already-beyond', 'crosses', 'not-within-horizon']);
    expect(cs[2].time).toBeNull();
    const falling = findCrossings({ lastTime: 0, anchor: 60, forecast: line(60, -0.5, 24) }, [90]);
    expect(falling[0]).toMatchObject({ status: 'moves-away', direction: 'rising', time: null, latest: null });
  });

  it('keeps the earliest crossing when only the band edge reaches the threshold', () => {
    const [c] = findCrossings({ lastTime: 0, anchor: 80, forecast: line(80, 0.1, 24, 5, 0.5) }, [90]);
    expect(c.status).toBe('not-within-horizon');
    expect(c.time).toBeNull();
    expect(c.earliest).not.toBeNull();
  });

  it('obeys an explicit direction and skips non-finite thresholds', () => {
    const cs = findCrossings({ lastTime: 0, anchor: 50, forecast: line(50, -2, 48) }, [60, NaN], 'falling');
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ direction: 'falling', status: 'already-beyond' });
  });
});

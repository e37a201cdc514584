/**
 * Test fixtures for the frame builders: a panel series that is an exact line, and a relative
 * closeness check for the values computed from it.
 */
import { PanelSeries } from '../framesToSeries';

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2024, 0, 1);

/** An exact line, 50 + 0.5 per hour over 10 hours: the linear fit is exact, the band has zero width. */
export function exactLine(host: string, slope = 0.5, start = 50): PanelSeries {
  const times = Array.from({ length: 10 }, (_, i) => T0 + i * HOUR);
  return {
    name: `host=${host}`,
    displayName: `disk.mean { host: ${host} }`,
    labels: { host },
    times,
    values: times.map((_, i) => start + slope * i),
    unit: 'percent',
  };
}

/** a equals b to 1e-9, relative (absolute below 1). */
export const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/**
 * Real series for the crossing-date benchmark (`--suite nab --data DIR`): the NAB cloud metrics
 * (5-minute CloudWatch values, `timestamp,value`, times in UTC). Nothing says when they "fill", so
 * there is no truth: each method's date for a level above anything seen is shown beside the date a
 * naive projection of the last month gives (a straight line through the month's first and last
 * daily medians), a sanity line for what an SRE would draw by eye.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DAY = 86_400_000;

export interface RealSeries {
  name: string;
  times: number[];
  values: number[];
}

/** The NAB files under `dir` (disk and CPU first), or [] when the folder is absent. */
export function readNabFolder(dir: string): RealSeries[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort((a, b) => Number(!/disk|cpu/.test(a)) - Number(!/disk|cpu/.test(b)) || a.localeCompare(b))
    .map((f) => {
      const times: number[] = [];
      const values: number[] = [];
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n').slice(1)) {
        const [ts, v] = line.split(',');
        const t = Date.parse(`${ts?.replace(' ', 'T')}Z`);
        if (Number.isFinite(t) && v !== undefined && Number.isFinite(Number(v))) {
          times.push(t);
          values.push(Number(v));
        }
      }
      return { name: f.replace(/\.csv$/, ''), times, values };
    });
}

/** When the line through the first and last day's medians of the last 30 days reaches `level`. */
export function naiveProjection(s: RealSeries, level: number): number | null {
  const end = s.times[s.times.length - 1];
  const from = Math.max(s.times[0], end - 30 * DAY);
  const day = (a: number, b: number) => {
    const xs = s.values.filter((_, i) => s.times[i] >= a && s.times[i] < b).sort((p, q) => p - q);
    return xs.length ? xs[xs.length >> 1] : NaN;
  };
  const first = day(from, from + DAY);
  const last = day(end - DAY, end + 1);
  const slope = (last - first) / (end - DAY / 2 - (from + DAY / 2));
  if (!(slope > 0)) {
    return null;
  }
  return end + (level - last) / slope;
}

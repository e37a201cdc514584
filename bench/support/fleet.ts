/**
 * The fleet-size input of `npm run bench:cli`, written by bench/fleetCsv.ts: disk volumes × hourly
 * points, grouped by series, as `series,timestamp,value` (epoch seconds) or as the InfluxDB 1.x
 * CSV export `name,tags,time,used` (epoch nanoseconds). Deterministic: the same file every run.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync } from 'node:fs';

const START = Date.UTC(2024, 0, 1) / 1000;

/** A small linear congruential generator: the same numbers everywhere. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function writeFleetCsv(
  path: string,
  volumes: number,
  points: number,
  form: 'long' | 'influx-1x'
): Promise<void> {
  // Written under another name first: an interrupted run leaves no half file to be reused.
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const random = lcg(42);
  out.write(form === 'long' ? 'series,timestamp,value\n' : 'name,tags,time,used\n');
  for (let v = 0; v < volumes; v++) {
    const name = `vol-${String(v).padStart(5, '0')}`;
    // Volumes start 20–80 % full and grow 0–1.5 %/day with a daily cycle and noise.
    const base = 20 + 60 * random();
    const perHour = (1.5 * random()) / 24;
    const cycle = 2 * random();
    const lines: string[] = [];
    for (let i = 0; i < points; i++) {
      const value = base + perHour * i + cycle * Math.sin((2 * Math.PI * i) / 24) + (random() - 0.5);
      const t = START + 3600 * i;
      lines.push(
        form === 'long' ? `${name},${t},${value.toFixed(3)}` : `disk,volume=${name},${t}000000000,${value.toFixed(3)}`
      );
    }
    if (!out.write(lines.join('\n') + '\n')) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, path);
}

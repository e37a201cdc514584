/**
 * Writes the fleet-size input of `npm run bench:cli`: VOLUMES disk volumes × POINTS hourly
 * points (default 10,000 × 720 = 7.2 million rows), grouped by series, as
 * `series,timestamp,value` (epoch seconds) or, with `--form influx-1x`, as the InfluxDB 1.x CSV
 * export `name,tags,time,used` (epoch nanoseconds). Deterministic: the same file on every run.
 *
 * Usage: node scripts/run-ts.mjs bench/fleetCsv.ts OUT.csv [--volumes N] [--points N] [--form long|influx-1x]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const START = Date.UTC(2024, 0, 1) / 1000;

/** A small linear congruential generator: the same numbers everywhere. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

export async function writeFleetCsv(
  path: string,
  volumes: number,
  points: number,
  form: 'long' | 'influx-1x'
): Promise<void> {
  const out = createWriteStream(path);
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
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const path = args[0];
  if (!path || path.startsWith('--')) {
    console.error('usage: fleetCsv.ts OUT.csv [--volumes N] [--points N] [--form long|influx-1x]');
    process.exit(2);
  }
  const form = option(args, '--form', 'long') === 'influx-1x' ? 'influx-1x' : 'long';
  writeFleetCsv(path, Number(option(args, '--volumes', '10000')), Number(option(args, '--points', '720')), form).catch(
    (e) => {
      console.error(e);
      process.exit(1);
    }
  );
}

/**
 * Writes the fleet-size input of `npm run bench:cli`: VOLUMES disk volumes × POINTS hourly
 * points (default 10,000 × 720 = 7.2 million rows), grouped by series, as
 * `series,timestamp,value` (epoch seconds) or, with `--form influx-1x`, as the InfluxDB 1.x CSV
 * export `name,tags,time,used` (epoch nanoseconds). Deterministic: the same file on every run.
 *
 * Usage: node scripts/run-ts.mjs bench/fleetCsv.ts OUT.csv [--volumes N] [--points N] [--form long|influx-1x]
 */
import { benchOption } from './support/args';
import { writeFleetCsv } from './support/fleet';

const args = process.argv.slice(2);
const path = args[0];
if (!path || path.startsWith('--')) {
  console.error('usage: fleetCsv.ts OUT.csv [--volumes N] [--points N] [--form long|influx-1x]');
  process.exit(2);
}
const form = benchOption(args, 'form', 'long') === 'influx-1x' ? 'influx-1x' : 'long';
writeFleetCsv(
  path,
  Number(benchOption(args, 'volumes', '10000')),
  Number(benchOption(args, 'points', '720')),
  form
).catch((e) => {
  console.error(e);
  process.exit(1);
});

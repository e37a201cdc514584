/**
 * Sizing benchmark of `trendcast run` (`npm run bench:service`): one process against a local
 * influxd (Debian's InfluxDB 1.x started as a child process, as in the integration tests), N
 * disk-like series of D days at 10 minutes, model auto, thresholds 90 and 100, one `--once` run
 * through runOnce (the code path of the command). Reports wall time, where it went (query,
 * forecast, write), the run's CPU time and influxd's, and series per second per core.
 *
 * Options: --series 500 --days 30 --horizon 30d --model auto --batch 5000 --runs 2 --timeout 10m
 *          --auto-lstm true|false (the job's lstm.auto: whether auto trains the LSTM for seasonal series)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseConfig } from '../src/service/config';
import { createInfluxClient } from '../src/service/influxClient';
import { Logger } from '../src/service/log';
import { RunReport, runOnce } from '../src/service/runService';
import { startInfluxd } from '../tests/support/influxd';
import { benchOption } from './support/args';
import { fmt, markdownTable } from './support/markdownTable';
import { benchRandom } from './support/random';

const STEP_MS = 600_000;
const DAY_MS = 86_400_000;
const DB = 'bench';

const argv = process.argv.slice(2);
const SERIES = Number(benchOption(argv, 'series', '500'));
const DAYS = Number(benchOption(argv, 'days', '30'));
const HORIZON = benchOption(argv, 'horizon', '30d');
const MODEL = benchOption(argv, 'model', 'auto');
const BATCH = Number(benchOption(argv, 'batch', '5000'));
const RUNS = Number(benchOption(argv, 'runs', '2'));
const TIMEOUT = benchOption(argv, 'timeout', '10m');
const AUTO_LSTM = benchOption(argv, 'auto-lstm', 'true') !== 'false';

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat (1-based), here 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Line protocol of the data set: per host a level of 20–60 %, a growth of 0–1.5 points a day with
 * a slope change half-way for a third of them, a daily cycle for a quarter, noise.
 */
function* dataLines(end: number): Generator<string[]> {
  const start = end - DAYS * DAY_MS;
  for (let h = 0; h < SERIES; h++) {
    const rnd = benchRandom(1000 + h);
    const level = rnd.between(20, 60);
    const perDay = rnd.between(0, 1.5);
    const bend = h % 3 === 0 ? rnd.between(0.5, 2) : 1;
    const daily = h % 4 === 0 ? rnd.between(1, 5) : 0;
    const sd = rnd.between(0.05, 0.5);
    const lines: string[] = [];
    for (let t = start; t <= end; t += STEP_MS) {
      const days = (t - start) / DAY_MS;
      const trend = days < DAYS / 2 ? perDay * days : perDay * (DAYS / 2) + perDay * bend * (days - DAYS / 2);
      const v = level + trend + daily * Math.sin((2 * Math.PI * t) / DAY_MS) + rnd.normal(sd);
      lines.push(`disk,host=host${String(h).padStart(4, '0')},path=/ used_percent=${v.toFixed(3)} ${t}`);
    }
    yield lines;
  }
}

const quiet: Logger = {
  log(level, event, fields) {
    if (level !== 'info' && event !== 'series-problem') {
      process.stderr.write(`${level} ${event} ${JSON.stringify(fields)}\n`);
    }
  },
};

async function main(): Promise<void> {
  const server = await startInfluxd();
  // The LSTM's weight cache, as the command keeps it between runs (run 2 fine-tunes).
  const cacheDir = mkdtempSync(join(tmpdir(), 'trendcast-bench-cache-'));
  try {
    await server.createDatabase(DB);
    const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const w0 = Date.now();
    let pending: string[] = [];
    let points = 0;
    for (const lines of dataLines(end)) {
      pending.push(...lines);
      points += lines.length;
      if (pending.length >= 50_000) {
        await server.write(DB, pending.join('\n'), 'ms');
        pending = [];
      }
    }
    await server.write(DB, pending.join('\n'), 'ms');
    const loadS = (Date.now() - w0) / 1000;

    const config = parseConfig(`influxdb: { url: "${server.url}", database: ${DB} }
every: 1h
batchSize: ${BATCH}
cacheDir: ${cacheDir}
retry: { timeout: ${TIMEOUT} }
jobs:
  - name: disk
    query: SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time(10m), "host", "path" fill(none)
    range: ${DAYS + 1}d
    model: ${MODEL}
    horizon: ${HORIZON}
    thresholds: [90, 100]
    lstm: { auto: ${AUTO_LSTM} }
`);
    const client = createInfluxClient({
      settings: config.influxdb,
      credentials: { kind: 'none' },
      retry: config.retry,
      logger: quiet,
    });
    const rows: string[][] = [];
    const reports: RunReport[] = [];
    for (let r = 0; r < RUNS; r++) {
      const cpu0 = process.cpuUsage();
      const db0 = cpuSecondsOf(server.pid);
      const report = await runOnce({ config, client, logger: quiet, shard: null, now: end + 5 * 60_000 + r * 60_000 });
      const cpu = process.cpuUsage(cpu0);
      const runCpuS = (cpu.user + cpu.system) / 1e6;
      const dbCpuS = cpuSecondsOf(server.pid) - db0;
      reports.push(report);
      const wallS = report.durationMs / 1000;
      rows.push([
        String(r + 1),
        String(report.done),
        fmt(wallS, 1),
        fmt(report.timings.queryMs / 1000, 1),
        fmt(report.timings.forecastMs / 1000, 1),
        fmt(report.timings.writeMs / 1000, 1),
        fmt(runCpuS, 1),
        fmt(dbCpuS, 1),
        String(report.linesWritten),
        fmt(report.done / wallS, 1),
        fmt(report.done / runCpuS, 1),
        fmt(report.done / (runCpuS + dbCpuS), 1),
      ]);
    }
    console.log(
      `trendcast run sizing: ${SERIES} series × ${DAYS} d at 10 min (${points} points, loaded in ${fmt(loadS, 1)} s), ` +
        `model ${MODEL} (lstm.auto ${AUTO_LSTM}), horizon ${HORIZON}, batch ${BATCH}; models chosen: ${JSON.stringify(reports[0].jobs[0]?.models)}`
    );
    console.log(
      markdownTable(
        [
          'run',
          'series done',
          'wall s',
          'query s',
          'forecast s',
          'write s',
          'run CPU s',
          'influxd CPU s',
          'lines written',
          'series/s (wall)',
          'series/s per run core',
          'series/s per core (run + influxd)',
        ],
        rows
      )
    );
    const failures = reports.flatMap((r) => r.failures);
    if (failures.length > 0) {
      console.log(`problems: ${failures.length}, e.g. ${JSON.stringify(failures[0])}`);
    }
  } finally {
    await server.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

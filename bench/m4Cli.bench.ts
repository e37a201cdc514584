/**
 * The command line on M4 Hourly as a user runs it (`npm run bench:m4-cli`): the built `trendcast`
 * (dist-cli/, `npm run build:cli` first) over one long CSV of the M4 Hourly training series, each
 * without its last 48 points, with no `--model` (auto) and `--format ndjson`, at each `--jobs`
 * given; then the held-out points are scored as M4 scores them (sMAPE, MASE with m = 24) with the
 * share inside the 95 % band, and the run's wall and CPU time are reported. Skips with a message
 * when the data file is absent.
 *
 * Beside the command, on the same split: seasonal naive, and MSTL-ETS from `@bsull/augurs` (the
 * forecaster of Grafana's in-browser forecasting; periods 24 and 168 where the series holds two
 * of each), in this process.
 *
 * Options: --data DIR (default ../shared/data) --limit N (series, evenly spaced; default 414)
 *          --jobs 1,2 (the runs, one after the other) --args '…' (more CLI flags, e.g. --no-lstm)
 *          --jobs none: the references only
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { m4Scores, readM4, seasonalNaiveForecast } from './m4Series';
import { benchListOption, benchOption } from './support/args';
import { fmt, markdownTable } from './support/markdownTable';
import { loadMstlEts } from './support/mstlEts';

const H = 48;
const M = 24;
const T0 = Date.UTC(2024, 0, 1) / 1000;
const out = (s: string) => process.stdout.write(s + '\n');

interface CliRun {
  stdout: string;
  wallS: number;
  cpuS: number;
}

/** Runs the built command; resolves with its output, its wall time and its CPU time (all its threads). */
function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [join('dist-cli', 'trendcast.cjs'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`trendcast exited with ${code}`));
        return;
      }
      resolve({
        stdout: Buffer.concat(chunks).toString('utf8'),
        wallS: Number(process.hrtime.bigint() - t0) / 1e9,
        cpuS: childCpuSeconds() ?? NaN,
      });
    });
  });
}

let cpuBefore = 0;
/** CPU seconds of this process's waited-for children since the last call (/proc/self/stat cutime + cstime). */
function childCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    const total = (Number(fields[13]) + Number(fields[14])) / 100;
    const delta = total - cpuBefore;
    cpuBefore = total;
    return delta;
  } catch {
    return null;
  }
}

async function main(argv: string[]): Promise<void> {
  const dataDir = benchOption(argv, 'data', '../shared/data');
  const path = join(dataDir, 'm4-hourly', 'Hourly-train.csv');
  if (!existsSync(path)) {
    out(`M4 command-line benchmark skipped: ${path} not found (pass --data DIR holding m4-hourly/Hourly-train.csv).`);
    return;
  }
  if (!existsSync(join('dist-cli', 'trendcast.cjs'))) {
    throw new Error('dist-cli/trendcast.cjs not found: run `npm run build:cli` first');
  }
  const rows = readM4(path);
  const limit = Math.min(rows.length, Math.max(1, Number(benchOption(argv, 'limit', String(rows.length)))));
  const chosen = Array.from({ length: limit }, (_, i) => rows[Math.floor((i * rows.length) / limit)]);
  const jobsList = benchListOption(argv, 'jobs', '1,2')
    .filter((j) => j !== 'none')
    .map(Number);
  const extra = benchOption(argv, 'args', '').split(' ').filter(Boolean);
  const dir = mkdtempSync(join(tmpdir(), 'trendcast-m4-'));
  try {
    const csv = ['series,timestamp,value'];
    for (const r of chosen) {
      r.values.slice(0, -H).forEach((v, i) => csv.push(`${r.id},${T0 + 3600 * i},${v}`));
    }
    const input = join(dir, 'm4.csv');
    writeFileSync(input, csv.join('\n'));
    out(`## The command line on M4 Hourly (${limit} series, last ${H} held out; Node ${process.version})\n`);
    const table: string[][] = [];
    childCpuSeconds();
    for (const jobs of jobsList) {
      const args = ['forecast', input, '--horizon', String(H), '--format', 'ndjson', '--jobs', String(jobs), ...extra];
      const run = await runCli(args);
      const series = run.stdout
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as {
              name: string;
              model: string | null;
              forecast: Array<{ value: number; lower: number; upper: number }>;
            }
        );
      const tally = new HeldOutTally();
      const models = new Map<string, number>();
      for (const [i, s] of series.entries()) {
        const r = chosen[i];
        if (s.name !== r.id) {
          throw new Error(`series ${i}: expected ${r.id}, got ${s.name}`);
        }
        const train = r.values.slice(0, -H);
        const point = s.forecast.length === H ? s.forecast.map((f) => f.value) : seasonalNaiveForecast(train, H, M);
        tally.add(r.values, point, {
          lower: s.forecast.map((f) => f.lower),
          upper: s.forecast.map((f) => f.upper),
        });
        models.set(s.model ?? 'none', (models.get(s.model ?? 'none') ?? 0) + 1);
      }
      table.push([
        `trendcast forecast --jobs ${jobs}${extra.length ? ' ' + extra.join(' ') : ''}`,
        [...models].map(([m, n]) => `${m} ${n}`).join(', '),
        ...tally.cells(),
        fmt(run.wallS, 0),
        fmt(run.cpuS, 0),
      ]);
    }
    table.push(...references(chosen));
    out(
      markdownTable(
        ['command (no --model)', 'models', 'sMAPE %', 'MASE', '95% band coverage', 'wall s', 'CPU s'],
        table
      )
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mean M4 scores of held-out forecasts, and the share of held-out points inside their bands. */
class HeldOutTally {
  private smape = 0;
  private mase = 0;
  private series = 0;
  private inside = 0;
  private points = 0;

  /** A series (its last H values held out) and the forecast of them; `band` where there is one. */
  add(values: number[], point: ArrayLike<number>, band?: { lower: ArrayLike<number>; upper: ArrayLike<number> }) {
    const train = values.slice(0, -H);
    const actual = values.slice(-H);
    const s = m4Scores(train, actual, point, M);
    this.smape += s.smape;
    this.mase += s.mase;
    this.series++;
    for (let k = 0; band && k < band.lower.length; k++) {
      this.points++;
      this.inside += actual[k] >= band.lower[k] && actual[k] <= band.upper[k] ? 1 : 0;
    }
  }

  /** sMAPE, MASE and coverage, as table cells ('–' without a band). */
  cells(): string[] {
    return [
      fmt(this.smape / this.series, 2),
      fmt(this.mase / this.series, 3),
      this.points > 0 ? `${fmt((100 * this.inside) / this.points, 1)}%` : '–',
    ];
  }
}

/** Seasonal naive and MSTL-ETS on the same split, as rows of the table. */
function references(chosen: Array<{ id: string; values: number[] }>): string[][] {
  const naive = new HeldOutTally();
  for (const r of chosen) {
    naive.add(r.values, seasonalNaiveForecast(r.values.slice(0, -H), H, M));
  }
  const rows: string[][] = [['seasonal naive (m = 24)', '–', ...naive.cells(), '0', '0']];
  const mstl = loadMstlEts();
  if (!mstl) {
    out('MSTL-ETS skipped: @bsull/augurs could not be loaded (npm ci installs it).');
    return rows;
  }
  const tally = new HeldOutTally();
  const t0 = process.hrtime.bigint();
  for (const r of chosen) {
    const train = r.values.slice(0, -H);
    const periods = [24, 168].filter((p) => train.length >= 2 * p);
    const f = mstl.forecast(train, H, periods, 0.95);
    tally.add(r.values, f.point, f);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rows.push([
    `MSTL-ETS (@bsull/augurs ${mstl.version}, periods 24 and 168), in this process`,
    '–',
    ...tally.cells(),
    fmt(seconds, 0),
    fmt(seconds, 0),
  ]);
  return rows;
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

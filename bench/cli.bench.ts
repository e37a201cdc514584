/**
 * The command line at fleet size (`npm run bench:cli`): wall time and peak memory (RSS) of
 * `trendcast forecast` over 10,000 volumes × 720 hourly points (7.2 million rows), beside a bare
 * read of the same file (`wc -l`, and a Node line read: the floor any reader pays). Each command
 * runs once, as a child process under `/usr/bin/time`, its output written to a file.
 *
 * Options: --dir DIR          where the input (and, while a command runs, its output) is kept
 *                             (default: the system's temp folder)
 *          --volumes N --points N   the fleet (default 10000 × 720)
 *          --form long|influx-1x    the input form (bench/fleetCsv.ts)
 *          --cli FILE         the bundle to run (default dist-cli/trendcast.cjs; another build
 *                             compares versions)
 *          --only a,b         run only these cases (wc, node-read, json, csv, ndjson, crossings)
 *          --jobs 1,2         run each forecast case with each of these `--jobs` (default 1,2);
 *                             `--jobs none` passes no `--jobs` (builds older than the option)
 *          --train            let the forecast forms train the LSTM for the series `auto` finds
 *                             seasonal (the command's default; without this flag they run with
 *                             `--no-lstm`, the statistical forecasts a fleet report needs; builds
 *                             from before 2026-12-01 know no `--no-lstm` and never train: pass it)
 *
 * The table gives each command's wall time as a multiple of the Node line count's too (when that
 * case runs): the ratios of one run, taken under the same load, compare better than seconds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { benchListOption, benchOption } from './support/args';
import { markdownTable } from './support/markdownTable';
import { writeFleetCsv } from './support/fleet';

const argv = process.argv.slice(2);
const dir = resolve(benchOption(argv, 'dir', join(tmpdir(), 'trendcast-bench-cli')));
const volumes = Number(benchOption(argv, 'volumes', '10000'));
const points = Number(benchOption(argv, 'points', '720'));
const form = benchOption(argv, 'form', 'long') === 'influx-1x' ? 'influx-1x' : 'long';
const cli = resolve(benchOption(argv, 'cli', 'dist-cli/trendcast.cjs'));
const only = benchListOption(argv, 'only', 'wc,node-read,json,csv,ndjson,crossings');
const jobs = benchListOption(argv, 'jobs', '1,2');

const LINE_READ = `const rl = require('readline').createInterface({ input: require('fs').createReadStream(process.argv[1]) });
let n = 0; rl.on('line', () => n++); rl.on('close', () => console.log(n));`;

interface Case {
  key: string;
  label: string;
  command: string[];
}

interface Measured {
  seconds: number;
  /** User + system CPU seconds, all threads: what the command costs when the cores are shared. */
  cpuSeconds: number;
  maxRssMb: number;
  exit: number;
  outputMb: number;
}

/** Runs `command` under /usr/bin/time, stdout to `out`; wall and CPU seconds and peak RSS. */
function measure(command: string[], out: string): Measured {
  const fd = openSync(out, 'w');
  try {
    const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M %U %S', ...command], {
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    });
    const m = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    if (!m) {
      throw new Error(`no timing from /usr/bin/time: ${r.stderr}`);
    }
    return {
      seconds: Number(m[1]),
      cpuSeconds: Number(m[3]) + Number(m[4]),
      maxRssMb: Number(m[2]) / 1024,
      exit: r.status ?? -1,
      outputMb: statSync(out).size / 2 ** 20,
    };
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/time')) {
    throw new Error('needs /usr/bin/time (Debian: apt-get install time)');
  }
  if (!existsSync(cli)) {
    throw new Error(`${cli} is missing: npm run build:cli first`);
  }
  mkdirSync(dir, { recursive: true });
  const input = join(dir, `fleet-${volumes}x${points}-${form}.csv`);
  if (!existsSync(input)) {
    process.stderr.write(`writing ${input}\n`);
    await writeFleetCsv(input, volumes, points, form);
  }
  // `--input FILE`: the form every version of the command line reads (for --cli comparisons).
  const forecast = ['forecast', '--input', input, '--horizon', '30d', '--threshold', '90'];
  // `--output crossings` never trains; the other forms train the LSTM by default.
  const statistical = argv.includes('--train') ? [] : ['--no-lstm'];
  const noLstm = statistical.length > 0 ? ' `--no-lstm`' : '';
  const forecasts: Array<[string, string, string[]]> = [
    ['json', `\`--format json\`${noLstm}`, ['--format', 'json', ...statistical]],
    ['csv', `\`--format csv\`${noLstm}`, ['--format', 'csv', ...statistical]],
    ['ndjson', `\`--format ndjson\`${noLstm}`, ['--format', 'ndjson', ...statistical]],
    ['crossings', '`--output crossings`', ['--output', 'crossings']],
  ];
  const cases: Case[] = [
    { key: 'wc', label: 'bare read: `wc -l`', command: ['wc', '-l', input] },
    {
      key: 'node-read',
      label: 'bare read: Node line count (readline)',
      command: [process.execPath, '-e', LINE_READ, input],
    },
    // The --jobs values of one case run back to back: their ratio is taken under the same load.
    ...forecasts.flatMap(([key, label, flags]) =>
      jobs.map((j) => ({
        key,
        label: j === 'none' ? label : `${label}, \`--jobs ${j}\``,
        command: [process.execPath, cli, ...forecast, ...flags, ...(j === 'none' ? [] : ['--jobs', j])],
      }))
    ),
  ].filter((c) => only.includes(c.key));

  const out = join(dir, 'output.tmp');
  const measured: Array<[Case, Measured]> = [];
  for (const c of cases) {
    process.stderr.write(`${c.label}…\n`);
    measured.push([c, measure(c.command, out)]);
    rmSync(out, { force: true });
  }
  const floor = measured.find(([c]) => c.key === 'node-read')?.[1].seconds;
  const rows = measured.map(([c, m]) => [
    c.label,
    m.seconds.toFixed(1),
    floor ? (m.seconds / floor).toFixed(1) : '–',
    m.cpuSeconds.toFixed(1),
    m.maxRssMb.toFixed(0),
    m.outputMb.toFixed(0),
    String(m.exit),
  ]);
  const size = statSync(input).size / 2 ** 20;
  console.log(
    `Input: ${volumes.toLocaleString('en-US')} series × ${points} points (${form}), ${size.toFixed(0)} MiB; ` +
      `forecast: \`trendcast forecast --input FILE --horizon 30d --threshold 90\`; ${cpus().length} CPU cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}.\n`
  );
  console.log(markdownTable(['command', 'wall s', '× Node read', 'CPU s', 'peak RSS MB', 'output MiB', 'exit'], rows));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

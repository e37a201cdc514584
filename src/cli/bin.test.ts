import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { build } from 'esbuild';

import pkg from '../../package.json';

jest.setTimeout(60_000);

// The command line as users run it: src/cli/main.ts and the worker threads' entry bundled the way
// scripts/build-cli.mjs does, run as a process on real files, through bin/trendcast.js as
// `npx trendcast` does.
let dir = '';
let bin = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trendcast-bin-'));
  bin = join(dir, 'bin', 'trendcast.js');
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(__dirname, '..', '..', 'bin', 'trendcast.js'), bin);
  const options = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' } as const;
  await build({
    ...options,
    entryPoints: [join(__dirname, 'main.ts')],
    outfile: join(dir, 'dist-cli', 'trendcast.cjs'),
  });
  await build({
    ...options,
    entryPoints: [join(__dirname, 'workerMain.ts')],
    outfile: join(dir, 'dist-cli', 'forecast-worker.cjs'),
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function trendcast(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const csv = [
  'timestamp,value',
  ...Array.from({ length: 24 }, (_, i) => `${(1704067200 + 3600 * i) * 1000},${50 + i + (i % 2 ? 0.05 : -0.05)}`),
].join('\r\n');

describe('trendcast (the bundled command)', () => {
  it('reads a file given as a positional argument and standard input alike', () => {
    writeFileSync(join(dir, 'disk.csv'), '\ufeff' + csv);
    const file = trendcast([
      'forecast',
      'disk.csv',
      '--model',
      'linear',
      '--horizon',
      '48',
      '--threshold',
      '90%',
      '--format',
      'text',
    ]);
    expect(file.err).toBe('');
    expect(file.code).toBe(0);
    expect(file.out).toMatch(/^value reaches 90% on Tue 2 Jan 2024 1[56]:\d\d UTC \(between .*\), in 17 hours\n$/);
    const stdin = trendcast(
      ['forecast', '-', '--model', 'linear', '--horizon', '48', '--threshold', '90%', '--format', 'text'],
      csv
    );
    expect(stdin.out).toBe(file.out);
  });

  it('prints its version and exits 2 naming a missing file', () => {
    expect(trendcast(['--version'])).toEqual({ code: 0, out: `trendcast ${pkg.version}\n`, err: '' });
    const missing = trendcast(['forecast', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^trendcast: cannot read nope.csv: ENOENT/);
  });

  it('exits 2 with the line of a bad cell (nanoseconds once crashed, milliseconds were misread)', () => {
    writeFileSync(join(dir, 'bad.csv'), 'timestamp,value\n1704067200000000000,1\n1704070800000000000,x\n');
    const r = trendcast(['forecast', 'bad.csv']);
    expect(r).toEqual({ code: 2, out: '', err: 'trendcast: line 3, column 2: "x" is not a number\n' });
  });

  it('trains the LSTM in worker threads with --jobs 2: the same forecasts as --jobs 1', () => {
    // 4 hosts × 6 days hourly with a daily cycle: auto trains an LSTM for each.
    const rows = ['series,timestamp,value'];
    for (let v = 0; v < 4; v++) {
      for (let i = 0; i < 144; i++) {
        const value = 40 + 3 * v + 10 * Math.sin((2 * Math.PI * i) / 24) + ((i * 7919 + v) % 13) / 13;
        rows.push(`cpu${v},${1704067200 + 3600 * i},${value.toFixed(3)}`);
      }
    }
    writeFileSync(join(dir, 'cpu.csv'), rows.join('\n'));
    const args = ['forecast', 'cpu.csv', '--horizon', '24', '--epochs', '3', '--format', 'ndjson'];
    const one = trendcast([...args, '--jobs', '1']);
    const two = trendcast([...args, '--jobs', '2']);
    expect(one.err).toBe('');
    expect(two.err).toBe('');
    const parse = (out: string) =>
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    const [a, b] = [parse(one.out), parse(two.out)];
    expect(a.map((s: { model: string }) => s.model)).toEqual(['lstm', 'lstm', 'lstm', 'lstm']);
    expect(b.map((s: { name: string }) => s.name)).toEqual(a.map((s: { name: string }) => s.name));
    // Everything but the training's wall-clock time is the same.
    const drop = (s: { lstm: object }) => ({ ...s, lstm: { ...s.lstm, trainedAt: 0 } });
    expect(b.map(drop)).toEqual(a.map(drop));
    expect(b[0].lstm).toMatchObject({ action: 'cold-train' });
  });

  it('forecasts in worker threads with --jobs 2: the same output as --jobs 1', () => {
    // 40 volumes × 3 days hourly, each its own pace, some flat: more series than are in flight.
    const rows = ['series,timestamp,value'];
    for (let v = 0; v < 40; v++) {
      for (let i = 0; i < 72; i++) {
        rows.push(`vol${v},${1704067200 + 3600 * i},${(20 + v + (v % 4) * 0.3 * i + ((i * 7) % 5) * 0.2).toFixed(2)}`);
      }
    }
    writeFileSync(join(dir, 'fleet.csv'), rows.join('\n'));
    for (const format of [
      ['--format', 'json'],
      ['--format', 'csv'],
      ['--output', 'crossings'],
    ]) {
      const args = ['forecast', 'fleet.csv', '--horizon', '7d', '--threshold', '90', '--no-lstm', ...format];
      const one = trendcast([...args, '--jobs', '1']);
      const two = trendcast([...args, '--jobs', '2']);
      expect(one.err).toBe('');
      expect(one.code).toBe(0);
      expect(one.out.length).toBeGreaterThan(1000);
      expect(two).toEqual(one);
    }
  });
});

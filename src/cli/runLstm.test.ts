import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { memoryIo } from './memoryIo';
import { runCliAsync } from './run';

jest.setTimeout(60_000);

async function run(argv: string[], files: Record<string, string>) {
  const io = memoryIo(files, 4096);
  return io.result(await runCliAsync(argv, io));
}

// Ten days of an hourly daily cycle (CPU-like), from 2024-01-01T00:00Z.
const csv = (days: number) =>
  [
    'timestamp,value',
    ...Array.from(
      { length: days * 24 },
      (_, i) =>
        `${1704067200 + 3600 * i},${(40 + 10 * Math.sin((2 * Math.PI * i) / 24) + ((i * 7919) % 13) / 13).toFixed(3)}`
    ),
  ].join('\n');

describe('trendcast forecast --model lstm --cache-dir', () => {
  it('trains on the first run, forecasts from the cached weights on the next, fine-tunes on new points', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendcast-cli-'));
    try {
      const argv = ['forecast', '--input', 'cpu.csv', '--model', 'lstm', '--horizon', '24', '--cache-dir', dir];
      const first = await run(argv, { 'cpu.csv': csv(10) });
      expect(first.err).toBe('');
      expect(first.code).toBe(0);
      const s1 = JSON.parse(first.out).series[0];
      expect(s1.model).toBe('lstm');
      expect(s1.forecast).toHaveLength(24);
      expect(s1.forecast[0].time).toBe('2024-01-11T00:00:00.000Z');
      expect(s1.lstm).toMatchObject({ action: 'cold-train', cache: 'miss', period: 24 });
      // The status is reported once, in the lstm object, not copied into the diagnostics.
      for (const copy of ['lstmAction', 'lstmCache', 'trainedAt', 'trainedPoints', 'backtestMase', 'backend']) {
        expect(s1.diagnostics).not.toHaveProperty(copy);
      }
      // The forecast follows the cycle: near the mean at midnight, high at 06:00.
      expect(Math.abs(s1.forecast[0].value - 40.5)).toBeLessThan(3);
      expect(Math.abs(s1.forecast[6].value - 50.5)).toBeLessThan(3);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tcw'))).toHaveLength(1);

      const second = await run(argv, { 'cpu.csv': csv(10) });
      const s2 = JSON.parse(second.out).series[0];
      expect(s2.lstm).toMatchObject({ action: 'cached', cache: 'hit' });
      expect(s2.forecast.map((f: { value: number }) => f.value)).toEqual(
        s1.forecast.map((f: { value: number }) => f.value)
      );

      const third = await run(argv, { 'cpu.csv': csv(11) });
      const s3 = JSON.parse(third.out).series[0];
      expect(s3.lstm).toMatchObject({ action: 'fine-tune', cache: 'hit', fineTunedPoints: 24 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes --look-back, --epochs and the drift limits to the model; the lstm object reports them', async () => {
    const argv = ['forecast', '--input', 'cpu.csv', '--model', 'lstm', '--horizon', '6'];
    const flags = [
      '--look-back',
      '12',
      '--epochs',
      '2',
      '--fine-tune-epochs',
      '1',
      '--drift-limit',
      '3',
      '--drift-abs',
      '10',
    ];
    const r = await run([...argv, ...flags], { 'cpu.csv': csv(4) });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out).series[0];
    expect(s.lstm).toMatchObject({
      action: 'cold-train',
      cache: 'disabled',
      trainedPoints: 96,
      lookBack: 12,
      drift: null,
      driftLimit: { relativeLimit: 3, absoluteLimit: 10 },
    });
    // Filled in by the cold training; null only when the series is too short to hold a horizon back.
    expect(s.lstm).toHaveProperty('backtest');
    const plain = JSON.parse((await run(argv, { 'cpu.csv': csv(4) })).out).series[0];
    expect(plain.lstm).toMatchObject({ lookBack: 24, driftLimit: { relativeLimit: 2.5, absoluteLimit: null } });
  });

  it('without --cache-dir trains every time', async () => {
    const r = await run(['forecast', '--input', 'cpu.csv', '--model', 'lstm', '--horizon', '6'], { 'cpu.csv': csv(4) });
    expect(JSON.parse(r.out).series[0].lstm).toMatchObject({ action: 'cold-train', cache: 'disabled' });
  });
});

describe('trendcast forecast without --model (auto)', () => {
  const two = (days: number) =>
    [
      'series,timestamp,value',
      ...csv(days)
        .split('\n')
        .slice(1)
        .map((l) => `cpu,${l}`),
      ...Array.from({ length: days * 24 }, (_, i) => `disk,${1704067200 + 3600 * i},${(30 + 0.1 * i).toFixed(2)}`),
    ].join('\n');

  it('trains the LSTM for the seasonal series and gives the other the capacity trend', async () => {
    const r = await run(['forecast', 'in.csv', '--horizon', '24', '--threshold', '95'], { 'in.csv': two(10) });
    expect(r.err).toBe('');
    const [cpu, disk] = JSON.parse(r.out).series;
    expect(cpu.model).toBe('lstm');
    expect(cpu.diagnostics.autoGroup).toBe('seasonal');
    expect(cpu.lstm).toMatchObject({ action: 'cold-train', period: 24 });
    expect(Math.abs(cpu.forecast[6].value - 50.5)).toBeLessThan(3);
    expect(disk.model).toBe('last-trend');
    expect(disk).not.toHaveProperty('lstm');
  });

  it('keeps to the fitted models with --no-lstm and with --output crossings', async () => {
    const plain = await run(['forecast', 'in.csv', '--horizon', '24', '--no-lstm'], { 'in.csv': two(10) });
    expect(JSON.parse(plain.out).series.map((s: { model: string }) => s.model)).toEqual(['seasonal', 'last-trend']);
    expect(JSON.parse(plain.out).series[0]).not.toHaveProperty('lstm');
    const crossings = await run(['forecast', 'in.csv', '--threshold', '95', '--output', 'crossings'], {
      'in.csv': two(10),
    });
    const lines = await run(['forecast', 'in.csv', '--threshold', '95', '--output', 'crossings', '--no-lstm'], {
      'in.csv': two(10),
    });
    expect(crossings.code).toBe(0);
    expect(crossings.out).toBe(lines.out);
    const clash = await run(['forecast', 'in.csv', '--model', 'lstm', '--no-lstm'], { 'in.csv': two(10) });
    expect(clash).toEqual({ code: 2, out: '', err: 'trendcast: --no-lstm with --model lstm: choose one\n' });
  });

  it('--model lstm --output crossings trains nothing and gives the crossings of the full run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendcast-cli-'));
    try {
      const argv = [
        'forecast',
        'in.csv',
        '--model',
        'lstm',
        '--threshold',
        '60',
        '--horizon',
        '7d',
        '--cache-dir',
        dir,
      ];
      const report = await run([...argv, '--output', 'crossings'], { 'in.csv': two(10) });
      expect(report.code).toBe(0);
      // Nothing trained: no weights were written to the cache.
      expect(readdirSync(dir)).toEqual([]);
      const full = JSON.parse((await run(argv, { 'in.csv': two(10) })).out).series;
      expect(readdirSync(dir).length).toBeGreaterThan(0);
      const disk = full.find((s: { name: string }) => s.name === 'disk');
      expect(disk.model).toBe('lstm');
      expect(disk.crossings[0]).toMatchObject({ threshold: 60, status: 'crosses' });
      const {
        series: _series,
        daysLeft: _daysLeft,
        ...fromReport
      } = JSON.parse(report.out).crossings.find((c: { series: string }) => c.series === 'disk');
      expect(fromReport).toEqual(disk.crossings[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

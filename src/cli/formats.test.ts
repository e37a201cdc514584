import { SeriesForecast } from '../models/forecastSeries';
import { memoryIo } from './memoryIo';
import {
  crossingSentence,
  fastIso,
  formatRounded,
  quantumOf,
  readableTime,
  roundTo,
  seriesJson,
  seriesJsonText,
} from './output';
import { runCliAsync } from './run';

const T0 = 1704067200;

/** Hourly from 2024-01-01T00:00Z: `base` + `slope`/h, ±0.05 on alternate rows. */
const series = (name: string, base: number, slope: number, hours = 24) =>
  Array.from(
    { length: hours },
    (_, i) => `${name},${T0 + 3600 * i},${(base + slope * i + (i % 2 ? 0.05 : -0.05)).toFixed(2)}`
  );

// fast reaches 90 at 16:00 on Jan 2 (40 h), slow at 22:00 on Jan 3 (70 h), full is beyond it
// already, flat never gets there.
const fleet = [
  'series,timestamp,value',
  ...series('slow', 20, 1),
  ...series('fast', 50, 1),
  ...series('full', 95, 0.1),
  ...series('flat', 30, -0.5),
].join('\n');

async function run(argv: string[], files: Record<string, string> = { 'f.csv': fleet }, now?: () => number) {
  const io = memoryIo(files);
  if (now) {
    io.now = now;
  }
  return io.result(await runCliAsync(argv, io));
}

const base = ['forecast', 'f.csv', '--model', 'linear', '--horizon', '72', '--threshold', '90%'];

describe('--format', () => {
  it('ndjson: one series per line, each a whole JSON document like the json output', async () => {
    const nd = await run([...base, '--format', 'ndjson']);
    const json = await run(base);
    expect(nd.code).toBe(0);
    const lines = nd.out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(json.out).series);
    expect(JSON.parse(lines[1])).toMatchObject({ name: 'fast', step: 3600 });
  });

  it('text: one line per series and threshold, with the date, the band and the time left', async () => {
    const r = await run([...base, '--format', 'text']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^slow reaches 90% on Wed 3 Jan 2024 2[12]:\d\d UTC \(between .* and .*\), in 4[78] hours$/
    );
    expect(lines[1]).toMatch(/^fast reaches 90% on Tue 2 Jan 2024 1[56]:\d\d UTC \(between .*\), in 17 hours$/);
    expect(lines[2]).toBe('full is already at or above 90%');
    expect(lines[3]).toBe('flat moves away from 90%: not reached');
  });

  it('text without thresholds: a summary line per series', async () => {
    const r = await run(['forecast', 'f.csv', '--model', 'linear', '--horizon', '24', '--format', 'text']);
    expect(r.out.split('\n')[1]).toMatch(/^fast: linear, 73\.\d+ now, 97\.\d+ in 24 hours \(\d+\.\d+ to \d+\.\d+\)$/);
  });

  it('csv: forecast rows with values rounded to the series scale', async () => {
    const r = await run([...base, '--format', 'csv']);
    const [forecast] = r.out.split('\n\n');
    const lines = forecast.trimEnd().split('\n');
    expect(lines[0]).toBe('series,time,value,lower,upper');
    expect(lines).toHaveLength(1 + 4 * 72);
    expect(lines[1]).toMatch(/^slow,2024-01-02T00:00:00.000Z,44(\.\d{1,4})?,\d+(\.\d{1,4})?,\d+(\.\d{1,4})?$/);
  });

  it('csv: the crossings follow as a second table after a blank line, in input order', async () => {
    const r = await run([...base, '--format', 'csv']);
    expect(r.code).toBe(0);
    const sections = r.out.split('\n\n');
    expect(sections).toHaveLength(2);
    const rows = sections[1].trimEnd().split('\n');
    expect(rows[0]).toBe('series,threshold,direction,status,time,earliest,latest,days_left');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatch(
      /^slow,90,rising,crosses,2024-01-03T2[12]:\d\d:\d\d\.\d{3}Z,2024-01-03T[^,]+,2024-01-0[34]T[^,]+,1\.9\d$/
    );
    expect(rows[2]).toMatch(
      /^fast,90,rising,crosses,2024-01-02T1[56]:\d\d:\d\d\.\d{3}Z,2024-01-02T[^,]+,2024-01-02T[^,]+,0\.[67]\d$/
    );
    expect(rows[3]).toBe('full,90,rising,already-beyond,,,,');
    expect(rows[4]).toBe('flat,90,rising,moves-away,,,,');
    // The same rows as --output crossings, which sorts them by time left.
    const crossings = await run([...base, '--output', 'crossings', '--format', 'csv']);
    expect(crossings.out.trimEnd().split('\n').sort()).toEqual([...rows].sort());
  });

  it('csv without thresholds: the forecast rows only', async () => {
    const r = await run(['forecast', 'f.csv', '--model', 'linear', '--horizon', '24', '--format', 'csv']);
    expect(r.out).not.toContain('\n\n');
    expect(r.out.trimEnd().split('\n')).toHaveLength(1 + 4 * 24);
  });
});

describe('--output crossings', () => {
  it('json: the crossings of all series sorted by time left, those that reach nothing last', async () => {
    const r = await run([...base, '--output', 'crossings']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out).crossings;
    expect(rows.map((c: { series: string; status: string }) => [c.series, c.status])).toEqual([
      ['full', 'already-beyond'],
      ['fast', 'crosses'],
      ['slow', 'crosses'],
      ['flat', 'moves-away'],
    ]);
    expect(rows[1]).toMatchObject({ threshold: 90, direction: 'rising' });
    expect(rows[1].daysLeft).toBeCloseTo(17 / 24, 1);
    expect(Math.abs(Date.parse(rows[1].time) - Date.UTC(2024, 0, 2, 16))).toBeLessThan(15 * 60_000);
  });

  it('csv and text: the same order', async () => {
    const csv = (await run([...base, '--output', 'crossings', '--format', 'csv'])).out.trimEnd().split('\n');
    expect(csv[0]).toBe('series,threshold,direction,status,time,earliest,latest,days_left');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'full,90,rising,already-beyond',
      'fast,90,rising,crosses',
      'slow,90,rising,crosses',
      'flat,90,rising,moves-away',
    ]);
    expect(csv[4]).toBe('flat,90,rising,moves-away,,,,');
    const text = (await run([...base, '--output', 'crossings', '--format', 'text'])).out.trimEnd().split('\n');
    expect(text.map((l) => l.split(' ')[0])).toEqual(['full', 'fast', 'slow', 'flat']);
  });

  it('names a series without a forecast on stderr instead of dropping it silently', async () => {
    const withTiny = `${fleet}\ntiny,${T0},50\ntiny,${T0 + 3600},51\n`;
    for (const jobs of ['1', '2']) {
      const r = await run([...base, '--output', 'crossings', '--format', 'csv', '--jobs', jobs], { 'f.csv': withTiny });
      expect(r.code).toBe(0);
      expect(r.err).toBe('trendcast: tiny: no forecast: at least 3 points are needed to forecast, the series has 2\n');
      expect(r.out.trimEnd().split('\n')).toHaveLength(5);
    }
  });

  it('needs a threshold', async () => {
    const r = await run(['forecast', 'f.csv', '--output', 'crossings']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('trendcast: --output crossings needs at least one --threshold\n');
  });
});

describe('numbers and times in the output', () => {
  it('rounds to 6 significant digits of the scale', () => {
    expect(quantumOf(95)).toBe(-4);
    expect(roundTo(71.23449999, quantumOf(95))).toBe(71.2345);
    expect(roundTo(0.1 + 0.2, quantumOf(95))).toBe(0.3);
    expect(roundTo(0.00001, quantumOf(95))).toBe(0);
    expect(roundTo(-0.00004, quantumOf(95))).toBe(0);
    expect(roundTo(1.5000000000000001e302, quantumOf(2e302))).toBe(1.5e302);
    expect(String(roundTo(1.5000000000000001e302, quantumOf(2e302)))).toBe('1.5e+302');
    expect(roundTo(123456789, quantumOf(5e8))).toBe(123457000);
    expect(roundTo(123456789, quantumOf(1e9))).toBe(123460000);
    expect(roundTo(NaN, 0)).toBeNull();
  });

  it('prints rounded numbers as String(roundTo(...)) does, from integers', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (const scale of [1e-5, 0.3, 1, 95, 1234.5, 99999, 4e8, 3e15]) {
      const q = quantumOf(scale);
      for (let i = 0; i < 2000; i++) {
        const v = random() * scale;
        const expected = Math.abs(v) < 1e-6 && roundTo(v, q) !== 0 ? Number(String(roundTo(v, q))) : roundTo(v, q);
        expect(Number(formatRounded(v, q))).toBe(expected);
        if (Math.abs(v) >= 1e-6) {
          expect(formatRounded(v, q)).toBe(String(roundTo(v, q)));
        }
      }
    }
    expect([
      formatRounded(-0.00001, -4),
      formatRounded(2.5, -4),
      formatRounded(-1.05, -4),
      formatRounded(NaN, -4, ''),
    ]).toEqual(['0', '2.5', '-1.05', '']);
    // Integers near 2^53 over a power of ten.
    for (const [v, q] of [
      [8.999999999999999, -15],
      [-8.999999999999999, -15],
      [899999999.9999999, -7],
    ]) {
      expect(formatRounded(v, q)).toBe(String(roundTo(v, q)));
    }
  });

  it('writes ISO times like Date.toISOString, faster', () => {
    for (const t of [
      0,
      Date.UTC(2024, 0, 2, 16, 5, 7, 9),
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(1969, 11, 31, 23),
      1.5,
      -1,
    ]) {
      expect(fastIso(t)).toBe(new Date(t).toISOString());
    }
    expect(readableTime(Date.UTC(2026, 11, 7, 21))).toBe('Mon 7 Dec 2026 21:00 UTC');
  });

  it('gives diagnostics times as ISO and the JSON text equals JSON.stringify of the object', () => {
    const r: SeriesForecast = {
      name: 'a "b"',
      labels: {},
      model: 'last-trend',
      step: 3_600_000,
      lastTime: Date.UTC(2024, 0, 1),
      anchor: 50.123456789,
      forecast: {
        times: [Date.UTC(2024, 0, 1, 1)],
        point: [50.2222222222],
        lower: [NaN],
        upper: [51.0000000001],
        level: 0.95,
      },
      fitted: null,
      crossings: [],
      diagnostics: { segmentStart: Date.UTC(2023, 11, 25), slopePerDay: 1.23456789, points: 720 },
      notices: [],
      problem: null,
    };
    const json = seriesJson(r);
    expect(json.diagnostics).toEqual({ segmentStart: '2023-12-25T00:00:00.000Z', slopePerDay: 1.23457, points: 720 });
    expect(json.forecast).toEqual([{ time: '2024-01-01T01:00:00.000Z', value: 50.2222, lower: null, upper: 51 }]);
    expect(JSON.parse(seriesJsonText(r, undefined, false))).toEqual(json);
    expect(JSON.parse(seriesJsonText(r, undefined, true, '    '))).toEqual(json);
  });

  it('writes each series its own times when consecutive series share their grid, or nearly', () => {
    const hour = 3_600_000;
    const grid = (start: number, n: number) => Array.from({ length: n }, (_, k) => start + k * hour);
    const start = Date.UTC(2024, 0, 1, 1);
    const shifted = grid(start, 48);
    shifted[47] += 1;
    const series = (times: number[], level: number): SeriesForecast => ({
      name: 'v',
      labels: {},
      model: 'last-trend',
      step: hour,
      lastTime: start - hour,
      anchor: level,
      forecast: {
        times,
        point: times.map((_, k) => level + k / 7),
        lower: times.map((_, k) => level + k / 7 - 1),
        upper: times.map((_, k) => level + k / 7 + 1),
        level: 0.95,
      },
      fitted: null,
      crossings: [],
      diagnostics: {},
      notices: [],
      problem: null,
    });
    const turns = [
      series(grid(start, 48), 10),
      series(grid(start, 48), 20),
      series(shifted, 30),
      series(grid(start, 48), 40),
      series(grid(start, 24), 50),
      series(grid(start + hour, 48), 60),
    ];
    for (const pretty of [false, true, false]) {
      for (const r of turns) {
        expect(JSON.parse(seriesJsonText(r, undefined, pretty))).toEqual(seriesJson(r));
      }
    }
  });

  it('says when a falling series reaches a lower limit', () => {
    const r = { name: 'free', lastTime: 0, forecast: null } as unknown as SeriesForecast;
    const text = crossingSentence(
      r,
      { threshold: 10, direction: 'falling', status: 'crosses', time: 86_400_000 * 3, earliest: null, latest: null },
      true
    );
    expect(text).toBe('free falls to 10% on Sun 4 Jan 1970 00:00 UTC (between now and after the horizon), in 3 days');
  });
});

describe('progress', () => {
  it('goes to stderr every 2 s with --progress, never to stdout', async () => {
    let clock = 0;
    const r = await run([...base, '--progress'], { 'f.csv': fleet }, () => (clock += 900));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).series).toHaveLength(4);
    // The clock reads 900 at the start, then +900 per series: 2 s have passed after the third.
    expect(r.err).toBe('trendcast: 3 series done so far, 3 s\ntrendcast: 4 series done, 5 s\n');
  });

  it('says how much of the input is read when its size is known', async () => {
    let clock = 0;
    const io = memoryIo({ 'f.csv': fleet }, fleet.length);
    io.now = () => (clock += 900);
    io.sizeOf = () => 2 * fleet.length;
    const r = io.result(await runCliAsync([...base, '--progress'], io));
    // One chunk holds the whole text: half of the size given, and every series is read with it.
    expect(r.err).toBe('trendcast: 3 series done so far, 50 % of the input read, 3 s\ntrendcast: 4 series done, 5 s\n');
  });

  it('is off without --progress when stderr is not a terminal', async () => {
    let clock = 0;
    const r = await run(base, { 'f.csv': fleet }, () => (clock += 5000));
    expect(r.err).toBe('');
  });
});

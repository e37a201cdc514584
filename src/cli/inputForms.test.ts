import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseInfluxTags, parseSeriesCsv } from './csvInput';
import { memoryIo } from './memoryIo';
import { runCliAsync } from './run';
import { epochUnitOf } from './timestamps';

const FIXTURES = join(__dirname, '..', '..', 'tests', 'fixtures', 'cli');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

async function run(argv: string[], files: Record<string, string | Buffer>, chunk?: number) {
  const io = memoryIo(files, chunk);
  return io.result(await runCliAsync(argv, io));
}

/** Forecast of one file, linear, 48 h ahead, threshold 90: name → crossing time of 90. */
async function crossings(name: string, data: string | Buffer, extra: string[] = []) {
  const r = await run(['forecast', name, '--model', 'linear', '--horizon', '48', '--threshold', '90', ...extra], {
    [name]: data,
  });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out) as {
    series: Array<{
      name: string;
      crossings: Array<{ time: string | null; status: string }>;
      forecast: Array<{ time: string }>;
    }>;
  };
  return json.series;
}

const near = (iso: string | null, ms: number) => iso !== null && Math.abs(Date.parse(iso) - ms) < 10 * 60_000;

describe('InfluxDB 1.x CSV export (influx -format csv)', () => {
  it('reads epoch-nanosecond times, one series per tag set, named by its tags', async () => {
    const series = await crossings('disk.csv', fixture('influx1x-ns.csv'));
    expect(series.map((s) => s.name)).toEqual(['host=db1', 'host=db2']);
    // db1: 50 at midnight, +1/h → 90 at 16:00 on Jan 2; db2: 20 → 90 at 22:00 on Jan 3.
    expect(series[0].forecast[0].time).toBe('2024-01-02T00:00:00.000Z');
    expect(near(series[0].crossings[0].time, T0 + 40 * HOUR)).toBe(true);
    expect(near(series[1].crossings[0].time, T0 + 70 * HOUR)).toBe(true);
  });

  it('reads RFC 3339 times and quoted multi-tag cells; several fields are told apart by _field', async () => {
    const raw = await parseSeriesCsv(fixture('influx1x-rfc3339-tags.csv').toString());
    expect(raw.map((s) => s.name)).toEqual([
      '_field=used, host=db1, path=/',
      '_field=free, host=db1, path=/',
      '_field=used, host=db1, path=/var',
      '_field=free, host=db1, path=/var',
    ]);
    expect(raw[0].labels).toEqual({ host: 'db1', path: '/', _field: 'used' });
    expect(raw[3].times[1]).toBe(T0 + HOUR);
    expect([raw[0].values[1], raw[1].values[1], raw[2].values[0], raw[3].values[23]]).toEqual([
      51.05, 49.05, 69.95, 7.05,
    ]);
    const series = await crossings('disk.csv', fixture('influx1x-rfc3339-tags.csv'));
    const byName = Object.fromEntries(series.map((s) => [s.name, s.crossings[0]]));
    expect(near(byName['_field=used, host=db1, path=/'].time, T0 + 40 * HOUR)).toBe(true);
    expect(byName['_field=free, host=db1, path=/'].status).toBe('moves-away');
    expect(byName['_field=used, host=db1, path=/var'].status).toBe('already-beyond');
  });

  it('reads a header repeated between series and a measurement with no tags', async () => {
    const csv = [
      'name,tags,time,value',
      ...Array.from({ length: 3 }, (_, i) => `cpu,,${(T0 / 1000 + 60 * i) * 1e9},${i}`),
      'name,tags,time,value',
      ...Array.from({ length: 3 }, (_, i) => `mem,,${(T0 / 1000 + 60 * i) * 1e9},${10 + i}`),
    ].join('\n');
    const raw = await parseSeriesCsv(csv);
    expect(raw.map((s) => [s.name, Array.from(s.values)])).toEqual([
      ['cpu.value', [0, 1, 2]],
      ['mem.value', [10, 11, 12]],
    ]);
  });

  it('reads tags cells with line-protocol escapes', () => {
    expect(parseInfluxTags('host=db1,path=/a\\,b,note=x\\=y')).toEqual({ host: 'db1', path: '/a,b', note: 'x=y' });
    expect(parseInfluxTags('')).toEqual({});
  });

  it('says how to export tags that came as columns (a query without GROUP BY)', async () => {
    const csv = `name,tags,time,host,used\ndisk,,${T0}000000,db1,50\n`;
    const r = await run(['forecast', 'd.csv'], { 'd.csv': csv });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'trendcast: line 2, column 4: "db1" is not a number (is "host" a tag? export with GROUP BY host to get it in the tags column)\n'
    );
  });
});

describe('InfluxDB 2.x annotated CSV', () => {
  it('reads two tables (blank line, annotations and header repeated) as two series', async () => {
    const raw = await parseSeriesCsv(fixture('influx2x-annotated.csv').toString());
    expect(raw.map((s) => [s.name, s.times.length, s.values[0]])).toEqual([
      ['_field=used_percent, host=db1', 24, 49.95],
      ['_field=used_percent, host=db2', 24, 19.95],
    ]);
    expect(raw[1].labels).toEqual({ host: 'db2', _field: 'used_percent' });
    const series = await crossings('q.csv', fixture('influx2x-annotated.csv'));
    expect(near(series[0].crossings[0].time, T0 + 40 * HOUR)).toBe(true);
    expect(near(series[1].crossings[0].time, T0 + 70 * HOUR)).toBe(true);
  });

  it('reads a table without annotations (influx query without --raw headers)', async () => {
    const csv =
      ',result,table,_time,_value,_field,_measurement,host\n,_result,0,2024-01-01T00:00:00Z,1.5,used,disk,a\n,_result,0,2024-01-01T01:00:00Z,2.5,used,disk,a\n';
    const raw = await parseSeriesCsv(csv);
    expect(raw.map((s) => [s.name, Array.from(s.times), Array.from(s.values)])).toEqual([
      ['_field=used, host=a', [T0, T0 + HOUR], [1.5, 2.5]],
    ]);
  });
});

describe('series,timestamp,value with a BOM, CRLF and quoted names', () => {
  it('reads the names whole and the values right', async () => {
    const series = await crossings('x.csv', fixture('long-bom-crlf.csv'));
    expect(series.map((s) => s.name)).toEqual(['db1, /var', 'say "hi"']);
    expect(near(series[0].crossings[0].time, T0 + 40 * HOUR)).toBe(true);
    expect(near(series[1].crossings[0].time, T0 + 80 * HOUR)).toBe(false);
  });

  it.each([
    ['\ufefftimestamp,value\r\n0,1\r\n60,abc\r\n', 'line 3, column 2: "abc" is not a number'],
    ['timestamp,value\n0,1\n60,"2\n', 'line 3, column 2: a quoted cell is not closed'],
    ['timestamp,value\n0,1\n60,"2"x\n', 'line 3, column 2: a quoted cell goes on after its closing quote'],
    ['timestamp,value\r\n0,1\r\n60,2"\r\n', 'line 3, column 2: a quote inside a cell that does not start with one'],
    ['series,timestamp,value\n"a\nb",0,1\n"a\nb",60,x\n', 'line 5, column 3: "x" is not a number'],
  ])('names the line and column of bad CSV (%#)', async (csv, message) => {
    const r = await run(['forecast', 'bad.csv'], { 'bad.csv': csv }, 3);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.startsWith(`trendcast: ${message}`)).toBe(true);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('reads the same whatever the chunk size of the stream', async () => {
    const data = fixture('long-bom-crlf.csv');
    const [a, b] = await Promise.all([
      run(['forecast', 'x.csv'], { 'x.csv': data }, 1),
      run(['forecast', 'x.csv'], { 'x.csv': data }, 1 << 16),
    ]);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });
});

describe('InfluxDB 2.x tables with other columns, and errors', () => {
  it('reads a second table after a blank line with other tag columns, without annotations', async () => {
    const csv = [
      ',result,table,_time,_value,_field,_measurement,host',
      ',_result,0,2024-01-01T00:00:00Z,1,used,disk,a',
      ',_result,0,2024-01-01T01:00:00Z,2,used,disk,a',
      '',
      ',result,table,_time,_value,_field,_measurement,host,path',
      ',_result,1,2024-01-01T00:00:00Z,5,used,disk,b,/var',
      ',_result,1,2024-01-01T01:00:00Z,6,used,disk,b,/var',
    ].join('\r\n');
    const raw = await parseSeriesCsv(csv);
    expect(raw.map((s) => [s.name, Array.from(s.values)])).toEqual([
      ['_field=used, host=a', [1, 2]],
      ['_field=used, host=b, path=/var', [5, 6]],
    ]);
  });

  it('says so when the file is the error table of a failed query', async () => {
    const csv =
      '#datatype,string,string\n#group,true,true\n#default,,\n,error,reference\n,"bucket ""nope"" not found",\n';
    const r = await run(['forecast', 'q.csv'], { 'q.csv': csv });
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'trendcast: line 5, column 2: the file holds an InfluxDB error, not data: bucket "nope" not found\n',
    });
  });
});

describe('epoch time units', () => {
  const hourly = (scale: number) =>
    [
      'timestamp,value',
      ...Array.from(
        { length: 24 },
        (_, i) => `${BigInt(1704067200 + 3600 * i) * BigInt(scale)},${50 + i + (i % 2 ? 0.05 : -0.05)}`
      ),
    ].join('\n');

  it.each([
    ['s', 1],
    ['ms', 1e3],
    ['us', 1e6],
    ['ns', 1e9],
  ])('tells %s apart by magnitude: the same forecast times', async (_unit, scale) => {
    const series = await crossings('t.csv', hourly(scale));
    expect(series[0].forecast[0].time).toBe('2024-01-02T00:00:00.000Z');
    expect(near(series[0].crossings[0].time, T0 + 40 * HOUR)).toBe(true);
  });

  it('--time-unit forces the unit (seconds that would look like milliseconds)', async () => {
    // 1e11 s is in the year 5138: by magnitude it would be read as milliseconds (1973).
    const csv = 'timestamp,value\n100000000000,1\n100000003600,2\n100000007200,3\n';
    const plain = await run(['forecast', 't.csv', '--model', 'linear', '--horizon', '1'], { 't.csv': csv });
    const forced = await run(['forecast', 't.csv', '--model', 'linear', '--horizon', '1', '--time-unit', 's'], {
      't.csv': csv,
    });
    expect(JSON.parse(plain.out).series[0].forecast[0].time).toBe('1973-03-03T09:46:50.800Z');
    expect(JSON.parse(forced.out).series[0].forecast[0].time).toBe('5138-11-16T12:46:40.000Z');
  });

  it('documents the ranges it uses', () => {
    expect([99_999_999_999, 1e11, 99_999_999_999_999, 1e14, 9.9e16, 1e17].map(epochUnitOf)).toEqual([
      's',
      'ms',
      'ms',
      'us',
      'us',
      'ns',
    ]);
  });

  it('refuses a column that mixes units, naming the line', async () => {
    const csv = 'timestamp,value\n1704067200,1\n1704070800,2\n1704074400000,3\n';
    const r = await run(['forecast', 't.csv'], { 't.csv': csv });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'trendcast: line 4, column 1: "1704074400000" looks like epoch milliseconds, but line 2 has seconds: one unit per file (--time-unit s|ms|us|ns forces one)\n'
    );
  });
});

describe('grouped and interleaved long files', () => {
  const rows = (order: 'grouped' | 'interleaved') => {
    const out: string[] = [];
    for (let i = 0; i < 6; i++) {
      for (const [name, base] of [
        ['a', 10],
        ['b', 20],
      ] as const) {
        out.push(`${name},${1704067200 + 3600 * i},${base + i}`);
      }
    }
    return ['series,timestamp,value', ...(order === 'grouped' ? out.sort() : out)].join('\n');
  };

  it('reads the same series from a file interleaved by time and one grouped by series', async () => {
    const grouped = await parseSeriesCsv(rows('grouped'));
    const interleaved = await parseSeriesCsv(rows('interleaved'));
    const simple = (s: typeof grouped) => s.map((x) => [x.name, Array.from(x.times), Array.from(x.values)]);
    expect(simple(interleaved)).toEqual(simple(grouped));
    expect(simple(grouped)[1]).toEqual(['b', [0, 1, 2, 3, 4, 5].map((i) => T0 + i * HOUR), [20, 21, 22, 23, 24, 25]]);
  });

  it('hands each series over as soon as the next begins when the file is grouped', async () => {
    const seen: string[] = [];
    const { readSeries } = await import('./csvInput');
    const lines = rows('grouped').split('\n');
    async function* chunks() {
      for (const line of lines) {
        seen.push(`row ${line.split(',')[0]}`);
        yield line + '\n';
      }
    }
    await readSeries(chunks(), (s) => void seen.push(`series ${s.name}`));
    // Series a is handed over once b's rows begin (the parser sees a record end a row later),
    // before b's last row is read, not at the end of the input.
    expect(seen.indexOf('series a')).toBeGreaterThan(seen.indexOf('row b'));
    expect(seen.indexOf('series a')).toBeLessThan(seen.lastIndexOf('row b'));
    expect(seen[seen.length - 1]).toBe('series b');
  });

  it('refuses a series that comes back after others in a grouped file, naming the line', async () => {
    const csv = 'series,timestamp,value\na,0,1\na,60,2\nb,0,1\nb,60,2\na,120,3\n';
    const r = await run(['forecast', 'x.csv'], { 'x.csv': csv });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^trendcast: line 6, column 1: series "a" appears again after other series/);
  });
});

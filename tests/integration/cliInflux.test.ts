/**
 * @jest-environment node
 */
/**
 * The command line on CSV that a real influxd (Debian's 1.6) wrote: the 1.x HTTP API answers
 * `Accept: application/csv` with the same `name,tags,time,<field>…` form as `influx -format csv`
 * (times in epoch nanoseconds, several tags in one quoted cell). The points written are known, so
 * the series, their names, values and crossing dates are checked against them.
 */
import { memoryIo } from '../../src/cli/memoryIo';
import { runCliAsync } from '../../src/cli/run';
import { InfluxServer, startInfluxd } from '../support/influxd';

jest.setTimeout(60_000);

const T0 = Date.UTC(2024, 0, 1) / 1000;
const HOUR = 3600;

/** used grows 1 %/h from `base` (±0.05), free is 100 − used: a known 90 % date per path. */
function lines(host: string, path: string, base: number): string[] {
  return Array.from({ length: 24 }, (_, i) => {
    const used = base + i + (i % 2 ? 0.05 : -0.05);
    return `disk,host=${host},path=${path} used=${used.toFixed(2)},free=${(100 - used).toFixed(2)} ${T0 + HOUR * i}`;
  });
}

let influx: InfluxServer;

beforeAll(async () => {
  influx = await startInfluxd();
  await influx.createDatabase('cli');
  await influx.write(
    'cli',
    [...lines('db1', '/', 50), ...lines('db1', '/var', 20), ...lines('db2', '/', 60)].join('\n'),
    's'
  );
});

afterAll(async () => {
  await influx?.stop();
});

async function influxCsv(query: string, epoch?: 'ns' | 's'): Promise<string> {
  const params = new URLSearchParams({ db: 'cli', q: query, ...(epoch ? { epoch } : {}) });
  const res = await fetch(`${influx.url}/query?${params}`, { headers: { Accept: 'application/csv' } });
  expect(res.status).toBe(200);
  return res.text();
}

async function forecast(csv: string, extra: string[] = []) {
  const io = memoryIo({ 'disk.csv': csv }, 256);
  const code = await runCliAsync(
    ['forecast', 'disk.csv', '--model', 'linear', '--horizon', '72', '--threshold', '90%', ...extra],
    io
  );
  return io.result(code);
}

describe('trendcast forecast on InfluxDB 1.x CSV', () => {
  it('reads GROUP BY host, path with nanosecond times: one series per tag set, named by the tags', async () => {
    const csv = await influxCsv('SELECT used FROM disk GROUP BY host, path', 'ns');
    expect(csv.split('\n')[0]).toBe('name,tags,time,used');
    expect(csv.split('\n')[1]).toBe(`disk,"host=db1,path=/",${T0}000000000,49.95`);
    const r = await forecast(csv, ['--output', 'crossings', '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out).crossings as Array<{ series: string; status: string; time: string | null }>;
    // db2 / (60 → 90 at 30 h) first, then db1 / (50 → 40 h), then db1 /var (20 → 70 h).
    expect(rows.map((c) => c.series)).toEqual(['host=db2, path=/', 'host=db1, path=/', 'host=db1, path=/var']);
    const hours = rows.map((c) => (Date.parse(c.time!) / 1000 - T0) / HOUR);
    hours.forEach((h, i) => expect(Math.abs(h - [30, 40, 70][i])).toBeLessThan(0.2));
  });

  it('reads two fields as two series per tag set, told apart by _field', async () => {
    const csv = await influxCsv("SELECT used, free FROM disk WHERE host = 'db1' GROUP BY host, path");
    // Without `epoch` too the HTTP API writes nanoseconds (RFC 3339 is the `influx` client's
    // -precision rfc3339, covered by the fixture tests).
    expect(csv.split('\n').slice(0, 2)).toEqual([
      'name,tags,time,used,free',
      `disk,"host=db1,path=/",${T0}000000000,49.95,50.05`,
    ]);
    const r = await forecast(csv, ['--format', 'ndjson']);
    expect(r.code).toBe(0);
    const series = r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(series.map((s: { name: string }) => s.name)).toEqual([
      '_field=used, host=db1, path=/',
      '_field=free, host=db1, path=/',
      '_field=used, host=db1, path=/var',
      '_field=free, host=db1, path=/var',
    ]);
    expect(series[0].forecast[0].time).toBe('2024-01-02T00:00:00.000Z');
    expect(series[0].forecast[0].value).toBeCloseTo(74, 0);
    expect(series[1].forecast[0].value).toBeCloseTo(26, 0);
  });
});

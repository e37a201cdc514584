/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "umd", "default"]}
 */
// jsdom: @grafana/data touches `window`/`document` on import. The export conditions pick the
// CommonJS builds of its dependencies (d3-*), which jest can load without transforming `.mjs`.
/**
 * A real influxd (Debian's 1.6) loaded with the demo data and queried as Grafana's InfluxQL data
 * source does; the answers are turned into Grafana-shaped frames and checked against the exact
 * points written and against the generator's noise-free truth.
 */
import { DataFrame, FieldType } from '@grafana/data';
import { existsSync } from 'node:fs';

import {
  CPU_PEAK_HOUR_UTC,
  CPU_WEEKEND_FACTOR,
  DAY_MS,
  DemoSeries,
  HOUR_MS,
  cpuModelAt,
  diskModelAt,
} from '../support/demoData';
import { InfluxHttpError, InfluxStatementError, startInfluxd } from '../support/influxd';
import { grafanaInfluxQuery, grafanaInterval, influxFrameName, influxResponseToFrames } from '../support/influxFrames';
import { DemoInflux, withDemoInflux } from './demoInflux';

jest.setTimeout(60_000);

/** Data ends at the current hour, so `now() - 30d` queries see all of it. */
const END = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
const START = END - 30 * DAY_MS;
/** Half of the 5-minute step: the mean time of an hour's 12 points is start + 27.5 min. */
const DEMO_HALF_STEP = 2.5 * 60 * 1000;

const DISK_QUERY = grafanaInfluxQuery({ measurement: 'disk', field: 'used_percent', groupByTags: ['host'] });
const CPU_QUERY = grafanaInfluxQuery({ measurement: 'cpu', field: 'usage_percent', groupByTags: ['host'] });

/** |a − b| ≤ rel · max(1, |b|); null must match null. */
function expectClose(actual: number | null, expected: number | null, rel: number, what: string): void {
  if (expected === null || actual === null) {
    if (actual !== expected) {
      throw new Error(`${what}: expected ${expected}, got ${actual}`);
    }
    return;
  }
  const tol = rel * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected} ± ${tol}, got ${actual}`);
  }
}

function fieldValues(frame: DataFrame, index: number): Array<number | null> {
  return frame.fields[index].values as Array<number | null>;
}

/** The points of one written series inside [from, to). */
function pointsIn(s: DemoSeries, from: number, to: number): Array<{ t: number; v: number }> {
  const out: Array<{ t: number; v: number }> = [];
  for (let i = 0; i < s.times.length; i++) {
    if (s.times[i] >= from && s.times[i] < to) {
      out.push({ t: s.times[i], v: s.values[i] });
    }
  }
  return out;
}

/** Arithmetic mean summed in time order, as InfluxDB's mean() does; null for no points. */
function mean(xs: number[]): number | null {
  if (xs.length === 0) {
    return null;
  }
  let sum = 0;
  for (const x of xs) {
    sum += x;
  }
  return sum / xs.length;
}

function frameForHost(frames: DataFrame[], host: string): DataFrame {
  const f = frames.find((fr) => fr.fields[1]?.labels?.host === host);
  if (f === undefined) {
    throw new Error(`no frame for host ${host}`);
  }
  return f;
}

function seriesFor(demo: DemoInflux, measurement: 'disk' | 'cpu', host: string): DemoSeries {
  const s = demo.series.find((x) => x.measurement === measurement && x.host === host);
  if (s === undefined) {
    throw new Error(`no ${measurement} series for ${host}`);
  }
  return s;
}

/** Every hour bucket equals the mean of the points written in [t, t + 1h) (null when none). */
function expectBucketsMatchPoints(frame: DataFrame, s: DemoSeries): void {
  const times = fieldValues(frame, 0);
  const values = fieldValues(frame, 1);
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    const expected = mean(pointsIn(s, t, t + HOUR_MS).map((p) => p.v));
    expectClose(values[i], expected, 1e-12, `${s.measurement} ${s.host} @ ${new Date(t).toISOString()}`);
  }
}

describe('InfluxQL through a real influxd, as Grafana queries it', () => {
  let demo: DemoInflux;

  beforeAll(async () => {
    demo = await withDemoInflux({ end: END });
  });

  afterAll(async () => {
    await demo?.stop();
  });

  describe('disk: GROUP BY time(1h), "host"', () => {
    let frames: DataFrame[];
    beforeAll(async () => {
      frames = await demo.frames(DISK_QUERY, { interval: '1h' });
    });

    it('gives one frame per host, named and labelled as Grafana does', () => {
      expect(frames.map((f) => f.name)).toEqual([
        'disk.mean { host: cache1 }',
        'disk.mean { host: db1 }',
        'disk.mean { host: web1 }',
        'disk.mean { host: web2 }',
      ]);
      for (const f of frames) {
        const host = f.fields[1].labels?.host;
        expect(f.refId).toBe('A');
        expect(f.fields.map((x) => [x.name, x.type])).toEqual([
          ['Time', FieldType.time],
          ['Value', FieldType.number],
        ]);
        expect(f.fields[1].labels).toEqual({ host });
        expect(f.fields[1].config.displayNameFromDS).toBe(f.name);
        expect(f.name).toBe(influxFrameName('disk', 'mean', { host: host ?? '' }));
      }
      expect(frames[0].meta?.preferredVisualisationType).toBe('graph');
      expect(frames[0].meta?.executedQueryString).toBe(
        `SELECT mean("used_percent") FROM "disk" WHERE time >= ${START}ms and time <= ${END}ms ` +
          `GROUP BY time(1h), "host" fill(null)`
      );
    });

    it('labels hour buckets by their start, in ms, from the range start to the bucket holding `to`', () => {
      for (const f of frames) {
        const times = fieldValues(f, 0);
        // 720 full hours, plus the (empty) bucket that contains the inclusive upper bound END.
        expect(times).toHaveLength(30 * 24 + 1);
        expect(f.length).toBe(30 * 24 + 1);
        times.forEach((t, i) => expect(t).toBe(START + i * HOUR_MS));
        expect(fieldValues(f, 1)[30 * 24]).toBeNull();
      }
    });

    it('matches the mean of the written points in every bucket', () => {
      for (const host of ['web1', 'web2', 'db1', 'cache1']) {
        expectBucketsMatchPoints(frameForHost(frames, host), seriesFor(demo, 'disk', host));
      }
    });

    it('has nulls exactly where the generator left whole hours out', () => {
      for (const truth of demo.truth.disk) {
        const f = frameForHost(frames, truth.host);
        const times = fieldValues(f, 0);
        const values = fieldValues(f, 1);
        const nullTimes = times.filter((_, i) => values[i] === null);
        const gapHours = truth.gaps.flatMap((g) => {
          const hours: number[] = [];
          for (let t = g.from; t < g.to; t += HOUR_MS) {
            hours.push(t);
          }
          return hours;
        });
        expect(nullTimes).toEqual([...gapHours, END]);
      }
      // The demo does have gaps: web2 6 h, db1 3 h.
      expect(demo.truth.disk.find((d) => d.host === 'web2')?.gaps).toEqual([
        { from: END - (10 * 24 - 6) * HOUR_MS, to: END - (10 * 24 - 12) * HOUR_MS },
      ]);
      expect(fieldValues(frameForHost(frames, 'db1'), 1).filter((v) => v === null)).toHaveLength(3 + 1);
    });

    it('follows the noise-free piecewise-linear truth within the noise', () => {
      for (const truth of demo.truth.disk) {
        const f = frameForHost(frames, truth.host);
        const s = seriesFor(demo, 'disk', truth.host);
        const times = fieldValues(f, 0);
        const values = fieldValues(f, 1);
        let checked = 0;
        for (let i = 0; i < times.length; i++) {
          const t = times[i] as number;
          const inBucket = (x: number): boolean => x >= t && x < t + HOUR_MS;
          if (values[i] === null || truth.cleanups.some(inBucket) || truth.spikes.some((sp) => inBucket(sp.time))) {
            continue;
          }
          const pts = pointsIn(s, t, t + HOUR_MS);
          const model = mean(pts.map((p) => diskModelAt(truth.host, p.t, END))) as number;
          // 6 standard errors of a mean of ~12 points: a failure means a real mismatch.
          expect(Math.abs((values[i] as number) - model)).toBeLessThan((6 * truth.noiseSd) / Math.sqrt(pts.length));
          checked++;
        }
        expect(checked).toBeGreaterThan(700);
      }
    });

    it('shows the clean-ups as drops and the spike as one raised bucket', () => {
      const web1 = frameForHost(frames, 'web1');
      const cleanup = END - 12.5 * DAY_MS; // web1's last clean-up: 35 + 0.9·8.5 → 38
      const at = (f: DataFrame, t: number): number => fieldValues(f, 1)[(t - START) / HOUR_MS] as number;
      expect(demo.truth.disk.find((d) => d.host === 'web1')?.cleanups).toContain(cleanup);
      expect(at(web1, cleanup - HOUR_MS) - at(web1, cleanup)).toBeGreaterThan(4);

      const web2 = frameForHost(frames, 'web2');
      const spike = demo.truth.disk.find((d) => d.host === 'web2')?.spikes[0];
      expect(spike?.add).toBe(25);
      const spikeHour = Math.floor((spike?.time ?? 0) / HOUR_MS) * HOUR_MS;
      const lift = at(web2, spikeHour) - mean([at(web2, spikeHour - HOUR_MS), at(web2, spikeHour + HOUR_MS)])!;
      // One point of 12 raised by 25 lifts the hourly mean by about 2.
      expect(lift).toBeGreaterThan(1.5);
      expect(lift).toBeLessThan(2.7);
    });

    it('exports a truth table with the last trend and its 90 / 100 % dates', () => {
      const byHost = Object.fromEntries(demo.truth.disk.map((d) => [d.host, d]));
      expectClose(byHost.db1.levelAtEnd, 45 + 18 * 1.8, 1e-12, 'db1 level at end');
      expectClose(byHost.db1.reach90, END + ((90 - 77.4) / 1.8) * DAY_MS, 1e-12, 'db1 reaches 90');
      expectClose(byHost.db1.reach100, END + ((100 - 77.4) / 1.8) * DAY_MS, 1e-12, 'db1 reaches 100');
      expectClose(byHost.web1.reach90, END + ((90 - 53) / 1.2) * DAY_MS, 1e-12, 'web1 reaches 90');
      expect(byHost.web1.lastSegmentStart).toBe(END - 12.5 * DAY_MS);
      expect(byHost.cache1.reach90).toBeNull();
      expect(byHost.cache1.reach100).toBeNull();
      // The last full hour seen by InfluxDB sits on db1's last trend line.
      const db1 = fieldValues(frameForHost(frames, 'db1'), 1);
      const lastHourMid = END - HOUR_MS / 2 - DEMO_HALF_STEP;
      expect(Math.abs((db1[30 * 24 - 1] as number) - diskModelAt('db1', lastHourMid, END))).toBeLessThan(0.3);
    });
  });

  describe('cpu: daily and weekly cycles', () => {
    let frames: DataFrame[];
    beforeAll(async () => {
      frames = await demo.frames(CPU_QUERY, { interval: '1h' });
    });

    it('gives one frame per host whose buckets are the means of the written points', () => {
      expect(frames.map((f) => f.name)).toEqual([
        'cpu.mean { host: db1 }',
        'cpu.mean { host: web1 }',
        'cpu.mean { host: web2 }',
      ]);
      for (const host of ['web1', 'web2', 'db1']) {
        expectBucketsMatchPoints(frameForHost(frames, host), seriesFor(demo, 'cpu', host));
      }
      expect(fieldValues(frameForHost(frames, 'web1'), 1).filter((v) => v === null)).toHaveLength(2 + 1);
    });

    it('peaks at 14:00 UTC and is lower on weekends', () => {
      const f = frameForHost(frames, 'db1');
      const times = fieldValues(f, 0) as number[];
      const values = fieldValues(f, 1);
      const profile = new Array<number>(24).fill(0);
      const counts = new Array<number>(24).fill(0);
      const weekday: number[] = [];
      const weekend: number[] = [];
      times.forEach((t, i) => {
        const v = values[i];
        if (v === null) {
          return;
        }
        const hour = new Date(t).getUTCHours();
        profile[hour] += v;
        counts[hour]++;
        if (hour === CPU_PEAK_HOUR_UTC) {
          const day = new Date(t).getUTCDay();
          (day === 0 || day === 6 ? weekend : weekday).push(v);
        }
      });
      const avg = profile.map((p, h) => p / counts[h]);
      const peak = avg.indexOf(Math.max(...avg));
      expect(Math.abs(peak - CPU_PEAK_HOUR_UTC)).toBeLessThanOrEqual(1);
      const ratio = (mean(weekend) as number) / (mean(weekday) as number);
      expect(Math.abs(ratio - CPU_WEEKEND_FACTOR)).toBeLessThan(0.06);
    });

    it('follows the noise-free model within the noise', () => {
      for (const truth of demo.truth.cpu) {
        const f = frameForHost(frames, truth.host);
        const s = seriesFor(demo, 'cpu', truth.host);
        const times = fieldValues(f, 0) as number[];
        const values = fieldValues(f, 1);
        times.forEach((t, i) => {
          if (values[i] === null) {
            return;
          }
          const pts = pointsIn(s, t, t + HOUR_MS);
          const model = mean(pts.map((p) => cpuModelAt(truth.host, p.t, END))) as number;
          expect(Math.abs((values[i] as number) - model)).toBeLessThan((6 * truth.noiseSd) / Math.sqrt(pts.length));
        });
      }
    });
  });

  describe('other Grafana query forms', () => {
    it('uses Grafana’s automatic $__interval (30 d over 720 points → 1h)', async () => {
      const { interval, intervalMs } = grafanaInterval(START, END, 720);
      expect(interval).toBe('1h');
      expect(intervalMs).toBe(HOUR_MS);
      const wide = grafanaInterval(START, END, 100); // 7.2 h rounds to 6h
      expect(wide.interval).toBe('6h');
      const frames = await demo.frames(DISK_QUERY, { interval: wide.interval });
      const times = fieldValues(frameForHost(frames, 'db1'), 0) as number[];
      expect(times[1] - times[0]).toBe(6 * HOUR_MS);
      // 6h buckets are aligned to the epoch, so the first one starts at or before START.
      expect(times[0] % (6 * HOUR_MS)).toBe(0);
      expect(times[0]).toBeLessThanOrEqual(START);
      expect(times[0]).toBeGreaterThan(START - 6 * HOUR_MS);
    });

    it('answers a relative `now() - 30d` query because the data ends now', async () => {
      const resp = await demo.server.query(
        demo.db,
        'SELECT mean("used_percent") FROM "disk" WHERE time > now() - 30d GROUP BY time(1h), "host" fill(null)'
      );
      const frames = influxResponseToFrames(resp);
      expect(frames).toHaveLength(4);
      for (const f of frames) {
        const times = fieldValues(f, 0) as number[];
        const values = fieldValues(f, 1);
        const lastValued = times.filter((_, i) => values[i] !== null).pop();
        expect(lastValued).toBe(END - HOUR_MS);
      }
    });

    it('makes one frame per value column and handles SHOW queries and empty results', async () => {
      // A whole UTC day: GROUP BY time(1d) buckets start at midnight UTC.
      const dayEnd = Math.floor(END / DAY_MS) * DAY_MS;
      const two = influxResponseToFrames(
        await demo.server.query(
          demo.db,
          `SELECT mean("used_percent"), max("used_percent") FROM "disk" WHERE host = 'db1' AND time >= ${
            dayEnd - DAY_MS
          }ms and time < ${dayEnd}ms GROUP BY time(1d)`
        )
      );
      expect(two.map((f) => f.name)).toEqual(['disk.mean', 'disk.max']);
      expect(two.map((f) => f.length)).toEqual([1, 1]);
      expect(two[0].fields[1].labels).toBeUndefined();
      expect(fieldValues(two[0], 0)).toEqual([dayEnd - DAY_MS]);
      const pts = pointsIn(seriesFor(demo, 'disk', 'db1'), dayEnd - DAY_MS, dayEnd).map((p) => p.v);
      expectClose(fieldValues(two[0], 1)[0], mean(pts), 1e-12, 'mean of the last whole day');
      expectClose(fieldValues(two[1], 1)[0], Math.max(...pts), 0, 'max of the last whole day');

      const tags = influxResponseToFrames(
        await demo.server.query(demo.db, 'SHOW TAG VALUES FROM "disk" WITH KEY = "host"')
      );
      expect(tags).toHaveLength(1);
      expect(tags[0].name).toBe('disk');
      expect(tags[0].fields[0].values).toEqual(['cache1', 'db1', 'web1', 'web2']);

      const empty = await demo.server.query(demo.db, `SELECT mean("used_percent") FROM "disk" WHERE time < 0ms`);
      expect(empty.results).toEqual([{ statement_id: 0 }]);
      expect(influxResponseToFrames(empty)).toEqual([]);
    });
  });

  describe('errors are reported, whatever the HTTP status', () => {
    it('an unknown database is a statement error at HTTP 200', async () => {
      const p = demo.server.query('nosuchdb', 'SELECT mean("value") FROM "cpu"');
      await expect(p).rejects.toBeInstanceOf(InfluxStatementError);
      await expect(p).rejects.toMatchObject({ influxMessage: 'database not found: nosuchdb' });
      expect(() =>
        influxResponseToFrames({ results: [{ statement_id: 0, error: 'database not found: nosuchdb' }] })
      ).toThrow('database not found: nosuchdb');
    });

    it('a syntax error is HTTP 400 with a top-level error', async () => {
      const p = demo.server.query(demo.db, 'SELEC mean(value) FROM cpu');
      await expect(p).rejects.toBeInstanceOf(InfluxHttpError);
      await expect(p).rejects.toMatchObject({ status: 400 });
      await expect(p).rejects.toThrow(/error parsing query: found SELEC/);
    });

    it('a bad line, a type conflict and a missing database are rejected on write', async () => {
      const t = Math.floor(END / 1000) - 60;
      await expect(demo.server.write(demo.db, `disk,host=web1 used_percent= ${t}`)).rejects.toMatchObject({
        status: 400,
        body: expect.stringContaining('missing field value'),
      });
      await expect(demo.server.write(demo.db, `disk,host=web1 used_percent=1i ${t}`)).rejects.toMatchObject({
        status: 400,
        body: expect.stringContaining('field type conflict'),
      });
      await expect(demo.server.write('nosuchdb', `disk,host=web1 used_percent=1 ${t}`)).rejects.toMatchObject({
        status: 404,
        body: expect.stringContaining('database not found'),
      });
      // Milliseconds sent as seconds are out of range.
      await expect(demo.server.write(demo.db, `disk,host=web1 used_percent=1 ${END}`, 's')).rejects.toMatchObject({
        status: 400,
      });
    });
  });
});

describe('influxd lifecycle', () => {
  it('runs two instances side by side on their own ports and leaves nothing behind', async () => {
    const a = await startInfluxd();
    const b = await startInfluxd();
    try {
      expect(new Set([a.httpPort, a.rpcPort, b.httpPort, b.rpcPort]).size).toBe(4);
      expect(() => process.kill(a.pid, 0)).not.toThrow();
      await a.createDatabase('x');
      await a.write('x', 'm v=1.5 1700000000');
      const r = await a.query('x', 'SELECT v FROM m');
      expect(r.results[0].series?.[0].values).toEqual([[1700000000000, 1.5]]);
      // b is a separate server: it does not know a's database.
      await expect(b.query('x', 'SELECT v FROM m')).rejects.toBeInstanceOf(InfluxStatementError);
    } finally {
      await a.stop();
      await b.stop();
    }
    for (const s of [a, b]) {
      expect(() => process.kill(s.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
      expect(existsSync(s.dataDir)).toBe(false);
    }
    await a.stop(); // a second stop is a no-op
  });
});

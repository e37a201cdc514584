/**
 * `trendcast run` against a real influxd: what one run writes (read back with InfluxQL), reruns
 * that overwrite instead of adding, the drift check of the next run, a bad series among good
 * ones, and shards that together cover every series once.
 */
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RunReport, runOnce } from '../../src/service/runService';
import { shardOf } from '../../src/service/shard';
import { InfluxServer, startInfluxd } from '../support/influxd';
import {
  clientFor,
  countsBySeries,
  DAY_MS,
  diskLines,
  END,
  HORIZON_STEPS,
  memoryLogger,
  serviceConfig,
  STEP_MS,
  totalCount,
} from './serviceSupport';

jest.setTimeout(60_000);

let server: InfluxServer;

beforeAll(async () => {
  server = await startInfluxd();
});

afterAll(async () => {
  await server?.stop();
});

async function freshDb(db: string): Promise<void> {
  await server.createDatabase(db);
  await server.write(db, diskLines(), 'ms');
}

async function run(db: string, now: number, shard: { index: number; count: number } | null = null): Promise<RunReport> {
  const config = serviceConfig(server.url, db);
  const logger = memoryLogger();
  return runOnce({ config, client: clientFor(config, logger), logger, shard, now });
}

describe('one run', () => {
  const db = 'one_run';
  let report: RunReport;

  beforeAll(async () => {
    await freshDb(db);
    report = await run(db, END + 5 * 60_000);
  });

  it('forecasts every good series and skips the bad one without stopping the others', () => {
    expect(report.series).toBe(4);
    expect(report.done).toBe(3);
    expect(report.problems).toBe(1);
    expect(report.ok).toBe(true);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0].series).toContain('host=bad');
    expect(report.failures[0].error).toMatch(/too-few-points/);
  });

  it('writes one forecast point per step with the series tags, job, measurement and model', async () => {
    const counts = await countsBySeries(server, db, 'trendcast_forecast', 'value');
    expect([...counts.keys()].sort()).toEqual([
      'host=db1,job=disk,measurement=disk,model=last-trend,path=/',
      'host=web1,job=disk,measurement=disk,model=last-trend,path=/',
      'host=web2,job=disk,measurement=disk,model=last-trend,path=/',
    ]);
    for (const n of counts.values()) {
      expect(n).toBe(HORIZON_STEPS);
    }
    const res = await server.query(
      db,
      `SELECT "value", "lower", "upper", "issued_s" FROM "trendcast_forecast" WHERE "host" = 'web1' ORDER BY time ASC LIMIT 1`
    );
    const [time, value, lower, upper, issued] = res.results[0].series![0].values[0] as number[];
    // The first step after the last point; web1 grows 6 points a day from 80 at END.
    expect(time).toBe(END + STEP_MS);
    expect(value).toBeCloseTo(80 + 6 / 144, 0);
    expect(lower).toBeLessThan(value);
    expect(upper).toBeGreaterThan(value);
    expect(issued).toBe(END / 1000);
  });

  it('writes one crossing point per series and threshold at the run time rounded to the hour', async () => {
    const res = await server.query(
      db,
      `SELECT "time_left_s", "status", "at_s", "earliest_s", "latest_s" FROM "trendcast_crossing" GROUP BY "host", "threshold"`
    );
    const rows = new Map(
      res.results[0].series!.map((s) => [`${s.tags!.host}/${s.tags!.threshold}`, s.values.map((v) => v as unknown[])])
    );
    expect([...rows.keys()].sort()).toEqual(['db1/100', 'db1/90', 'web1/100', 'web1/90', 'web2/100', 'web2/90']);
    for (const values of rows.values()) {
      expect(values).toHaveLength(1);
      expect(values[0][0]).toBe(END);
    }
    // web1: 80 % growing 6 points a day reaches 90 % in 10/6 days.
    const [, left90, status90, at90, earliest90, latest90] = rows.get('web1/90')![0] as [
      number,
      number,
      string,
      number,
      number,
      number,
    ];
    expect(status90).toBe('crosses');
    const truth = (10 / 6) * DAY_MS;
    expect(Math.abs(left90 * 1000 - (truth - 5 * 60_000))).toBeLessThan(0.1 * truth);
    expect(Math.abs(at90 * 1000 - (END + truth))).toBeLessThan(0.1 * truth);
    expect(earliest90).toBeLessThanOrEqual(at90);
    expect(latest90).toBeGreaterThanOrEqual(at90);
    // 100 % is 3.3 days away, beyond the 2-day horizon: "later than the horizon", no date.
    const [, left100, status100, at100] = rows.get('web1/100')![0] as [number, number, string, number | null];
    expect(status100).toBe('not-within-horizon');
    // Beyond the horizon and any alert window: a year.
    expect(left100).toBe(365 * 86_400);
    expect(at100).toBeNull();
    // db1 at 60 % growing half a point a day: nowhere near 90 % within 2 days.
    const [, leftDb, statusDb] = rows.get('db1/90')![0] as [number, number, string];
    expect(statusDb).toBe('not-within-horizon');
    expect(leftDb).toBe(365 * 86_400);
    // How far the forecast reached from the run's clock: 2 days after the last point, 5 minutes gone.
    const reach = await server.query(
      db,
      `SELECT "horizon_s" FROM "trendcast_crossing" WHERE "host" = 'db1' AND "threshold" = '90'`
    );
    expect(reach.results[0].series![0].values[0][1]).toBe(2 * 86_400 - 5 * 60);
  });

  it("the provisioned alert rule's query fires for the disk that reaches 90% within 7 days only", async () => {
    const file = load(readFileSync(join(__dirname, '../../provisioning/alerting/trendcast-capacity.yaml'), 'utf8')) as {
      groups: Array<{
        rules: Array<{
          data: Array<{ datasourceUid: string; relativeTimeRange: { from: number }; model: { query: string } }>;
        }>;
      }>;
    };
    const query = file.groups[0].rules[0].data[0];
    const evaluatedAt = END + 20 * 60_000;
    const timeFilter = `time >= ${evaluatedAt - query.relativeTimeRange.from * 1000}ms and time <= ${evaluatedAt}ms`;
    const res = await server.query(db, query.model.query.replace('$timeFilter', timeFilter));
    // The rule's reduce (last) and threshold (< 604800 s) on each series.
    const firing = res.results[0]
      .series!.filter((s) => (s.values[s.values.length - 1][1] as number) < 604_800)
      .map((s) => s.tags!.host);
    expect(res.results[0].series!.map((s) => s.tags!.host).sort()).toEqual(['db1', 'web1', 'web2']);
    expect(firing).toEqual(['web1']);
  });

  it("the dashboard's table of trendcast_crossing lists each host with its time left", async () => {
    const dashboard = JSON.parse(
      readFileSync(join(__dirname, '../../provisioning/dashboards/capacity-planning.json'), 'utf8')
    ) as { panels: Array<{ title: string; targets?: Array<{ query?: string }> }> };
    const panel = dashboard.panels.find((p) => p.title === 'Time left to 90% — written by trendcast run')!;
    const q = panel.targets![0].query!.replace('$timeFilter', `time > ${END - DAY_MS}ms`);
    const res = await server.query(db, q);
    const rows = new Map(res.results[0].series!.map((s) => [s.tags!.host, s.values[0] as unknown[]]));
    expect([...rows.keys()].sort()).toEqual(['db1', 'web1', 'web2']);
    // columns: time, time_left_s, status, reaches_90 (ms), earliest, latest
    expect(rows.get('web1')!.slice(2)).toEqual(['crosses', expect.any(Number), expect.any(Number), expect.any(Number)]);
    expect(Math.abs((rows.get('web1')![3] as number) - (END + (10 / 6) * DAY_MS))).toBeLessThan(
      0.1 * DAY_MS * (10 / 6)
    );
    expect(rows.get('web2')![2]).toBe('not-within-horizon');
    expect(rows.get('web2')![3]).toBeNull();
  });

  it('a rerun within the same hour replaces the points instead of adding to them', async () => {
    const before = {
      forecast: await totalCount(server, db, 'trendcast_forecast', 'value'),
      crossing: await totalCount(server, db, 'trendcast_crossing', 'time_left_s'),
    };
    expect(before).toEqual({ forecast: 3 * HORIZON_STEPS, crossing: 6 });
    const again = await run(db, END + 40 * 60_000);
    expect(again.done).toBe(3);
    expect(await totalCount(server, db, 'trendcast_forecast', 'value')).toBe(before.forecast);
    expect(await totalCount(server, db, 'trendcast_crossing', 'time_left_s')).toBe(before.crossing);
  });
});

describe('the next run', () => {
  it('compares the previous forecast with the values that arrived since (trendcast_drift)', async () => {
    const db = 'drift';
    await freshDb(db);
    expect((await run(db, END)).done).toBe(3);
    expect(await totalCount(server, db, 'trendcast_drift', 'mae')).toBe(0);
    // One more hour of data: six points per host, then the next hourly run.
    await server.write(db, diskLines(END + 3_600_000, END + STEP_MS, false), 'ms');
    const second = await run(db, END + 3_600_000);
    expect(second.done).toBe(3);
    const res = await server.query(
      db,
      `SELECT "residual", "mae", "points", "drift", "drifting" FROM "trendcast_drift" GROUP BY "host"`
    );
    const byHost = new Map(res.results[0].series!.map((s) => [s.tags!.host, s.values]));
    expect([...byHost.keys()].sort()).toEqual(['db1', 'web1', 'web2']);
    for (const values of byHost.values()) {
      expect(values).toHaveLength(1);
      const [time, residual, mae, points, drift, drifting] = values[0] as [
        number,
        number,
        number,
        number,
        number,
        boolean,
      ];
      expect(time).toBe(END + 3_600_000);
      expect(points).toBe(6);
      // The data follows its trend: the forecast misses by about the wiggle (≤ 0.2), no drift.
      expect(mae).toBeLessThan(0.4);
      expect(Math.abs(residual)).toBeLessThanOrEqual(mae);
      expect(drift).toBeLessThan(2.5);
      expect(drifting).toBe(false);
    }
  });

  it('flags drift when the values leave the forecast', async () => {
    const db = 'drift_jump';
    await freshDb(db);
    await run(db, END);
    // web1 jumps by 8 points: far outside its band.
    const jumped = diskLines(END + 3_600_000, END + STEP_MS, false)
      .split('\n')
      .map((l) =>
        l.startsWith('disk,host=web1,')
          ? l.replace(/used_percent=([\d.]+)/, (_, v) => `used_percent=${Number(v) + 8}`)
          : l
      )
      .join('\n');
    await server.write(db, jumped, 'ms');
    await run(db, END + 3_600_000);
    const res = await server.query(db, `SELECT "mae", "drifting" FROM "trendcast_drift" GROUP BY "host"`);
    const byHost = new Map(res.results[0].series!.map((s) => [s.tags!.host, s.values[0] as [number, number, boolean]]));
    expect(byHost.get('web1')![1]).toBeGreaterThan(7);
    expect(byHost.get('web1')![2]).toBe(true);
    expect(byHost.get('web2')![2]).toBe(false);
  });
});

describe('shards', () => {
  it('N shards together forecast every series exactly once', async () => {
    const db = 'shards';
    await server.createDatabase(db);
    // 24 hosts, so that each of 3 shards gets some.
    const lines: string[] = [];
    for (let h = 0; h < 24; h++) {
      for (let t = END - 2 * DAY_MS; t <= END; t += STEP_MS) {
        lines.push(`disk,host=h${h},path=/ used_percent=${(50 + h + ((END - t) / DAY_MS) * -1).toFixed(3)} ${t}`);
      }
    }
    await server.write(db, lines.join('\n'), 'ms');
    const seen: string[][] = [];
    let known = new Set<string>();
    const reports: RunReport[] = [];
    for (let i = 0; i < 3; i++) {
      reports.push(await run(db, END, { index: i, count: 3 }));
      const hosts = new Set(
        [...(await countsBySeries(server, db, 'trendcast_forecast', 'value')).keys()].map(
          (k) => /host=(h\d+)/.exec(k)![1]
        )
      );
      seen.push([...hosts].filter((h) => !known.has(h)));
      known = hosts;
    }
    // Each shard wrote only its own hosts, none twice, all 24 in the end.
    expect(reports.map((r) => r.done).reduce((a, b) => a + b, 0)).toBe(24);
    expect(known.size).toBe(24);
    seen.forEach((hosts, i) => {
      expect(hosts.length).toBe(reports[i].done);
      expect(hosts.length).toBeGreaterThan(0);
      for (const h of hosts) {
        expect(shardOf(`disk\u0000disk\u0000host=${h}\u0000path=/`, 3)).toBe(i);
      }
    });
    for (const n of (await countsBySeries(server, db, 'trendcast_forecast', 'value')).values()) {
      expect(n).toBe(HORIZON_STEPS);
    }
  });
});

/**
 * `trendcast run` as the command (argv in, exit status out) against a real influxd: --once with a
 * status file and the summary line, the scheduled mode stopped by a signal, and an LSTM job whose
 * weights stay in the cache folder between runs and are retrained when its forecast drifts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runServiceCommand } from '../../src/service/command';
import { InfluxServer, startInfluxd } from '../support/influxd';
import { configText, DAY_MS, diskLines, END, HORIZON_STEPS, totalCount } from './serviceSupport';

jest.setTimeout(90_000);

let server: InfluxServer;
let dir: string;

beforeAll(async () => {
  server = await startInfluxd();
  dir = mkdtempSync(join(tmpdir(), 'trendcast-run-'));
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function command(argv: string[], opts: { now: number; stop?: Promise<void> }) {
  let err = '';
  let out = '';
  const code = await runServiceCommand(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: {},
    clock: () => opts.now,
    stopSignal: opts.stop,
  });
  return { code, out, err, lines: err.trim().split('\n') };
}

it('--once runs every job, writes the status file and ends with a summary line', async () => {
  const db = 'cmd_once';
  await server.createDatabase(db);
  await server.write(db, diskLines(), 'ms');
  const config = join(dir, 'once.yaml');
  writeFileSync(config, configText(server.url, db));
  const status = join(dir, 'status.json');
  const r = await command(['--config', config, '--once', '--status-file', status], { now: END });
  expect(r.code).toBe(0);
  expect(r.out).toBe('');
  // One logfmt line per event on stderr; the last is the run's summary.
  for (const line of r.lines) {
    expect(line).toMatch(/^ts=\S+ level=(info|warn|error) event=[a-z-]+( [a-z_]+=("[^"]*"|\S*))*$/);
  }
  expect(r.lines[0]).toMatch(/event=run-start run_time=2025-03-10T12:00:00.000Z shard= jobs=1$/);
  expect(r.err).toMatch(
    /level=warn event=series-problem job=disk series="disk host=bad,path=\/" error="too-few-points/
  );
  expect(r.lines[r.lines.length - 1]).toMatch(
    /level=info event=run-done ok=true run_time=2025-03-10T12:00:00.000Z shard= series=4 done=3 problems=1 failed_jobs=0 lines=870 /
  );
  const s = JSON.parse(readFileSync(status, 'utf8'));
  expect(s).toMatchObject({ state: 'stopped', shard: null, currentRunStartedAt: null });
  expect(s.lastRun).toMatchObject({ ok: true, series: 4, done: 3, problems: 1, linesWritten: 870 });
  expect(s.lastRun.failures).toEqual([
    { job: 'disk', series: 'disk host=bad,path=/', error: expect.stringMatching(/^too-few-points/) },
  ]);
  expect(Date.parse(s.lastRun.endedAt)).toBeGreaterThanOrEqual(Date.parse(s.lastRun.startedAt));
  expect(await totalCount(server, db, 'trendcast_forecast', 'value')).toBe(3 * HORIZON_STEPS);
});

it('exits 1 when a job fails (unknown database), 2 for a bad configuration or command line', async () => {
  const config = join(dir, 'nodb.yaml');
  writeFileSync(config, configText(server.url, 'no_such_db'));
  const failed = await command(['--config', config, '--once'], { now: END });
  expect(failed.code).toBe(1);
  expect(failed.err).toMatch(
    /level=error event=job-failed job=disk stage=query error=".*database not found: no_such_db/
  );
  expect(failed.lines[failed.lines.length - 1]).toMatch(/event=run-done ok=false .* failed_jobs=1 /);

  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, configText(server.url, 'x').replace('horizon: 2d', 'horizon: two days'));
  const r = await command(['--config', bad, '--once'], { now: END });
  expect(r.code).toBe(2);
  expect(r.lines).toHaveLength(1);
  expect(r.err).toMatch(/^trendcast run: config error: jobs\[0\]\.horizon: /);

  expect((await command(['--once'], { now: END })).err).toBe('trendcast run: --config FILE is required\n');
  expect((await command(['--config', bad, '--shard', '3/3'], { now: END })).code).toBe(2);
  expect((await command(['--config', join(dir, 'missing.yaml')], { now: END })).code).toBe(2);
});

it('without --once runs on the schedule until stopped, then exits 0', async () => {
  const db = 'cmd_loop';
  await server.createDatabase(db);
  await server.write(db, diskLines(), 'ms');
  const config = join(dir, 'loop.yaml');
  writeFileSync(config, configText(server.url, db));
  const status = join(dir, 'loop.json');
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const running = command(['--config', config, '--status-file', status], { now: END + 60_000, stop: stopped });
  // After the first run it sleeps until the next hour (the test clock stands still): stop it there.
  for (let i = 0; i < 400; i++) {
    await new Promise((r) => setTimeout(r, 25));
    try {
      if (JSON.parse(readFileSync(status, 'utf8')).state === 'idle') {
        break;
      }
    } catch {
      // not written yet
    }
  }
  expect(JSON.parse(readFileSync(status, 'utf8'))).toMatchObject({
    state: 'idle',
    nextRunAt: '2025-03-10T13:00:00.000Z',
  });
  stop();
  const r = await running;
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/event=sleep next_run=2025-03-10T13:00:00.000Z\n.*event=stopping reason=signal\n$/);
  expect(JSON.parse(readFileSync(status, 'utf8')).state).toBe('stopped');
});

it('an LSTM job keeps its weights in the cache folder and retrains when its forecast drifts', async () => {
  const db = 'cmd_lstm';
  await server.createDatabase(db);
  // An hourly daily cycle for 8 days; then a day where it is 25 points higher.
  const cpu = (t: number, shift: number) =>
    `cpu,host=app1 usage=${(40 + shift + 10 * Math.sin((2 * Math.PI * t) / DAY_MS) + ((t / 3_600_000) % 3) * 0.2).toFixed(3)} ${t}`;
  const lines: string[] = [];
  for (let t = END - 8 * DAY_MS; t <= END; t += 3_600_000) {
    lines.push(cpu(t, 0));
  }
  await server.write(db, lines.join('\n'), 'ms');
  const cache = join(dir, 'lstm-cache');
  const config = join(dir, 'lstm.yaml');
  writeFileSync(
    config,
    `influxdb: { url: "${server.url}", database: ${db} }
every: 1h
driftLookback: 2d
jobs:
  - name: cpu
    query: SELECT mean("usage") FROM "cpu" WHERE $timeFilter GROUP BY time(1h), "host" fill(none)
    range: 10d
    model: lstm
    horizon: 1d
    thresholds: [95]
    lstm: { epochs: 3, fineTuneEpochs: 1 }
`
  );
  const first = await command(['--config', config, '--once', '--cache-dir', cache], { now: END });
  expect(first.code).toBe(0);
  expect(readdirSync(cache).filter((f) => f.endsWith('.tcw'))).toHaveLength(1);
  expect(await totalCount(server, db, 'trendcast_forecast', 'value')).toBe(24);

  const shifted: string[] = [];
  for (let t = END + 3_600_000; t <= END + DAY_MS; t += 3_600_000) {
    shifted.push(cpu(t, 25));
  }
  await server.write(db, shifted.join('\n'), 'ms');
  const second = await command(['--config', config, '--once', '--cache-dir', cache], { now: END + DAY_MS });
  expect(second.code).toBe(0);
  expect(second.err).toMatch(/event=lstm-retrained job=cpu series="cpu host=app1"/);
  const res = await server.query(db, `SELECT "points", "mae", "drifting", "retrained" FROM "trendcast_drift"`);
  const [time, points, mae, drifting, retrained] = res.results[0].series![0].values[0] as [
    number,
    number,
    number,
    boolean,
    boolean,
  ];
  expect(time).toBe(END + DAY_MS);
  expect(points).toBe(24);
  expect(mae).toBeGreaterThan(15);
  expect(drifting).toBe(true);
  expect(retrained).toBe(true);
});

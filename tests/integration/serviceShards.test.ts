/**
 * Fleet scale: N `trendcast run --once --shard I/N` processes (the CLI bundled as `npm run
 * build:cli` does, run by Node), started together against one influxd, forecast every series
 * exactly once between them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { build } from 'esbuild';

import { shardOf } from '../../src/service/shard';
import { InfluxServer, startInfluxd } from '../support/influxd';
import { countsBySeries, DAY_MS, STEP_MS } from './serviceSupport';

jest.setTimeout(90_000);

let server: InfluxServer;
let dir: string;
let cli: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trendcast-shards-'));
  cli = join(dir, 'trendcast.cjs');
  const [srv] = await Promise.all([
    startInfluxd(),
    build({
      entryPoints: [resolve(__dirname, '../../src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: cli,
      logLevel: 'warning',
    }),
  ]);
  server = srv;
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function runProcess(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('exit', (code) => done({ code, stderr }));
  });
}

it('3 shard processes together cover all 30 series, each exactly once', async () => {
  const db = 'shard_processes';
  await server.createDatabase(db);
  // The processes use the real clock: two days of data up to now.
  const end = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const hosts = Array.from({ length: 30 }, (_, h) => `h${h}`);
  const lines: string[] = [];
  hosts.forEach((host, h) => {
    for (let t = end - 2 * DAY_MS; t <= end; t += STEP_MS) {
      lines.push(`disk,host=${host} used_percent=${(30 + h + (2 * (t - end)) / DAY_MS).toFixed(3)} ${t}`);
    }
  });
  await server.write(db, lines.join('\n'), 'ms');
  const config = join(dir, 'trendcast.yaml');
  writeFileSync(
    config,
    `influxdb: { url: "${server.url}", database: ${db} }
jobs:
  - name: disk
    query: SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time(10m), "host" fill(none)
    range: 3d
    horizon: 1d
    thresholds: [90]
`
  );
  const results = await Promise.all(
    [0, 1, 2].map((i) => runProcess(['run', '--config', config, '--once', '--shard', `${i}/3`]))
  );
  const done = results.map((r) => {
    expect(r.code).toBe(0);
    return Number(/event=run-done ok=true .* done=(\d+) /.exec(r.stderr)![1]);
  });
  // Each process took the hosts of its shard, and only those.
  expect(done).toEqual(
    [0, 1, 2].map((i) => hosts.filter((h) => shardOf(`disk\u0000disk\u0000host=${h}`, 3) === i).length)
  );
  expect(done.every((n) => n > 0)).toBe(true);
  const counts = await countsBySeries(server, db, 'trendcast_forecast', 'value');
  expect([...counts.keys()].map((k) => /host=(h\d+)/.exec(k)![1]).sort()).toEqual([...hosts].sort());
  for (const n of counts.values()) {
    expect(n).toBe(DAY_MS / STEP_MS);
  }
  const crossings = await countsBySeries(server, db, 'trendcast_crossing', 'time_left_s');
  expect([...crossings.values()].reduce((a, b) => a + b, 0)).toBe(30);
});

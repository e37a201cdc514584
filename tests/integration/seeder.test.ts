/**
 * The docker-compose seeder (docker/seed/seed.mjs) writes exactly the data the tests check: its
 * generated copy of the generator is current, its line protocol equals demoLineProtocol(), and it
 * seeds a real influxd.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { transformSync } from 'esbuild';

import { DAY_MS, HOUR_MS, demoLineProtocol, demoSeries } from '../support/demoData';
import { InfluxServer, startInfluxd } from '../support/influxd';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'docker', 'seed', 'seed.mjs');
const BANNER = '// GENERATED from tests/support/demoData.ts by esbuild (see docker/seed/README.md). Do not edit.';
const run = promisify(execFile);

/** A fixed end (a Monday 00:00 UTC) so the comparison does not depend on the clock. */
const END = Date.UTC(2025, 2, 3);

describe('docker/seed', () => {
  it('ships an up-to-date esbuild copy of tests/support/demoData.ts', () => {
    const source = readFileSync(join(ROOT, 'tests', 'support', 'demoData.ts'), 'utf8');
    const expected = transformSync(source, { loader: 'ts', format: 'esm', target: 'node18', banner: BANNER }).code;
    const actual = readFileSync(join(ROOT, 'docker', 'seed', 'demoData.mjs'), 'utf8');
    // If this fails, regenerate with the command in docker/seed/README.md.
    expect(actual).toBe(expected);
  });

  it('prints the same line protocol as demoLineProtocol()', async () => {
    const { stdout } = await run(process.execPath, [SEED, '--print', `--end=${END}`, '--days=3', '--seed=7'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const expected = demoLineProtocol({ end: END, days: 3, seed: 7 }).join('\n') + '\n';
    expect(stdout.length).toBeGreaterThan(100_000);
    expect(stdout).toBe(expected);
  });

  describe('against a real influxd', () => {
    let server: InfluxServer;
    beforeAll(async () => {
      server = await startInfluxd();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('creates the database and writes every point', async () => {
      const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      const { stdout } = await run(
        process.execPath,
        [SEED, `--url=${server.url}`, '--db=seeded', '--days=2', '--wait=10'],
        {
          env: { ...process.env, DEMO_END: String(end) },
        }
      );
      expect(stdout).toMatch(/wrote \d+ points/);
      expect(stdout).toMatch(/disk db1: 77\.4 % now, 1\.8 %\/day, 90 % at /);

      const resp = await server.query('seeded', 'SELECT count("used_percent") FROM "disk" GROUP BY "host"');
      const counts = Object.fromEntries(
        (resp.results[0].series ?? []).map((s) => [s.tags?.host ?? '', s.values[0][1]])
      );
      const expected = Object.fromEntries(
        demoSeries({ end, days: 2 })
          .filter((s) => s.measurement === 'disk')
          .map((s) => [s.host, s.times.length])
      );
      expect(counts).toEqual(expected);
      // Two days of 5-minute points, minus gaps and a few random drops.
      expect(expected.web1).toBeGreaterThan(2 * 288 - 10);
      expect(expected.web1).toBeLessThanOrEqual(2 * 288);

      const first = await server.query('seeded', 'SELECT first("usage_percent") FROM "cpu"');
      expect(first.results[0].series?.[0].values[0][0]).toBe(end - 2 * DAY_MS);
    });

    it('fails with a clear message when InfluxDB is unreachable', async () => {
      await expect(
        run(process.execPath, [SEED, '--url=http://127.0.0.1:1', '--wait=1', '--days=1'])
      ).rejects.toMatchObject({ stderr: expect.stringContaining('did not answer /ping within 1 s') });
    });
  });
});

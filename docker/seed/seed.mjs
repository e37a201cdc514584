#!/usr/bin/env node
/**
 * Trendcast demo seeder: writes the demo data (disk and cpu for a few hosts, 5-minute points,
 * 30 days ending now) into InfluxDB 1.x, then exits. Used as the one-shot `seeder` service of
 * docker-compose.yml; plain Node (>= 18), no dependencies.
 *
 * The data comes from ./demoData.mjs, which is tests/support/demoData.ts compiled by esbuild, so the
 * demo shows exactly what the integration tests check (a test compares both outputs).
 *
 * Settings (environment, or --name=value flags which win):
 *   INFLUX_URL   (--url)    default http://influxdb:8086
 *   INFLUX_DB    (--db)     default trendcast
 *   DEMO_DAYS    (--days)   default 30
 *   DEMO_SEED    (--seed)   default 20240101
 *   DEMO_END     (--end)    epoch ms or an ISO date; default now (rounded down to the hour)
 *   WAIT_SECONDS (--wait)   how long to wait for /ping, default 60
 *   --print                 print the line protocol to stdout instead of writing it
 */
import { demoLineProtocol, demoTruth } from './demoData.mjs';

function settings(argv, env) {
  const flags = {};
  for (const a of argv) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      throw new Error(`unknown argument ${a}`);
    }
    flags[m[1]] = m[2] ?? 'true';
  }
  const num = (v, name) => {
    if (v === undefined || v === '') {
      return undefined;
    }
    const n = Number(v);
    if (!Number.isFinite(n)) {
      throw new Error(`${name} must be a number, got ${v}`);
    }
    return n;
  };
  const endText = flags.end ?? env.DEMO_END;
  let end;
  if (endText !== undefined && endText !== '') {
    end = /^\d+$/.test(endText) ? Number(endText) : Date.parse(endText);
    if (!Number.isFinite(end)) {
      throw new Error(`end must be epoch ms or an ISO date, got ${endText}`);
    }
  }
  return {
    url: (flags.url ?? env.INFLUX_URL ?? 'http://influxdb:8086').replace(/\/+$/, ''),
    db: flags.db ?? env.INFLUX_DB ?? 'trendcast',
    days: num(flags.days ?? env.DEMO_DAYS, 'days'),
    seed: num(flags.seed ?? env.DEMO_SEED, 'seed'),
    end,
    waitSeconds: num(flags.wait ?? env.WAIT_SECONDS, 'wait') ?? 60,
    print: flags.print === 'true',
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForPing(url, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const res = await fetch(`${url}/ping`);
      if (res.status === 204) {
        return;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`InfluxDB at ${url} did not answer /ping within ${seconds} s`);
    }
    await sleep(500);
  }
}

async function createDatabase(url, db) {
  // CREATE DATABASE must be a POST; on an existing database it is a no-op.
  const q = `CREATE DATABASE "${db.replace(/"/g, '\\"')}"`;
  const res = await fetch(`${url}/query?${new URLSearchParams({ q })}`, { method: 'POST' });
  const body = await res.text();
  if (res.status !== 200 || /"error"/.test(body)) {
    throw new Error(`${q} failed: HTTP ${res.status} ${body}`);
  }
}

async function write(url, db, lines) {
  // precision=s: the timestamps are seconds (without it InfluxDB reads nanoseconds).
  const res = await fetch(`${url}/write?${new URLSearchParams({ db, precision: 's' })}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: lines,
  });
  if (res.status !== 204) {
    throw new Error(`write failed: HTTP ${res.status} ${await res.text()}`);
  }
}

async function main() {
  const s = settings(process.argv.slice(2), process.env);
  const opts = { end: s.end, days: s.days, seed: s.seed };
  const chunks = demoLineProtocol(opts);
  if (s.print) {
    process.stdout.write(chunks.join('\n') + '\n');
    return;
  }
  const truth = demoTruth(opts);
  const { start, end } = truth.options;
  console.log(`seeding ${s.url} db=${s.db}: ${new Date(start).toISOString()} .. ${new Date(end).toISOString()}`);
  await waitForPing(s.url, s.waitSeconds);
  await createDatabase(s.url, s.db);
  let points = 0;
  for (const chunk of chunks) {
    await write(s.url, s.db, chunk);
    points += chunk.split('\n').length;
  }
  console.log(`wrote ${points} points in ${chunks.length} requests`);
  for (const d of truth.disk) {
    const at = (t) => (t === null ? 'never' : new Date(t).toISOString());
    console.log(
      `disk ${d.host}: ${d.levelAtEnd.toFixed(1)} % now, ${d.slopePerDay} %/day, 90 % at ${at(d.reach90)}, 100 % at ${at(d.reach100)}`
    );
  }
}

main().catch((e) => {
  console.error(`seeder: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

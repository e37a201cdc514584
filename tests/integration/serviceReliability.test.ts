/**
 * `trendcast run` when InfluxDB misbehaves (a real influxd, killed with SIGKILL and restarted on
 * its data): down at start, killed in the middle of the writes, answering errors. Each time the
 * run retries with backoff and logs every failed try; a run that gives up leaves nothing that the
 * next run does not replace, and the next run writes exactly the expected points.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

import { runOnce } from '../../src/service/runService';
import { InfluxServer, startInfluxd } from '../support/influxd';
import {
  clientFor,
  countsBySeries,
  diskLines,
  END,
  HORIZON_STEPS,
  memoryLogger,
  serviceConfig,
  sleep,
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

const EXPECTED_FORECAST = 3 * HORIZON_STEPS;

async function expectExactlyOneRunWritten(db: string): Promise<void> {
  const counts = await countsBySeries(server, db, 'trendcast_forecast', 'value');
  expect(counts.size).toBe(3);
  for (const n of counts.values()) {
    expect(n).toBe(HORIZON_STEPS);
  }
  expect(await totalCount(server, db, 'trendcast_crossing', 'time_left_s')).toBe(6);
}

it('InfluxDB down at start: retries with backoff, then completes once it is up', async () => {
  const db = 'down_at_start';
  await server.createDatabase(db);
  await server.write(db, diskLines(), 'ms');
  await server.kill();
  const config = serviceConfig(server.url, db);
  config.retry = { attempts: 8, initialDelayMs: 100, maxDelayMs: 800, timeoutMs: 5000 };
  const logger = memoryLogger();
  const restarted = sleep(700).then(() => server.restart());
  const report = await runOnce({ config, client: clientFor(config, logger), logger, shard: null, now: END });
  await restarted;
  expect(report.ok).toBe(true);
  expect(report.done).toBe(3);
  const retries = logger.lines.filter((l) => l.event === 'retry');
  expect(retries.length).toBeGreaterThanOrEqual(2);
  expect(retries[0].fields).toMatchObject({ op: 'query of job disk', attempt: 1, delay_ms: 100 });
  expect(retries[1].fields).toMatchObject({ attempt: 2, delay_ms: 200 });
  expect(String((retries[0].fields as { error: string }).error)).toMatch(/cannot reach InfluxDB.*ECONNREFUSED/);
  await expectExactlyOneRunWritten(db);
});

it('InfluxDB killed in the middle of the writes and restarted: the run resumes, nothing twice', async () => {
  const db = 'killed_mid_write';
  await server.createDatabase(db);
  await server.write(db, diskLines(), 'ms');
  const config = serviceConfig(server.url, db, 'batchSize: 100');
  config.retry = { attempts: 10, initialDelayMs: 100, maxDelayMs: 500, timeoutMs: 5000 };
  const logger = memoryLogger();
  let restarted: Promise<void> | null = null;
  const report = await runOnce({
    config,
    client: clientFor(config, logger),
    logger,
    shard: null,
    now: END,
    onWrite: async (batch) => {
      if (batch === 2) {
        await server.kill();
        restarted = sleep(600).then(() => server.restart());
      }
    },
  });
  await restarted;
  expect(report.ok).toBe(true);
  expect(report.linesWritten).toBe(EXPECTED_FORECAST + 6);
  expect(
    logger.lines.some((l) => l.event === 'retry' && /write of job disk/.test(String((l.fields as { op: string }).op)))
  ).toBe(true);
  await expectExactlyOneRunWritten(db);
});

it('a run that gives up mid-write fails (exit 1 in the command); the next run completes, nothing lost or doubled', async () => {
  const db = 'gave_up';
  await server.createDatabase(db);
  await server.write(db, diskLines(), 'ms');
  const config = serviceConfig(server.url, db, 'batchSize: 100');
  config.retry = { attempts: 2, initialDelayMs: 50, maxDelayMs: 50, timeoutMs: 2000 };
  const logger = memoryLogger();
  const failed = await runOnce({
    config,
    client: clientFor(config, logger),
    logger,
    shard: null,
    now: END,
    onWrite: async (batch) => {
      if (batch === 3) {
        await server.kill();
      }
    },
  });
  expect(failed.ok).toBe(false);
  // Three full batches of 100 lines: db1's 288 forecast and 2 crossing lines, web1's first 10.
  expect(failed.linesWritten).toBe(300);
  const jobFailure = failed.failures.find((f) => f.series === undefined);
  expect(jobFailure).toMatchObject({ job: 'disk' });
  expect(jobFailure!.error).toMatch(/write failed: cannot reach InfluxDB/);
  expect(logger.lines.filter((l) => l.event === 'retry')).toHaveLength(1);
  expect(logger.lines.some((l) => l.event === 'run-aborted')).toBe(true);

  await server.restart();
  // What the failed run wrote survived the crash (the WAL), but is incomplete.
  expect(await totalCount(server, db, 'trendcast_forecast', 'value')).toBe(HORIZON_STEPS + 10);
  expect(await totalCount(server, db, 'trendcast_crossing', 'time_left_s')).toBe(2);
  const next = await runOnce({
    config,
    client: clientFor(config, logger),
    logger,
    shard: null,
    now: END + 10 * 60_000,
  });
  expect(next.ok).toBe(true);
  await expectExactlyOneRunWritten(db);
});

it('lines InfluxDB refuses (a field type conflict) fail the job, the rest is written', async () => {
  const db = 'refused';
  await server.createDatabase(db);
  await server.write(db, diskLines(), 'ms');
  // at_s already stored as a string in this shard: InfluxDB refuses our float at_s (web1's 90 %,
  // the only crossing within the horizon) and keeps every other line ("partial write").
  await server.write(db, `trendcast_crossing,host=other,threshold=90 at_s="soon" ${END}`, 'ms');
  const config = serviceConfig(server.url, db);
  const logger = memoryLogger();
  const report = await runOnce({ config, client: clientFor(config, logger), logger, shard: null, now: END });
  expect(report.ok).toBe(false);
  expect(report.done).toBe(3);
  expect(report.jobs[0].failed).toBe(true);
  expect(report.linesWritten).toBe(EXPECTED_FORECAST + 6 - 1);
  expect(report.failures.find((f) => f.series === undefined)!.error).toMatch(
    /^write refused: HTTP 400: .*field type conflict/
  );
  expect(logger.lines.filter((l) => l.event === 'retry')).toHaveLength(0);
  expect(await totalCount(server, db, 'trendcast_forecast', 'value')).toBe(EXPECTED_FORECAST);
  const crossings = await countsBySeries(server, db, 'trendcast_crossing', 'time_left_s');
  expect([...crossings.values()].reduce((a, b) => a + b, 0)).toBe(5);
  expect([...crossings.keys()].some((k) => k.includes('host=web1') && k.includes('threshold=90'))).toBe(false);
});

describe('InfluxDB answering errors', () => {
  let proxy: Server;
  /** Scripted answers of the first requests: an HTTP status, or a delay in ms before passing on. */
  let answers: Array<number | { delayMs: number }>;
  let seen: number;

  beforeAll(async () => {
    // In front of the real server: the first requests get the scripted error statuses.
    const pass = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const status = answers[seen++];
      if (typeof status === 'object') {
        await sleep(status.delayMs);
      } else if (status !== undefined) {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: `scripted ${status}` }));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) {
        chunks.push(c as Buffer);
      }
      const upstream = await fetch(`${server.url}${req.url}`, {
        method: req.method,
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'text/plain' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    };
    // In front of the real server: the first requests get the scripted answers. A request the
    // client gave up on (timed out) ends here with an error: nothing to answer.
    proxy = createServer((req, res) => {
      pass(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  });

  afterAll(async () => {
    await new Promise((r) => proxy.close(r));
  });

  const url = () => `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  it('retries 500/503 and completes', async () => {
    const db = 'errors_5xx';
    await server.createDatabase(db);
    await server.write(db, diskLines(), 'ms');
    answers = [503, 500];
    seen = 0;
    const config = serviceConfig(url(), db);
    const logger = memoryLogger();
    const report = await runOnce({ config, client: clientFor(config, logger), logger, shard: null, now: END });
    expect(report.ok).toBe(true);
    expect(logger.lines.filter((l) => l.event === 'retry').map((l) => (l.fields as { error: string }).error)).toEqual([
      'HTTP 503: {"error":"scripted 503"}',
      'HTTP 500: {"error":"scripted 500"}',
    ]);
    await expectExactlyOneRunWritten(db);
  });

  it('times out a slow answer, logs it and retries', async () => {
    const db = 'slow';
    await server.createDatabase(db);
    await server.write(db, diskLines(), 'ms');
    answers = [{ delayMs: 1500 }];
    seen = 0;
    const config = serviceConfig(url(), db);
    config.retry.timeoutMs = 300;
    const logger = memoryLogger();
    const report = await runOnce({ config, client: clientFor(config, logger), logger, shard: null, now: END });
    expect(report.ok).toBe(true);
    const retries = logger.lines.filter((l) => l.event === 'retry');
    expect(retries).toHaveLength(1);
    expect(retries[0].fields).toMatchObject({
      op: 'query of job disk',
      error: `cannot reach InfluxDB at ${url()}: timed out`,
    });
    await expectExactlyOneRunWritten(db);
  });

  it('does not retry a refused query (400): the job fails at once', async () => {
    answers = [400];
    seen = 0;
    const config = serviceConfig(url(), 'errors_400');
    const logger = memoryLogger();
    const report = await runOnce({ config, client: clientFor(config, logger), logger, shard: null, now: END });
    expect(report.ok).toBe(false);
    expect(report.jobs[0].failed).toBe(true);
    expect(seen).toBe(1);
    expect(logger.lines.filter((l) => l.event === 'retry')).toHaveLength(0);
  });
});

import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { RetryPolicy } from './config';
import { backoffDelay, createInfluxClient, InfluxError } from './influxClient';
import { Logger } from './log';

/** A fake InfluxDB answering with `answer(request number)`; records each request. */
let server: Server;
let seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }>;
let answer: (n: number) => { status: number; body: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const a = answer(seen.length);
      res.writeHead(a.status, { 'Content-Type': 'application/json' });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  seen = [];
});

const retry: RetryPolicy = { attempts: 4, initialDelayMs: 100, maxDelayMs: 250, timeoutMs: 2000 };

function client(credentials: Parameters<typeof createInfluxClient>[0]['credentials'], waits: number[] = []) {
  const events: Array<{ event: string; fields: object }> = [];
  const logger: Logger = { log: (_level, event, fields = {}) => events.push({ event, fields }) };
  const c = createInfluxClient({
    settings: {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      database: 'telegraf',
      retentionPolicy: 'autogen',
    },
    credentials,
    retry,
    logger,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { c, events };
}

describe('the InfluxDB client', () => {
  it('queries as Grafana does (GET /query, db, rp, epoch=ms) with basic credentials', async () => {
    answer = () => ({
      status: 200,
      body: JSON.stringify({
        results: [{ statement_id: 0, series: [{ name: 'disk', columns: ['time', 'mean'], values: [[1, 2]] }] }],
      }),
    });
    const { c } = client({ kind: 'basic', username: 'trend', password: 'cast' });
    const series = await c.query('SELECT 1', 'test query');
    expect(series).toEqual([{ name: 'disk', columns: ['time', 'mean'], values: [[1, 2]] }]);
    const url = new URL(seen[0].url, 'http://x');
    expect(seen[0].method).toBe('GET');
    expect(url.pathname).toBe('/query');
    expect(Object.fromEntries(url.searchParams)).toEqual({ db: 'telegraf', rp: 'autogen', q: 'SELECT 1', epoch: 'ms' });
    expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from('trend:cast').toString('base64')}`);
  });

  it('writes line protocol (POST /write, precision=ms) with a token', async () => {
    answer = () => ({ status: 204, body: '' });
    const { c } = client({ kind: 'token', token: 's3cret' });
    await c.write(['m v=1 1', 'm v=2 2'], 'test write');
    const url = new URL(seen[0].url, 'http://x');
    expect(seen[0].method).toBe('POST');
    expect(url.pathname).toBe('/write');
    expect(Object.fromEntries(url.searchParams)).toEqual({ db: 'telegraf', rp: 'autogen', precision: 'ms' });
    expect(seen[0].body).toBe('m v=1 1\nm v=2 2');
    expect(seen[0].headers.authorization).toBe('Token s3cret');
  });

  it('retries a 503 with doubling waits up to the cap, then gives up after `attempts` tries', async () => {
    answer = () => ({ status: 503, body: '{"error":"busy"}' });
    const waits: number[] = [];
    const { c, events } = client({ kind: 'none' }, waits);
    await expect(c.write(['m v=1 1'], 'test write')).rejects.toThrow(
      new InfluxError('HTTP 503: {"error":"busy"}', true, 503)
    );
    expect(seen).toHaveLength(4);
    expect(waits).toEqual([100, 200, 250]);
    expect(events.map((e) => e.event)).toEqual(['retry', 'retry', 'retry', 'influx-failed']);
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('does not retry a 401 or a statement error', async () => {
    answer = () => ({ status: 401, body: '{"error":"authorization failed"}' });
    const { c } = client({ kind: 'basic', username: 'u', password: 'wrong' });
    await expect(c.query('SELECT 1', 'q')).rejects.toThrow('HTTP 401: {"error":"authorization failed"}');
    expect(seen).toHaveLength(1);
    answer = () => ({ status: 200, body: '{"results":[{"statement_id":0,"error":"database not found: telegraf"}]}' });
    await expect(c.query('SELECT 1', 'q')).rejects.toThrow('q: database not found: telegraf');
    expect(seen).toHaveLength(2);
  });

  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay({ ...retry, maxDelayMs: 1000 }, n))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});

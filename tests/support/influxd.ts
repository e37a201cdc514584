/**
 * A throw-away InfluxDB 1.x server for integration tests: Debian's `influxd` (1.6) started as a
 * child process on free ports in a temp dir, plus a tiny HTTP client that talks to it the way
 * Grafana's InfluxQL data source does (GET /query with `epoch=ms`, POST /write with a precision).
 *
 * Recipe and pitfalls (from running influxd 1.6.7 on Debian bookworm): each instance needs its own
 * HTTP *and* RPC port, `[monitor] store-enabled = false` keeps the `_internal` database away,
 * writes use `precision=s` (without it times are nanoseconds), statement errors arrive with
 * HTTP 200 inside `results[i].error` and parse errors with HTTP 400.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One series of an InfluxQL result: one per GROUP BY tag set. */
export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: Array<Array<number | string | boolean | null>>;
  partial?: boolean;
}

/** One statement's result (`;`-separated statements give one each). */
export interface InfluxStatementResult {
  statement_id: number;
  series?: InfluxSeries[];
  error?: string;
  messages?: Array<{ level: string; text: string }>;
}

/** The JSON body of GET /query. */
export interface InfluxQueryResponse {
  results: InfluxStatementResult[];
  error?: string;
}

/** An HTTP answer that was not the expected status; `body` is the raw response text. */
export class InfluxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string
  ) {
    super(`${what}: HTTP ${status}: ${body.trim()}`);
    this.name = 'InfluxHttpError';
  }
}

/** A statement-level error, which InfluxDB reports with HTTP 200 inside `results[i].error`. */
export class InfluxStatementError extends Error {
  constructor(
    readonly statementId: number,
    readonly influxMessage: string
  ) {
    super(`InfluxQL statement ${statementId} failed: ${influxMessage}`);
    this.name = 'InfluxStatementError';
  }
}

export interface InfluxServer {
  url: string;
  httpPort: number;
  /** Port of the RPC/backup service (top-level `bind-address`); unique per instance. */
  rpcPort: number;
  /** The temp dir holding config, meta, data and wal; removed by stop(). */
  dataDir: string;
  pid: number;
  createDatabase(db: string): Promise<void>;
  write(db: string, lineProtocol: string, precision?: 's' | 'ms'): Promise<void>;
  query(db: string, influxql: string, opts?: { epoch?: 'ms' | 's' }): Promise<InfluxQueryResponse>;
  /** What influxd printed on stdout/stderr so far (capped). */
  log(): string;
  /** Kills the server with SIGKILL (a crash), keeping its data dir for restart(). */
  kill(): Promise<void>;
  /** Starts the server again on the same ports and data dir; resolves when /ping answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_INFLUXD = '/usr/bin/influxd';
const START_DEADLINE_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const LOG_CAP = 64 * 1024;

/** Children still running, killed synchronously if the test process exits without stop(). */
const live = new Map<ChildProcess, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  const killAll = (): void => {
    for (const [child, dir] of live) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    }
    live.clear();
  };
  process.on('exit', killAll);
  // 'exit' does not run on a signal: clean up, then re-raise it with the default action
  // (`once` has already removed this listener), so the process still ends as it would have.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAll();
      process.kill(process.pid, sig);
    });
  }
}

/** Binds 127.0.0.1:0 and returns the port the kernel picked; the server is kept open until release. */
function reservePort(): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        reject(new Error('could not read the reserved port'));
        return;
      }
      resolve({ port: addr.port, release: () => new Promise<void>((r) => srv.close(() => r())) });
    });
  });
}

/** Two distinct free ports (both held while the second is picked, so they cannot coincide). */
async function twoFreePorts(): Promise<[number, number]> {
  const a = await reservePort();
  const b = await reservePort();
  await a.release();
  await b.release();
  return [a.port, b.port];
}

/** The influxd config of the recipe: no phone-home, no _internal store, quiet logs, own ports and dirs. */
function configText(dir: string, httpPort: number, rpcPort: number): string {
  return `reporting-enabled = false
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${dir}/meta"

[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false

[logging]
  level = "warn"
`;
}

/** Finds influxd ($INFLUXD or /usr/bin/influxd); as root, installs Debian's package once if missing. */
function locateInfluxd(): string {
  const bin = process.env.INFLUXD ?? DEFAULT_INFLUXD;
  if (existsSync(bin)) {
    return bin;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && bin === DEFAULT_INFLUXD) {
    const install = ['install', '-y', '--no-install-recommends', 'influxdb'];
    console.log(`[influxd] ${bin} not found; running: apt-get ${install.join(' ')}`);
    try {
      execFileSync('apt-get', install, { stdio: 'inherit' });
    } catch {
      // An image with empty package lists needs one update first.
      console.log('[influxd] install failed; running: apt-get update, then the install again');
      try {
        execFileSync('apt-get', ['update'], { stdio: 'inherit' });
        execFileSync('apt-get', install, { stdio: 'inherit' });
      } catch {
        // reported below
      }
    }
    if (existsSync(bin)) {
      return bin;
    }
  }
  throw new Error(
    `influxd not found at ${bin}. Install InfluxDB 1.x, e.g. as root: ` +
      `apt-get update && apt-get install -y --no-install-recommends influxdb ` +
      `(or set INFLUXD=/path/to/influxd).`
  );
}

interface HttpAnswer {
  status: number;
  body: string;
}

/** One plain HTTP request without connection pooling (no sockets left open after a test). */
function request(method: 'GET' | 'POST', url: string, body?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) {
      req.setHeader('Content-Type', 'text/plain; charset=utf-8');
      req.setHeader('Content-Length', Buffer.byteLength(body));
      req.end(body);
    } else {
      req.end();
    }
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function parseQueryBody(body: string, what: string, status: number): InfluxQueryResponse {
  try {
    return JSON.parse(body) as InfluxQueryResponse;
  } catch {
    throw new InfluxHttpError(status, body, `${what}: response is not JSON`);
  }
}

/**
 * Starts a fresh influxd on two free localhost ports (HTTP and RPC) with its own temp dir and waits
 * until GET /ping answers 204 (deadline 15 s). Precondition: influxd 1.x is installed (as root it
 * is installed from Debian's package when missing). Returns a handle; always call stop().
 * Throws with influxd's log when it exits or does not answer in time.
 */
export async function startInfluxd(opts: { log?: boolean } = {}): Promise<InfluxServer> {
  const bin = locateInfluxd();
  installExitHook();
  const dataDir = await mkdtemp(join(tmpdir(), 'trendcast-influxd-'));
  const [httpPort, rpcPort] = await twoFreePorts();
  const confPath = join(dataDir, 'influxdb.conf');
  await writeFile(confPath, configText(dataDir, httpPort, rpcPort));

  let logText = '';
  let child!: ChildProcess;
  let spawnError: Error | undefined;
  const spawnChild = (): void => {
    spawnError = undefined;
    child = spawn(bin, ['run', '-config', confPath, '-pidfile', join(dataDir, 'influxd.pid')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, INFLUXDB_CONFIG_PATH: confPath },
    });
    const current = child;
    live.set(current, dataDir);
    const onOutput = (chunk: Buffer): void => {
      const s = chunk.toString('utf8');
      if (opts.log) {
        process.stderr.write(`[influxd ${httpPort}] ${s}`);
      }
      logText = (logText + s).slice(-LOG_CAP);
    };
    current.stdout?.on('data', onOutput);
    current.stderr?.on('data', onOutput);
    current.on('error', (e) => {
      spawnError = e;
    });
    current.on('exit', () => live.delete(current));
  };
  spawnChild();

  const url = `http://127.0.0.1:${httpPort}`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) {
      return;
    }
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_GRACE_MS);
      }
    }
    live.delete(child);
    await rm(dataDir, { recursive: true, force: true });
  };

  const waitForPing = async (): Promise<void> => {
    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (spawnError !== undefined || child.exitCode !== null || child.signalCode !== null) {
        await stop();
        throw new Error(
          `influxd exited during start-up (code ${child.exitCode}, signal ${child.signalCode}` +
            `${spawnError ? `, ${spawnError.message}` : ''}). Log:\n${logText}`
        );
      }
      try {
        const ping = await request('GET', `${url}/ping`);
        if (ping.status === 204) {
          break;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`influxd did not answer /ping with 204 within ${START_DEADLINE_MS} ms. Log:\n${logText}`);
      }
      await sleep(20);
    }
  };
  await waitForPing();

  const query = async (
    db: string,
    influxql: string,
    qopts: { epoch?: 'ms' | 's' } = {}
  ): Promise<InfluxQueryResponse> => {
    const params = new URLSearchParams({ db, q: influxql, epoch: qopts.epoch ?? 'ms' });
    const ans = await request('GET', `${url}/query?${params.toString()}`);
    const what = `query ${JSON.stringify(influxql)}`;
    if (ans.status !== 200) {
      // A parse error is HTTP 400 with a top-level {"error": …}.
      throw new InfluxHttpError(ans.status, ans.body, what);
    }
    const parsed = parseQueryBody(ans.body, what, ans.status);
    if (parsed.error !== undefined) {
      throw new InfluxHttpError(ans.status, ans.body, what);
    }
    // A statement error (unknown database, bad function use) comes with HTTP 200.
    for (const r of parsed.results ?? []) {
      if (r.error !== undefined) {
        throw new InfluxStatementError(r.statement_id, r.error);
      }
    }
    return parsed;
  };

  return {
    url,
    httpPort,
    rpcPort,
    dataDir,
    pid: child.pid ?? -1,
    log: () => logText,
    stop,
    async kill(): Promise<void> {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_GRACE_MS);
      }
    },
    async restart(): Promise<void> {
      spawnChild();
      await waitForPing();
    },
    query,
    async createDatabase(db: string): Promise<void> {
      // Must be a POST: a GET still creates it but answers with a deprecation warning.
      const q = `CREATE DATABASE "${db.replace(/"/g, '\\"')}"`;
      const ans = await request('POST', `${url}/query?${new URLSearchParams({ q }).toString()}`);
      if (ans.status !== 200) {
        throw new InfluxHttpError(ans.status, ans.body, q);
      }
      const parsed = parseQueryBody(ans.body, q, ans.status);
      const err = parsed.error ?? parsed.results?.find((r) => r.error !== undefined)?.error;
      if (err !== undefined) {
        throw new InfluxStatementError(0, err);
      }
    },
    async write(db: string, lineProtocol: string, precision: 's' | 'ms' = 's'): Promise<void> {
      const params = new URLSearchParams({ db, precision });
      const ans = await request('POST', `${url}/write?${params.toString()}`, lineProtocol);
      if (ans.status !== 204) {
        throw new InfluxHttpError(ans.status, ans.body, `write to ${db}`);
      }
    },
  };
}

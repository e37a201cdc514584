/**
 * The service's InfluxDB client over the 1.x HTTP API (which InfluxDB 2.x and 3.x also serve as
 * their v1 compatibility API): GET /query with `epoch=ms`, as Grafana's InfluxQL data source asks,
 * and POST /write in line protocol with `precision=ms`. Node's fetch, no client library.
 *
 * Every request is retried with exponential backoff (bounded by RetryPolicy) when the failure may
 * pass: the server cannot be reached, the connection drops, the request times out, HTTP 5xx,
 * 429 or 503. A client error (a bad query, an unknown database, a refused write, bad credentials)
 * is not retried. Each failed try is one `event=retry` log line. Retrying a write is safe: InfluxDB
 * keeps one point per measurement, tag set and time, so a repeated line overwrites, never adds.
 */
import { Credentials, InfluxSettings, RetryPolicy } from './config';
import { Logger } from './log';

/** One series of an InfluxQL result (one per GROUP BY tag set). */
export interface QuerySeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: Array<Array<number | string | boolean | null>>;
}

interface QueryBody {
  results?: Array<{ statement_id?: number; series?: QuerySeries[]; error?: string }>;
  error?: string;
}

export class InfluxError extends Error {
  constructor(
    message: string,
    /** Whether trying again may succeed. */
    readonly retryable: boolean,
    readonly status: number | null = null
  ) {
    super(message);
    this.name = 'InfluxError';
  }
}

export interface InfluxClientOptions {
  settings: InfluxSettings;
  credentials: Credentials;
  retry: RetryPolicy;
  logger: Logger;
  /** Waits `ms` (tests and the scheduler's stop signal may shorten it). */
  sleep?: (ms: number) => Promise<void>;
}

export interface InfluxClient {
  /** Runs one InfluxQL statement; resolves with its series (none for an empty result). */
  query(influxql: string, what: string): Promise<QuerySeries[]>;
  /** Writes lines (one request; the caller batches). */
  write(lines: string[], what: string): Promise<void>;
  /** Requests made so far, failed tries included. */
  readonly requests: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The wait before retry number `retry` (1-based): initial × 2^(retry−1), capped. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
}

function causeText(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return 'timed out';
  }
  const cause = err?.cause;
  if (cause && (cause.code || cause.message)) {
    return [cause.code, cause.message].filter(Boolean).join(' ');
  }
  return err?.message ?? String(e);
}

export function createInfluxClient(opts: InfluxClientOptions): InfluxClient {
  const { settings, credentials, retry, logger } = opts;
  const sleep = opts.sleep ?? defaultSleep;
  let requests = 0;

  const headers: Record<string, string> = {};
  if (credentials.kind === 'basic') {
    headers.Authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  } else if (credentials.kind === 'token') {
    headers.Authorization = `Token ${credentials.token}`;
  }

  const baseParams = (): URLSearchParams => {
    const p = new URLSearchParams({ db: settings.database });
    if (settings.retentionPolicy) {
      p.set('rp', settings.retentionPolicy);
    }
    return p;
  };

  /** One try: the response text of a 2xx answer, or an InfluxError. */
  async function once(url: string, init: RequestInit): Promise<string> {
    requests++;
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(retry.timeoutMs) });
    } catch (e) {
      throw new InfluxError(`cannot reach InfluxDB at ${settings.url}: ${causeText(e)}`, true);
    }
    let body: string;
    try {
      body = await res.text();
    } catch (e) {
      throw new InfluxError(`InfluxDB answer cut off: ${causeText(e)}`, true, res.status);
    }
    if (res.status >= 200 && res.status < 300) {
      return body;
    }
    const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
    const detail = body.trim().slice(0, 300) || res.statusText;
    throw new InfluxError(`HTTP ${res.status}: ${detail}`, retryable, res.status);
  }

  async function withRetry(what: string, attempt: () => Promise<string>): Promise<string> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        const err = e instanceof InfluxError ? e : new InfluxError(String((e as Error)?.message ?? e), false);
        if (!err.retryable || n >= retry.attempts) {
          logger.log('error', 'influx-failed', { op: what, attempt: n, of: retry.attempts, error: err.message });
          throw err;
        }
        const delay = backoffDelay(retry, n);
        logger.log('warn', 'retry', { op: what, attempt: n, of: retry.attempts, delay_ms: delay, error: err.message });
        await sleep(delay);
      }
    }
  }

  return {
    get requests() {
      return requests;
    },
    async query(influxql: string, what: string): Promise<QuerySeries[]> {
      const params = baseParams();
      params.set('q', influxql);
      params.set('epoch', 'ms');
      const text = await withRetry(what, () => once(`${settings.url}/query?${params.toString()}`, { headers }));
      let body: QueryBody;
      try {
        body = JSON.parse(text) as QueryBody;
      } catch {
        throw new InfluxError(`${what}: the answer is not JSON: ${text.slice(0, 200)}`, false);
      }
      if (body.error !== undefined) {
        throw new InfluxError(`${what}: ${body.error}`, false);
      }
      const result = body.results?.[0];
      if (result?.error !== undefined) {
        // A statement error (unknown database, bad function use) comes with HTTP 200.
        throw new InfluxError(`${what}: ${result.error}`, false);
      }
      return result?.series ?? [];
    },
    async write(lines: string[], what: string): Promise<void> {
      if (lines.length === 0) {
        return;
      }
      const params = baseParams();
      params.set('precision', 'ms');
      const body = lines.join('\n');
      await withRetry(what, () =>
        once(`${settings.url}/write?${params.toString()}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
          body,
        })
      );
    },
  };
}

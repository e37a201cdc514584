/**
 * The LSTM in headless Chromium through the built plugin (dist/trendcast-forecast-panel/): the training worker
 * (lstm-worker.*.js) is started from the plugin's folder as Grafana serves it
 * (/public/plugins/trendcast-forecast-panel/), loads the lazy tfjs chunk and the .wasm files from
 * there, and caches weights in the page's real IndexedDB. Measures per series of 8 weeks hourly:
 * cold training, a cached refresh (no training), a refresh after a page reload (the weights come
 * back from IndexedDB), and a fine-tune on 24 new points. Fails loudly when the cache does not
 * round-trip. Used by `npm run bench:lstm -- --part chromium`.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

import { validForecastOptions } from '../src/models/forecastOptions';
import { launchChromium } from '../tests/e2e/browser';

const PLUGIN_PATH = '/public/plugins/trendcast-forecast-panel/';
const TYPES: Record<string, string> = {
  '.js': 'application/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};

function serveDist(dist: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>lstm</title>');
      return;
    }
    if (!url.pathname.startsWith(PLUGIN_PATH)) {
      res.writeHead(404).end();
      return;
    }
    const file = normalize(join(dist, url.pathname.slice(PLUGIN_PATH.length)));
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface ChromiumRun {
  action: string;
  cache: string;
  backend: string;
  ms: number;
  /** ms until the forecast from cached weights arrived (NaN when there was none). */
  cachedMs: number;
  points: number;
}

/** The page side: runs one job in the worker, resolves with what happened. Serialised into the page. */
const PAGE_RUNNER = `
window.lstmRun = (worker, job) => new Promise((resolve) => {
  const id = Math.floor(Math.random() * 1e9);
  const t0 = performance.now();
  let cachedMs = NaN;
  const onMessage = (e) => {
    const m = e.data;
    if (m.id !== id) return;
    if (m.type === 'cached') cachedMs = performance.now() - t0;
    if (m.type === 'done') {
      worker.removeEventListener('message', onMessage);
      const s = m.outcome.lstm;
      resolve({ action: s ? s.action : 'none', cache: s ? s.cache : 'none', backend: s ? s.backend : 'none', ms: performance.now() - t0, cachedMs,
        points: m.outcome.result.forecast ? m.outcome.result.forecast.point.length : 0, problem: m.outcome.result.problem });
    }
  };
  worker.addEventListener('message', onMessage);
  worker.postMessage({ type: 'run', id, job });
});

// A panel's cold trainings spread over k workers as the page's pool spreads them (each job to a
// free worker): the wall time of the whole batch.
window.lstmBatch = async (url, k, jobs) => {
  const workers = Array.from({ length: k }, () => new Worker(url));
  const t0 = performance.now();
  let next = 0;
  const lane = async (w) => { while (next < jobs.length) { await window.lstmRun(w, jobs[next++]); } };
  await Promise.all(workers.map(lane));
  const ms = performance.now() - t0;
  workers.forEach((w) => w.terminate());
  return ms;
};
`;

/** A panel's series trained cold by k workers at once: the batch's wall time. */
export interface PoolRun {
  workers: number;
  series: number;
  ms: number;
}

/** Runs the Chromium measurements over `count` synthetic series (plus one untimed warm-up). */
export async function chromiumRuns(
  count: number,
  makeSeries: (seed: number, n: number) => Float64Array
): Promise<{ rows: ChromiumRun[][]; pool: PoolRun[]; cores: number; userAgent: string }> {
  const dist = join(process.cwd(), 'dist/trendcast-forecast-panel');
  const workerFile = existsSync(dist) ? readdirSync(dist).find((f) => /^lstm-worker\..*\.js$/.test(f)) : undefined;
  if (!workerFile) {
    throw new Error('dist/trendcast-forecast-panel/lstm-worker.*.js not found: run `npm run build` first');
  }
  const server = await serveDist(dist);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const open = async () => {
      await page.goto(`${origin}/`);
      await page.evaluate(PAGE_RUNNER);
      await page.evaluate(`window.lstmWorker = new Worker('${PLUGIN_PATH}${workerFile}')`);
    };
    const job = (seed: number, n: number) => {
      const values = Array.from(makeSeries(seed, n));
      return {
        series: {
          name: `s${seed}`,
          labels: { seed: String(seed) },
          times: values.map((_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
          values,
        },
        // Resolved as the panel resolves them (the worker reads the parsed horizon).
        request: validForecastOptions({ model: 'lstm', horizon: '336' }),
        dashboardUid: 'bench',
        panelId: seed,
      };
    };
    const run = (j: unknown) =>
      page.evaluate(
        (arg) =>
          (window as unknown as { lstmRun: (w: unknown, j: unknown) => Promise<ChromiumRun> }).lstmRun(
            (window as unknown as { lstmWorker: unknown }).lstmWorker,
            arg
          ),
        j
      );
    await open();
    const n = 8 * 7 * 24;
    await run(job(99, n)); // warm-up: the tfjs chunk and the wasm module load and compile
    const rows: ChromiumRun[][] = [];
    for (let s = 0; s < count; s++) {
      rows.push([await run(job(10 + s, n)), await run(job(10 + s, n))]);
    }
    await open(); // a reload: a new page and worker, the same IndexedDB
    await run(job(99, n));
    for (let s = 0; s < count; s++) {
      rows[s].push(await run(job(10 + s, n)), await run(job(10 + s, n + 24)));
    }
    // A panel of 8 series trained cold by one worker, then by one per core as the pool does (new
    // panel ids: nothing comes from the cache).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const pool: PoolRun[] = [];
    const panelSeries = 8;
    for (const k of Array.from(new Set([1, Math.max(1, Math.min(4, cores))]))) {
      const jobs = Array.from({ length: panelSeries }, (_, i) => ({ ...job(40 + i, n), panelId: `pool-${k}-${i}` }));
      const ms = await page.evaluate(
        ([url, workers, list]) =>
          (window as unknown as { lstmBatch: (u: string, k: number, j: unknown[]) => Promise<number> }).lstmBatch(
            url as string,
            workers as number,
            list as unknown[]
          ),
        [`${PLUGIN_PATH}${workerFile}`, k, jobs] as const
      );
      pool.push({ workers: k, series: panelSeries, ms });
    }
    const userAgent = await page.evaluate(() => navigator.userAgent);
    return { rows, pool, cores, userAgent };
  } finally {
    await browser.close();
    server.close();
  }
}

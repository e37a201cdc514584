/**
 * The page's side of the training workers: a pool shared by every panel, one worker per core up to
 * MAX_WORKERS, started as jobs arrive (a job goes to the worker with the fewest jobs; a new worker
 * starts only when every one has some). Jobs by id, progress and cached forecasts streamed back,
 * cancellation by AbortSignal. Where a worker cannot start (no Worker, a CSP that forbids it, a
 * plugin served from another origin) jobs run in the page instead: slower to the eye, same results.
 */
import { emptySeriesForecast } from '../models/forecastSeries';
import { jobSeries, LstmJob, LstmJobHooks, LstmRunner, WorkerRequest, WorkerResponse } from './lstmJobs';
import { SeriesOutcome } from './seriesOutcome';

declare const __webpack_public_path__: string;

/** Training workers at most: each holds its own copy of the engine and its networks. */
export const MAX_WORKERS = 4;

/** Workers for `cores` (navigator.hardwareConcurrency): one per core, 1 to MAX_WORKERS. */
export function workerCount(cores: number | undefined): number {
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(cores ?? 1) || 1));
}

interface Pending {
  job: LstmJob;
  hooks: LstmJobHooks;
  resolve: (o: SeriesOutcome) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

let shared: LstmRunner | null = null;

/** The shared runner (created on first use). */
export function getLstmRunner(): LstmRunner {
  if (!shared) {
    const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
    shared = createWorkerPool(workerCount(cores)) ?? createMainThreadRunner();
  }
  return shared;
}

function startWorker(): Worker | null {
  try {
    // The plugin's output is AMD; the worker must not be (no `define` in a worker): its own library
    // type. Its chunks load from its own folder ("auto"), not from the page-relative public path.
    return new Worker(
      /* webpackChunkName: "lstm-worker", webpackEntryOptions: { library: { type: "self", name: "trendcastLstmWorker" }, publicPath: "auto" } */
      new URL('./lstmWorker.ts', import.meta.url)
    );
  } catch {
    return null;
  }
}

function createWorkerPool(size: number): LstmRunner | null {
  const pool: PoolWorker[] = [];
  let nextId = 1;
  let failed = false;

  const add = (): PoolWorker | null => {
    const worker = startWorker();
    if (!worker) {
      return null;
    }
    const member: PoolWorker = { worker, pending: new Map() };
    worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const msg = e.data;
      const p = member.pending.get(msg.id);
      if (!p) {
        return;
      }
      if (msg.type === 'progress') {
        p.hooks.onProgress?.(msg.progress);
      } else if (msg.type === 'cached') {
        p.hooks.onCached?.(msg.result, msg.status);
      } else {
        member.pending.delete(msg.id);
        p.resolve(msg.outcome);
      }
    };
    worker.onerror = (e) => {
      // A worker that fails to load (404, CSP): every job of the pool finishes in the page instead.
      e.preventDefault?.();
      fallBack();
    };
    pool.push(member);
    return member;
  };

  const fallBack = () => {
    if (failed) {
      return;
    }
    failed = true;
    const page = createMainThreadRunner();
    shared = page;
    for (const member of pool) {
      member.worker.terminate();
      for (const p of member.pending.values()) {
        page.run(p.job, p.hooks).then(p.resolve);
      }
      member.pending.clear();
    }
  };

  /** The worker with the fewest jobs; a new one while every worker has some and the pool is not full. */
  const pick = (): PoolWorker => {
    const least = pool.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return least.pending.size > 0 && pool.length < size ? (add() ?? least) : least;
  };

  if (!add()) {
    return null;
  }
  return {
    where: 'worker',
    lanes: size,
    run(job, hooks = {}) {
      if (failed) {
        return (shared ?? createMainThreadRunner()).run(job, hooks);
      }
      const id = nextId++;
      return new Promise<SeriesOutcome>((resolve) => {
        if (hooks.signal?.aborted) {
          resolve(cancelledOutcome(job));
          return;
        }
        const member = pick();
        member.pending.set(id, { job, hooks, resolve });
        hooks.signal?.addEventListener(
          'abort',
          () => member.worker.postMessage({ type: 'cancel', id } satisfies WorkerRequest),
          { once: true }
        );
        member.worker.postMessage({
          type: 'run',
          id,
          job: { ...job, series: jobSeries(job.series) },
        } satisfies WorkerRequest);
      });
    },
    dispose() {
      pool.forEach((m) => m.worker.terminate());
      shared = null;
    },
  };
}

function createMainThreadRunner(): LstmRunner {
  let storePromise: Promise<import('./weightStore').WeightStore> | null = null;
  return {
    where: 'main-thread',
    lanes: 1,
    async run(job, hooks = {}) {
      const [{ runLstmJob }, { createIndexedDbWeightStore }, { createMemoryWeightStore }] = await Promise.all([
        import('./runLstmJob'),
        import('./indexedDbWeightStore'),
        import('./weightStore'),
      ]);
      storePromise ??= Promise.resolve(createIndexedDbWeightStore() ?? createMemoryWeightStore());
      const base = typeof document !== 'undefined' ? document.baseURI : undefined;
      const wasmPath = base ? new URL(__webpack_public_path__, base).href : undefined;
      return runLstmJob(job, await storePromise, hooks, { wasmPath });
    },
    dispose() {
      shared = null;
    },
  };
}

function cancelledOutcome(job: LstmJob): SeriesOutcome {
  return {
    result: emptySeriesForecast(job.series, { code: 'model-failed', message: 'LSTM training was cancelled' }),
    lstm: null,
    cancelled: true,
  };
}

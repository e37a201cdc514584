/**
 * The page's side of the training worker: one shared worker for every panel, jobs by id,
 * progress and cached forecasts streamed back, cancellation by AbortSignal. Where a worker cannot
 * start (no Worker, a CSP that forbids it, a plugin served from another origin) jobs run in the
 * page instead: slower to the eye, same results.
 */
import { emptySeriesForecast } from '../models/forecastSeries';
import { jobSeries, LstmJob, LstmJobHooks, LstmRunner, WorkerRequest, WorkerResponse } from './lstmJobs';
import { SeriesOutcome } from './seriesOutcome';

declare const __webpack_public_path__: string;

interface Pending {
  hooks: LstmJobHooks;
  resolve: (o: SeriesOutcome) => void;
}

let shared: LstmRunner | null = null;

/** The shared runner (created on first use). */
export function getLstmRunner(): LstmRunner {
  if (!shared) {
    shared = createWorkerRunner() ?? createMainThreadRunner();
  }
  return shared;
}

function createWorkerRunner(): LstmRunner | null {
  let worker: Worker;
  try {
    // The plugin's output is AMD; the worker must not be (no `define` in a worker): its own library
    // type. Its chunks load from its own folder ("auto"), not from the page-relative public path.
    worker = new Worker(
      /* webpackChunkName: "lstm-worker", webpackEntryOptions: { library: { type: "self", name: "trendcastLstmWorker" }, publicPath: "auto" } */
      new URL('./lstmWorker.ts', import.meta.url)
    );
  } catch {
    return null;
  }
  const pending = new Map<number, Pending>();
  const jobs = new Map<number, LstmJob>();
  let nextId = 1;
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) {
      return;
    }
    if (msg.type === 'progress') {
      p.hooks.onProgress?.(msg.progress);
    } else if (msg.type === 'cached') {
      p.hooks.onCached?.(msg.result, msg.status);
    } else {
      pending.delete(msg.id);
      p.resolve(msg.outcome);
    }
  };
  worker.onerror = (e) => {
    // A worker that fails to load (404, CSP): finish every job with the reason; later jobs run in the page.
    e.preventDefault?.();
    shared = createMainThreadRunner();
    for (const [id, p] of pending) {
      pending.delete(id);
      shared.run(jobs.get(id) as LstmJob, p.hooks).then(p.resolve);
    }
  };
  return {
    where: 'worker',
    run(job, hooks = {}) {
      const id = nextId++;
      return new Promise<SeriesOutcome>((resolve) => {
        if (hooks.signal?.aborted) {
          resolve(cancelledOutcome(job));
          return;
        }
        pending.set(id, {
          hooks,
          resolve: (o) => {
            jobs.delete(id);
            resolve(o);
          },
        });
        jobs.set(id, job);
        hooks.signal?.addEventListener(
          'abort',
          () => worker.postMessage({ type: 'cancel', id } satisfies WorkerRequest),
          { once: true }
        );
        worker.postMessage({ type: 'run', id, job: { ...job, series: jobSeries(job.series) } } satisfies WorkerRequest);
      });
    },
    dispose() {
      worker.terminate();
      shared = null;
    },
  };
}

function createMainThreadRunner(): LstmRunner {
  let storePromise: Promise<import('./weightStore').WeightStore> | null = null;
  return {
    where: 'main-thread',
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

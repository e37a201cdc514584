/**
 * The training worker (webpack: `new Worker(new URL('./lstmWorker.ts', import.meta.url))`).
 * Runs LSTM jobs one at a time (the page's pool, lstmWorkerClient.ts, starts one worker per core
 * and gives each its share), so panels do not fight over a core; the page stays responsive. Weights are cached in IndexedDB from here (a memory store where IndexedDB is
 * missing), so they never cross to the page. Cancel messages abort the running job or drop a
 * queued one.
 */
import { createIndexedDbWeightStore } from './indexedDbWeightStore';
import { LstmJob, WorkerRequest, WorkerResponse } from './lstmJobs';
import { runLstmJob } from './runLstmJob';
import { createMemoryWeightStore } from './weightStore';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// The worker script sits in the plugin's folder: its chunks (publicPath "auto", set where the worker
// is created) and tfjs' .wasm files are loaded from there.
const folder = scope.location.href.replace(/[^/]*$/, '');

const store = createIndexedDbWeightStore() ?? createMemoryWeightStore();
const queue: Array<{ id: number; job: LstmJob }> = [];
const controllers = new Map<number, AbortController>();
let busy = false;

function post(msg: WorkerResponse): void {
  scope.postMessage(msg);
}

async function drain(): Promise<void> {
  if (busy) {
    return;
  }
  busy = true;
  try {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { id, job } = next;
      const controller = controllers.get(id) ?? new AbortController();
      const outcome = await runLstmJob(
        job,
        store,
        {
          signal: controller.signal,
          onProgress: (progress) => post({ type: 'progress', id, progress }),
          onCached: (result, status) => post({ type: 'cached', id, result, status }),
        },
        { wasmPath: folder }
      );
      controllers.delete(id);
      post({ type: 'done', id, outcome });
    }
  } finally {
    busy = false;
  }
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  if (msg.type === 'run') {
    controllers.set(msg.id, new AbortController());
    queue.push({ id: msg.id, job: msg.job });
    void drain();
  } else if (msg.type === 'cancel') {
    controllers.get(msg.id)?.abort();
  }
};

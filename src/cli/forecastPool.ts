import { RawSeries } from '../engine/types';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import type { DriftPolicy, LstmConfig } from '../models/lstm';
import { SeriesPart, WriterOptions } from './output';

/** Where a run's LSTM trains, as a worker thread rebuilds it: its cache folder and model settings. */
export interface WorkerLstm {
  /** The weight cache folder ('' = none). */
  cacheDir: string;
  dashboardUid: string;
  panelId: string;
  config: Partial<LstmConfig>;
  drift: Partial<DriftPolicy>;
  forceRetrain: boolean;
  /** Every series' JSON carries the LSTM status (`--model lstm`), not only the trained ones'. */
  reportsStatus: boolean;
}

/** What every forecast worker starts with: the one request and output form of the run. */
export interface ForecastWorkerData {
  request: ResolvedForecastOptions;
  writer: WriterOptions;
  /** The run trains the LSTM (`--model lstm`, auto on seasonal series): each worker trains its series. */
  lstm?: WorkerLstm;
}

/** A series for a worker to forecast, numbered so the reply finds its caller. */
export interface ForecastJob {
  id: number;
  series: RawSeries;
}

/** A worker's reply: the series' share of the output, or the stack of what threw while making it. */
export type ForecastReply = { id: number; part: SeriesPart } | { id: number; error: string };

/** The part of worker_threads' Worker the pool uses (tests pass an in-process stand-in). */
export interface WorkerHandle {
  postMessage(job: ForecastJob): void;
  on(event: 'message', listener: (reply: ForecastReply) => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): unknown;
}

/** A worker thread stopped or failed outside a series: the run cannot go on. */
export class WorkerCrash extends Error {
  constructor(
    message: string,
    /** The worker's stack when it threw, else ''. */
    readonly detail: string
  ) {
    super(message);
  }
}

/** An exception thrown while forecasting one series in a worker, with the worker's stack. */
export class WorkerSeriesError extends Error {
  constructor(stack: string) {
    super(stack.split('\n')[0]);
    this.stack = stack;
  }
}

interface Pending {
  resolve(part: SeriesPart): void;
  reject(e: Error): void;
}

interface Slot {
  worker: WorkerHandle;
  /** Ids of the series sent to this worker and not answered yet. */
  busy: Set<number>;
}

/**
 * Up to `size` worker threads forecasting series: each series goes to the least busy worker
 * (started when all are busy and fewer than `size` run, so a small input starts few). Answers come
 * back per series, in any order; the caller keeps the order. When a worker dies, every pending
 * and later series fails with a WorkerCrash naming why: nothing waits on it for ever.
 */
export class ForecastPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private crash: WorkerCrash | null = null;
  private closing = false;

  constructor(
    private readonly start: () => WorkerHandle,
    private readonly size: number
  ) {}

  /** Series sent and not answered yet. */
  get waiting(): number {
    return this.pending.size;
  }

  /** The series' share of the output, made in a worker thread. */
  forecast(series: RawSeries): Promise<SeriesPart> {
    if (this.crash) {
      return Promise.reject(this.crash);
    }
    const id = this.nextId++;
    const slot = this.slotFor();
    return new Promise<SeriesPart>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.busy.add(id);
      slot.worker.postMessage({ id, series });
    });
  }

  /** Stops the workers (in flight series are dropped). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private slotFor(): Slot {
    let best: Slot | null = null;
    for (const s of this.slots) {
      if (!best || s.busy.size < best.busy.size) {
        best = s;
      }
    }
    if (best && (best.busy.size === 0 || this.slots.length >= this.size)) {
      return best;
    }
    const slot: Slot = { worker: this.start(), busy: new Set() };
    slot.worker.on('message', (reply) => this.answer(slot, reply));
    slot.worker.on('error', (e) => this.fail(e.message, e.stack ?? ''));
    slot.worker.on('exit', (code) => {
      if (!this.closing) {
        this.fail(`it exited with code ${code}`, '');
      }
    });
    this.slots.push(slot);
    return slot;
  }

  private answer(slot: Slot, reply: ForecastReply): void {
    const waiting = this.pending.get(reply.id);
    slot.busy.delete(reply.id);
    this.pending.delete(reply.id);
    if (!waiting) {
      return;
    }
    if ('error' in reply) {
      waiting.reject(new WorkerSeriesError(reply.error));
    } else {
      waiting.resolve(reply.part);
    }
  }

  private fail(why: string, detail: string): void {
    this.crash ??= new WorkerCrash(`a forecast worker thread stopped: ${why}`, detail);
    for (const waiting of this.pending.values()) {
      waiting.reject(this.crash);
    }
    this.pending.clear();
  }
}

import { EventEmitter } from 'node:events';

import { ForecastJob, ForecastReply, ForecastWorkerData, WorkerHandle } from './forecastPool';
import { serveForecasts } from './forecastWorker';
import { memoryIo } from './memoryIo';
import { runCliAsync } from './run';

const T0 = 1704067200;

/** 12 hourly series of 48 points, each rising at its own pace. */
const fleet = [
  'series,timestamp,value',
  ...Array.from({ length: 12 }, (_, s) =>
    Array.from(
      { length: 48 },
      (_, i) => `vol${s},${T0 + 3600 * i},${(10 + s * 3 + (0.2 + s / 10) * i + (i % 3) * 0.1).toFixed(2)}`
    )
  ).flat(),
].join('\n');

/**
 * A worker thread's stand-in in this thread: serveForecasts behind an event emitter, each answer
 * held back by `delay(id)` ms so that answers come back out of order.
 */
class FakeWorker extends EventEmitter implements WorkerHandle {
  private serve: ((job: ForecastJob) => void) | null = null;
  terminated = false;
  /** Series sent to this worker. */
  jobs = 0;

  constructor(
    data: ForecastWorkerData,
    private readonly delay: (id: number) => number,
    private readonly reply: (r: ForecastReply) => ForecastReply = (r) => r
  ) {
    super();
    serveForecasts(
      {
        on: (_event, listener) => (this.serve = listener),
        postMessage: (r) => setTimeout(() => this.emit('message', this.reply(r)), this.delay(r.id)),
      },
      data
    );
  }

  postMessage(job: ForecastJob): void {
    this.jobs++;
    this.serve!(job);
  }

  terminate(): void {
    this.terminated = true;
  }
}

async function run(argv: string[], startWorker?: (data: ForecastWorkerData) => WorkerHandle, text = fleet) {
  const io = memoryIo({ 'f.csv': text }, 512);
  io.startWorker = startWorker;
  return io.result(await runCliAsync(argv, io));
}

const base = ['forecast', 'f.csv', '--model', 'linear', '--horizon', '24', '--threshold', '30'];

describe('--jobs', () => {
  it.each([['json'], ['ndjson'], ['csv'], ['text']])(
    'writes the same %s as one thread, in input order, whatever order the answers come in',
    async (format) => {
      const workers: FakeWorker[] = [];
      const start = (data: ForecastWorkerData) => {
        const w = new FakeWorker(data, (id) => (id % 3 === 0 ? 320 : id % 3 === 1 ? 200 : 260));
        workers.push(w);
        return w;
      };
      const one = await run([...base, '--format', format, '--jobs', '1'], start);
      expect(workers).toHaveLength(0);
      const three = await run([...base, '--format', format, '--jobs', '3'], start);
      expect(three).toEqual(one);
      expect(one.code).toBe(0);
      expect(one.out).toContain('vol11');
      expect(one.out.indexOf('vol2')).toBeLessThan(one.out.indexOf('vol10'));
      // Two workers with 4 series each in flight (answers held back long enough that none comes
      // back while the input is read); this thread, the third job, forecast the 4 others.
      expect(workers.map((w) => w.jobs)).toEqual([4, 4]);
      expect(workers.every((w) => w.terminated)).toBe(true);
    }
  );

  it('gives --output crossings the same rows as one thread', async () => {
    const start = (data: ForecastWorkerData) => new FakeWorker(data, (id) => 12 - id);
    const one = await run([...base, '--output', 'crossings', '--jobs', '1']);
    const three = await run([...base, '--output', 'crossings', '--jobs', '3'], start);
    expect(three).toEqual(one);
    expect(JSON.parse(one.out).crossings).toHaveLength(12);
  });

  it('reports a bad line after the series before it, as one thread does', async () => {
    const bad = fleet.replace(`vol7,${T0 + 3600 * 5},`, `vol7,${T0 + 3600 * 5},x`);
    const start = (data: ForecastWorkerData) => new FakeWorker(data, () => 5);
    const one = await run([...base, '--format', 'ndjson', '--jobs', '1'], undefined, bad);
    const two = await run([...base, '--format', 'ndjson', '--jobs', '2'], start, bad);
    expect(one.code).toBe(2);
    expect(one.err).toMatch(/^trendcast: line 343, column 3: "x[\d.]+" is not a number\n$/);
    // The series before the failing chunk are written, in both.
    expect(one.out.split('\n').map((l) => l && JSON.parse(l).name)).toEqual([
      'vol0',
      'vol1',
      'vol2',
      'vol3',
      'vol4',
      'vol5',
      '',
    ]);
    expect(two).toEqual(one);
  });

  it('fails with a clear message, not a hang, when a worker thread dies', async () => {
    const workers: FakeWorker[] = [];
    const start = (data: ForecastWorkerData) => {
      const w = new FakeWorker(data, () => 3);
      if (workers.length === 1) {
        w.postMessage = () => void setTimeout(() => w.emit('exit', 134), 1);
      }
      workers.push(w);
      return w;
    };
    const r = await run([...base, '--jobs', '3'], start);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'trendcast: a forecast worker thread stopped: it exited with code 134 (--jobs 1 forecasts in one thread)\n'
    );
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('names what a worker thread threw outside a series, with its stack below', async () => {
    const start = (data: ForecastWorkerData) => {
      const w = new FakeWorker(data, () => 1);
      w.postMessage = () => {
        const e = new Error("Cannot find module '/x/forecast-worker.cjs'");
        e.stack = `${e.message}\n    at resolve (loader:1)`;
        setTimeout(() => (w.emit('error', e), w.emit('exit', 1)), 1);
      };
      return w;
    };
    const r = await run([...base, '--jobs', '2'], start);
    expect(r).toEqual({
      code: 1,
      // Begun when the first series was read, as in one thread; the exit code says it is cut short.
      out: '{\n  "series": [',
      err:
        "trendcast: a forecast worker thread stopped: Cannot find module '/x/forecast-worker.cjs' (--jobs 1 forecasts in one thread)\n" +
        "Cannot find module '/x/forecast-worker.cjs'\n    at resolve (loader:1)\n",
    });
  });

  it('reports what threw in a worker as an internal error with its stack', async () => {
    const start = (data: ForecastWorkerData) =>
      new FakeWorker(
        data,
        () => 1,
        (reply) => (reply.id === 4 ? { id: 4, error: 'Error: boom\n    at forecastSeries (x.ts:1:1)' } : reply)
      );
    const r = await run([...base, '--jobs', '2'], start);
    expect(r.code).toBe(1);
    expect(r.err).toBe('trendcast: internal error: Error: boom\n    at forecastSeries (x.ts:1:1)\n');
  });
});

import { RawSeries } from '../engine/types';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { forecastCrossings, forecastFitted, SeriesForecast } from '../models/forecastSeries';
import { ForecastContext, forecastSeries } from '../runtime/forecastSeries';
import { ForecastJob, ForecastReply, ForecastWorkerData, WorkerLstm } from './forecastPool';
import { createWriter, OutputWriter, WriterOptions } from './output';

/** The side of a channel a worker answers on: worker_threads' parentPort, or a test's stand-in. */
export interface JobPort {
  on(event: 'message', listener: (job: ForecastJob) => void): unknown;
  postMessage(reply: ForecastReply): void;
}

/**
 * The loop of one forecast worker thread: forecasts each series it is sent and answers with the
 * series' share of the output (the text is made here too: it costs as much as the forecast). A run
 * that trains the LSTM trains here too, one series at a time, against the run's weight cache
 * (each series has its own entry, so threads never write the same one).
 */
export function serveForecasts(port: JobPort, data: ForecastWorkerData): void {
  const writer = createWriter(data.writer);
  if (!data.lstm) {
    const fitted = fittedFor(data.writer);
    port.on('message', (job: ForecastJob) => {
      port.postMessage(answer(job.id, () => writer.part(fitted(job.series, data.request))));
    });
    return;
  }
  const lstm = data.lstm;
  let context: Promise<ForecastContext> | null = null;
  let queue = Promise.resolve();
  port.on('message', (job: ForecastJob) => {
    queue = queue.then(async () => {
      let reply: ForecastReply;
      try {
        context ??= trainingContext(lstm);
        const out = await forecastSeries(job.series, data.request, await context);
        reply = { id: job.id, part: partWithStatus(writer, out.result, out.lstm, lstm.reportsStatus) };
      } catch (e) {
        reply = { id: job.id, error: (e as Error).stack ?? String(e) };
      }
      port.postMessage(reply);
    });
  });
}

/**
 * How a run that trains nothing forecasts a series: the crossings alone where the output prints
 * nothing else (forecastCrossings: the capacity trend only, where the model dates on it), else
 * the whole fitted forecast. The main thread and the workers use the same.
 */
export function fittedFor(output: WriterOptions): (raw: RawSeries, req: ResolvedForecastOptions) => SeriesForecast {
  return output.output === 'crossings' ? forecastCrossings : forecastFitted;
}

/** A series' output part, with its LSTM status where the output reports it (run.ts does the same). */
export function partWithStatus(
  writer: OutputWriter,
  result: Parameters<OutputWriter['part']>[0],
  status: Parameters<OutputWriter['part']>[1],
  reportsStatus: boolean
) {
  return writer.part(result, reportsStatus ? status : (status ?? undefined));
}

function answer(id: number, make: () => ReturnType<OutputWriter['part']>): ForecastReply {
  try {
    return { id, part: make() };
  } catch (e) {
    return { id, error: (e as Error).stack ?? String(e) };
  }
}

/**
 * The forecast context of a run that trains the LSTM, in the thread that calls it (the main thread
 * and every worker build theirs here): a runner in this thread against the run's weight cache.
 * The LSTM's code loads with it, not with the thread.
 */
export async function trainingContext(lstm: WorkerLstm): Promise<ForecastContext> {
  const [{ createInProcessLstmRunner }, { createFileWeightStore }] = await Promise.all([
    import('../runtime/inProcessLstmRunner'),
    import('../runtime/fileWeightStore'),
  ]);
  const runner = createInProcessLstmRunner(lstm.cacheDir ? createFileWeightStore(lstm.cacheDir) : null);
  return {
    lstm: {
      runner: () => Promise.resolve(runner),
      dashboardUid: lstm.dashboardUid,
      panelId: lstm.panelId,
      config: lstm.config,
      drift: lstm.drift,
      forceRetrain: lstm.forceRetrain,
    },
  };
}

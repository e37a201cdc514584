import { forecastFitted } from '../models/forecastSeries';
import { ForecastJob, ForecastReply, ForecastWorkerData } from './forecastPool';
import { createWriter } from './output';

/** The side of a channel a worker answers on: worker_threads' parentPort, or a test's stand-in. */
export interface JobPort {
  on(event: 'message', listener: (job: ForecastJob) => void): unknown;
  postMessage(reply: ForecastReply): void;
}

/**
 * The loop of one forecast worker thread: forecasts each series it is sent and answers with the
 * series' share of the output (the text is made here too: it costs as much as the forecast).
 */
export function serveForecasts(port: JobPort, data: ForecastWorkerData): void {
  const writer = createWriter(data.writer);
  port.on('message', (job: ForecastJob) => {
    let reply: ForecastReply;
    try {
      reply = { id: job.id, part: writer.part(forecastFitted(job.series, data.request)) };
    } catch (e) {
      reply = { id: job.id, error: (e as Error).stack ?? String(e) };
    }
    port.postMessage(reply);
  });
}

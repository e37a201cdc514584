// Entry of the forecast worker threads of `--jobs` (dist-cli/forecast-worker.cjs): the models and
// the output forms only, so a thread starts without loading the LSTM, the service and the reader.
import { parentPort, workerData } from 'node:worker_threads';

import { ForecastWorkerData } from './forecastPool';
import { serveForecasts } from './forecastWorker';

if (!parentPort) {
  throw new Error('forecast-worker.cjs runs as a worker thread of the trendcast command');
}
serveForecasts(parentPort, workerData as ForecastWorkerData);

import { LstmRunner } from './lstmJobs';

/**
 * The browser's shared LSTM runner (the training worker, or the page where no worker starts),
 * loaded on first use: a dynamic import, so tfjs and the worker stay out of the plugins' module.js.
 */
export async function loadLstmRunner(): Promise<LstmRunner> {
  const { getLstmRunner } = await import(/* webpackChunkName: "lstm-client" */ './lstmWorkerClient');
  return getLstmRunner();
}

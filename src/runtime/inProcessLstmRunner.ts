import { LstmRunner } from './lstmJobs';
import { runLstmJob } from './runLstmJob';
import { WeightStore } from './weightStore';

/**
 * A runner that trains in this process, against `store` (null: no cache, every job trains): the
 * CLI's and the service's, in Node. Imports tfjs: load it where the LSTM is wanted.
 */
export function createInProcessLstmRunner(store: WeightStore | null): LstmRunner {
  return {
    where: 'main-thread',
    lanes: 1,
    run: (job, hooks = {}) => runLstmJob(job, store, hooks),
    dispose: () => undefined,
  };
}

/**
 * LSTM jobs as the panel submits them, and the messages between the panel and the training
 * worker. Plain data only: everything here crosses `postMessage`.
 */
import { RawSeries } from '../engine/types';
import { DriftPolicy, LstmConfig } from '../models/lstm/lstmConfig';
import { LstmProgress } from '../models/lstm/lstmTraining';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { SeriesForecast } from '../models/forecastSeries';
import { AsyncSeriesForecast } from './forecastSeriesAsync';
import { LstmStatus } from './lstmRefresh';

export interface LstmJob {
  series: { name: string; labels: Record<string, string>; times: number[]; values: Array<number | null> };
  request: ResolvedForecastOptions;
  dashboardUid: string;
  panelId: string | number;
  config?: Partial<LstmConfig>;
  drift?: Partial<DriftPolicy>;
  forceRetrain?: boolean;
}

export type WorkerRequest = { type: 'run'; id: number; job: LstmJob } | { type: 'cancel'; id: number };

export type WorkerResponse =
  | { type: 'progress'; id: number; progress: LstmProgress }
  | { type: 'cached'; id: number; result: SeriesForecast; status: LstmStatus }
  | { type: 'done'; id: number; outcome: AsyncSeriesForecast };

export interface LstmJobHooks {
  signal?: AbortSignal;
  onProgress?: (p: LstmProgress) => void;
  /** The forecast from cached weights, before fine-tuning. */
  onCached?: (result: SeriesForecast, status: LstmStatus) => void;
}

/** Runs LSTM jobs somewhere (a worker, or this thread). Never rejects. */
export interface LstmRunner {
  readonly where: 'worker' | 'main-thread';
  run(job: LstmJob, hooks?: LstmJobHooks): Promise<AsyncSeriesForecast>;
  dispose(): void;
}

/** A panel series as a job's plain arrays. */
export function jobSeries(s: RawSeries): LstmJob['series'] {
  return {
    name: s.name,
    labels: { ...s.labels },
    times: Array.from(s.times),
    values: Array.from(s.values, (v) => (v === undefined ? null : v)),
  };
}

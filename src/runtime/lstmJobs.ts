/**
 * LSTM jobs as the forecast entry submits them to a runner, and the messages between the page and
 * the training worker. Plain data only: everything the worker runner posts crosses `postMessage`.
 */
import { RawSeries } from '../engine/types';
import { DriftPolicy, LstmConfig, LstmProgress } from '../models/lstm';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { SeriesForecast } from '../models/forecastSeries';
import { LstmStatus } from './lstmRefresh';
import { SeriesOutcome } from './seriesOutcome';

export interface LstmJob {
  /** The series; the worker runner copies it into plain arrays (jobSeries) before posting it. */
  series: RawSeries;
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
  | { type: 'done'; id: number; outcome: SeriesOutcome };

export interface LstmJobHooks {
  signal?: AbortSignal;
  onProgress?: (p: LstmProgress) => void;
  /** The forecast from cached weights, before fine-tuning. */
  onCached?: (result: SeriesForecast, status: LstmStatus) => void;
}

/** Runs LSTM jobs somewhere (a worker, or this thread). Never rejects. */
export interface LstmRunner {
  readonly where: 'worker' | 'main-thread';
  /** Jobs it runs side by side (its training workers); more submitted at once wait their turn. */
  readonly lanes: number;
  run(job: LstmJob, hooks?: LstmJobHooks): Promise<SeriesOutcome>;
  dispose(): void;
}

/** A series as plain arrays, which `postMessage` copies (a panel series carries Grafana's fields). */
export function jobSeries(s: RawSeries): {
  name: string;
  labels: Record<string, string>;
  times: number[];
  values: Array<number | null>;
} {
  return {
    name: s.name,
    labels: { ...s.labels },
    times: Array.from(s.times),
    values: Array.from(s.values, (v) => (v === undefined ? null : v)),
  };
}

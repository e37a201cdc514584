import { configKey, LSTM_ENGINE_VERSION, LstmConfig, resolveTrainingConfig } from '../models/lstm';

/** What identifies one cached model: where it is shown, which series, how it is trained. */
export interface LstmCacheKeyParts {
  /** Dashboard UID ('cli' for the command line, 'unsaved' for a new dashboard). */
  dashboardUid: string;
  /** Panel id (or the CLI input file name). */
  panelId: string | number;
  /** Series display name. */
  seriesName: string;
  labels: Record<string, string>;
  config?: Partial<LstmConfig>;
}

/**
 * The weight cache key: engine version + dashboard UID + panel id + series (name and labels,
 * sorted) + the resolved model configuration. Any change to one of them is a different model.
 */
export function lstmCacheKey(parts: LstmCacheKeyParts): string {
  const labels = Object.keys(parts.labels)
    .sort()
    .map((k) => `${k}=${parts.labels[k]}`)
    .join(',');
  return [
    'trendcast-lstm',
    LSTM_ENGINE_VERSION,
    `dashboard=${parts.dashboardUid}`,
    `panel=${parts.panelId}`,
    `series=${parts.seriesName}`,
    `labels={${labels}}`,
    `config={${configKey(resolveTrainingConfig(parts.config))}}`,
  ].join('|');
}

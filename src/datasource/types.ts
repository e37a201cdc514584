import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

import { ThresholdDirection } from '../engine/crossings';
import { ModelChoice } from '../models/types';
import { LstmUserOptions } from '../runtime/lstmUserOptions';

/** The plugin id, as in plugin.json. */
export const DATASOURCE_ID = 'trendcast-forecast-datasource';

/** The type of data source Trendcast wraps. */
export const INNER_TYPE = 'influxdb';

/** Saved in the data source's settings (jsonData). */
export interface TrendcastDataSourceOptions extends DataSourceJsonData {
  /** UID of the InfluxDB data source whose queries are forecast. */
  innerUid?: string;
}

/**
 * One Trendcast query: an inner InfluxQL query plus the forecast options the panel has. The
 * `lstm*` options (LstmUserOptions) are read only with model 'lstm'; they are not in
 * DEFAULT_QUERY: absent (or invalid) means the LSTM's defaults.
 */
export interface TrendcastQuery extends DataQuery, LstmUserOptions {
  /** Raw InfluxQL, with `$timeFilter`, `$__interval` and dashboard variables left for InfluxDB's data source. */
  innerQuery: string;
  model: ModelChoice;
  /** Horizon: `14d`, `48h` or a step count (`48`). */
  horizon: string;
  /** Fit only the last part of the data (`7d`, `500` steps); empty = all of it. */
  fitWindow: string;
  /** Prediction-interval level in (0, 1). */
  confidence: number;
  /** Threshold values whose crossing dates go to the `crossings` frame. */
  thresholds: number[];
  direction: ThresholdDirection;
  /** Return the inner query's frames unchanged. */
  includeOriginal: boolean;
  /** Return one forecast frame (value, lower, upper) per series. */
  includeForecast: boolean;
  /** Return the `crossings` table frame. */
  includeCrossings: boolean;
}

/** Defaults of a new query; stored queries are read as `{ ...DEFAULT_QUERY, ...saved }`. */
export const DEFAULT_QUERY: Omit<TrendcastQuery, 'refId'> = {
  innerQuery: '',
  model: 'auto',
  horizon: '14d',
  fitWindow: '',
  confidence: 0.95,
  thresholds: [90, 100],
  direction: 'auto',
  includeOriginal: true,
  includeForecast: true,
  includeCrossings: true,
};

/** A saved (possibly partial, possibly old) query completed with the defaults. */
export function withQueryDefaults(query: Partial<TrendcastQuery> & { refId: string }): TrendcastQuery {
  return { ...DEFAULT_QUERY, ...query };
}

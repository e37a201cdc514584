import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

import { DEFAULT_FORECAST_OPTIONS, ForecastOptions } from '../models/forecastOptions';
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
 * One Trendcast query: an inner InfluxQL query plus the shared forecast options (ForecastOptions,
 * saved under their own names: `model`, `horizon`, `fitWindow`, …). The
 * `lstm*` options (LstmUserOptions) are read where the LSTM trains (model 'lstm', or auto on a
 * seasonal series); they are not in
 * DEFAULT_QUERY: absent (or invalid) means the LSTM's defaults.
 */
export interface TrendcastQuery extends DataQuery, ForecastOptions, LstmUserOptions {
  /** Raw InfluxQL, with `$timeFilter`, `$__interval` and dashboard variables left for InfluxDB's data source. */
  innerQuery: string;
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
  ...DEFAULT_FORECAST_OPTIONS,
  // A new query dates the usual capacity limits (the panel's come from its field config).
  thresholds: [90, 100],
  includeOriginal: true,
  includeForecast: true,
  includeCrossings: true,
};

/** A saved (possibly partial, possibly old) query completed with the defaults. */
export function withQueryDefaults(query: Partial<TrendcastQuery> & { refId: string }): TrendcastQuery {
  return { ...DEFAULT_QUERY, ...query };
}

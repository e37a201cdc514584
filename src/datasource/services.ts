import { DataSourceApi } from '@grafana/data';
import { getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';

import { loadLstmRunner } from '../runtime/loadLstmRunner';
import { LstmRunner } from '../runtime/lstmJobs';
import { Interpolate } from './innerRequest';

/** What the data source needs from Grafana, injectable so tests can run it against a real InfluxDB. */
export interface DataSourceServices {
  /** The data source instance with this UID (Grafana's getDataSourceSrv().get). */
  getDataSource(uid: string): Promise<DataSourceApi>;
  /** Dashboard-variable interpolation (Grafana's getTemplateSrv().replace). */
  interpolate: Interpolate;
  /** Current time, epoch ms. */
  now(): number;
  /**
   * The runner of LSTM jobs; Grafana's is the shared training worker (loadLstmRunner). Tests inject
   * one that trains in Node against a memory store.
   */
  lstmRunner?: () => Promise<LstmRunner>;
}

/** Grafana's own services: what a data source created by Grafana uses. */
export const grafanaServices: DataSourceServices = {
  getDataSource: (uid) => getDataSourceSrv().get(uid),
  // `regex`, as Grafana's InfluxDB data source interpolates raw InfluxQL (multi-value → (a|b)).
  interpolate: (text, scopedVars) => getTemplateSrv().replace(text, scopedVars, 'regex'),
  now: () => Date.now(),
  lstmRunner: loadLstmRunner,
};

/**
 * The JSON contract between the host-page server (Node) and the host page (browser).
 * Plain data only: this file is imported on both sides, so it must not touch Node or the DOM.
 */

/** A field as it travels in JSON: Grafana's FieldDTO shape (`values` is a plain array, nulls allowed). */
export interface FieldJSON {
  name: string;
  /** Grafana FieldType string: 'time', 'number', 'string', 'boolean', ... */
  type?: string;
  values: unknown[];
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
}

/**
 * A data frame as it travels in JSON: either Grafana's DataFrameDTO (`fields` with `values`) or
 * Grafana's DataFrameJSON (`schema` + `data`, what the backend sends). The page converts both.
 */
export type FrameJSON =
  | { name?: string; refId?: string; meta?: Record<string, unknown>; fields: FieldJSON[] }
  | { schema?: Record<string, unknown>; data?: { values: unknown[][] } };

/** One threshold step, as in Grafana's field config (`value: null` is the base step, −∞). */
export interface ThresholdStepJSON {
  value: number | null;
  color: string;
}

/** Grafana's FieldConfigSource, reduced to the parts a test or demo sets. */
export interface FieldConfigJSON {
  defaults: {
    thresholds?: { mode: 'absolute' | 'percentage'; steps: ThresholdStepJSON[] };
    unit?: string;
    decimals?: number;
    min?: number;
    max?: number;
    displayName?: string;
    /** Grafana FieldColor: mode 'thresholds', 'palette-classic', 'fixed' (+ fixedColor), ... */
    color?: { mode: string; fixedColor?: string; seriesBy?: string };
    custom?: Record<string, unknown>;
  };
  overrides: unknown[];
}

/** Absolute time range in epoch milliseconds. */
export interface TimeRangeJSON {
  from: number;
  to: number;
}

/** One panel on the host page. */
export interface PanelSpec {
  title: string;
  frames: FrameJSON[];
  /** Merged over the plugin's DEFAULT_OPTIONS. */
  options?: Record<string, unknown>;
  /** Replaces the default field config (thresholds base green, 90 orange, 100 red, absolute). */
  fieldConfig?: FieldConfigJSON;
  /** Default: the span of the frames' time values (or the last 30 days when there are none). */
  timeRange?: TimeRangeJSON;
  /** Panel content size in CSS pixels (default 760 × 360). */
  width?: number;
  height?: number;
}

/** A data source as provisioned (provisioning/datasources/*.yaml). */
export interface ProvisionedDataSourceJSON {
  uid: string;
  name: string;
  type: string;
  jsonData?: Record<string, unknown>;
}

/** A dashboard panel as saved in dashboard JSON, reduced to what the host page runs and draws. */
export interface DashboardPanelJSON {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Array<Record<string, unknown> & { refId: string }>;
  /** Minimum interval (`1h`): $__interval is at least this. */
  interval?: string;
  transformations?: Array<{ id: string; options: Record<string, unknown> }>;
  options?: Record<string, unknown>;
  fieldConfig?: FieldConfigJSON;
  gridPos?: { h: number; w: number; x: number; y: number };
}

/**
 * A provisioned dashboard run in the page as Grafana runs it: data sources registered in
 * @grafana/runtime's DataSourceSrv (InfluxDB through the host server's proxy, Trendcast's data
 * source from dist/trendcast-forecast-datasource/module.js), each panel's targets queried through its data source,
 * the results drawn by our panel plugin or by @grafana/ui's own components for core panel types.
 */
export interface DashboardPageSpec {
  panels: DashboardPanelJSON[];
  dataSources: ProvisionedDataSourceJSON[];
  /** The dashboard's range resolved to epoch ms, with its raw text (`now-30d`, `now+14d`). */
  from: number;
  to: number;
  rawFrom: string;
  rawTo: string;
  /** Width in CSS pixels of a full-width (24 columns) panel; height of one grid row. */
  gridWidth?: number;
  rowHeight?: number;
}

/** What the page fetches from `/api/panels` (or reads from `window.__TRENDCAST_CONFIG__`). */
export interface HostPageConfig {
  /** Heading over the grid, e.g. "Capacity planning". */
  title?: string;
  /** 'browser', 'utc' or an IANA zone name. */
  timeZone?: string;
  /** Grid columns (default: 1 for a single panel, else 2). */
  columns?: number;
  panels: PanelSpec[];
  /** When set, the page runs this dashboard instead of `panels`. */
  dashboard?: DashboardPageSpec;
}

/** Grafana's default thresholds for a new panel, with the capacity levels this plugin cares about. */
export const DEFAULT_FIELD_CONFIG: FieldConfigJSON = {
  defaults: {
    unit: 'percent',
    thresholds: {
      mode: 'absolute',
      steps: [
        { value: null, color: 'green' },
        { value: 90, color: 'orange' },
        { value: 100, color: 'red' },
      ],
    },
  },
  overrides: [],
};

/** URL path the page fetches its config from. */
export const CONFIG_PATH = '/api/panels';
/** Where Grafana serves this plugin's files from (its folder in dist/, dist/trendcast-forecast-panel/). */
export const PLUGIN_ID = 'trendcast-forecast-panel';
export const PLUGIN_BASE = `/public/plugins/${PLUGIN_ID}`;
/** The data source plugin, built to dist/trendcast-forecast-datasource/ and served from its own folder as Grafana does. */
export const DATASOURCE_PLUGIN_ID = 'trendcast-forecast-datasource';
export const DATASOURCE_PLUGIN_BASE = `/public/plugins/${DATASOURCE_PLUGIN_ID}`;
/** The host server forwards `/api/influx/<path>` to InfluxDB, as Grafana's data source proxy does. */
export const INFLUX_PROXY_PATH = '/api/influx';

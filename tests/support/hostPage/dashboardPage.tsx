/**
 * Runs a provisioned dashboard in the host page the way Grafana does: the provisioned data sources
 * are registered in @grafana/runtime's DataSourceSrv (the page's InfluxDB data source, and
 * Trendcast's data source built from dist/trendcast-forecast-datasource/module.js and loaded through SystemJS), a
 * TemplateSrv replaces variables from the request, each panel's targets are queried through its data
 * source with the dashboard's time range and interval, and the answer is drawn: our panel plugin
 * for `trendcast-forecast-panel`, @grafana/ui's components for the core types (nativePanels.tsx).
 */
import {
  DataFrame,
  DataQuery,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourcePlugin,
  DataSourcePluginMeta,
  DataTransformerConfig,
  DataTransformerInfo,
  EventBusSrv,
  FieldConfigOptionsRegistry,
  GrafanaTheme2,
  PanelPlugin,
  PluginType,
  ScopedVars,
  TimeRange,
  dateTime,
  rangeUtil,
  standardTransformers,
  standardTransformersRegistry,
  transformDataFrame,
} from '@grafana/data';
import {
  DataSourceSrv,
  GetDataSourceListFilters,
  TemplateSrv,
  getDataSourceSrv,
  setDataSourceSrv,
  setTemplateSrv,
} from '@grafana/runtime';
import { ThemeContext } from '@grafana/ui';
import React, { useEffect, useState } from 'react';
import { from, lastValueFrom } from 'rxjs';

import { DEFAULT_OPTIONS } from '../../../src/panel/types';
import { BrowserInfluxDataSource } from './browserInfluxDataSource';
import { HostPanel, reportHostError } from './HostPanel';
import {
  DATASOURCE_PLUGIN_BASE,
  DATASOURCE_PLUGIN_ID,
  DashboardPageSpec,
  DashboardPanelJSON,
  DEFAULT_FIELD_CONFIG,
  ProvisionedDataSourceJSON,
} from './hostPageConfig';
import {
  createTableFieldConfigRegistry,
  createTimeSeriesFieldConfigRegistry,
  NativeStat,
  NativeTable,
  NativeTimeSeries,
} from './nativePanels';
import { createStandardFieldConfigRegistry, toFieldConfigSource } from './standardFieldConfig';

const NoEditor = () => null;
const GRID_COLUMNS = 24;
const PANEL_CHROME = { header: 32, padding: 8, margin: 4, border: 1 };
const PAGE_PADDING = 8;

/** One panel's answer, kept for the specs in `window.__TRENDCAST_DASHBOARD_DATA__`. */
interface PanelResult {
  panel: DashboardPanelJSON;
  frames: DataFrame[];
  errors: string[];
}

/**
 * A registry item's `transformation`: the transformer itself up to Grafana 12 (the types the page is
 * compiled against), a loader resolving to it from Grafana 13 on (`() => Promise<DataTransformerInfo>`,
 * so that Grafana can load transformers lazily; transformDataFrame awaits it).
 */
function registryTransformation(t: DataTransformerInfo): DataTransformerInfo {
  if (__TRENDCAST_GRAFANA_LINE__ === '12.4') {
    return t;
  }
  const load = () => Promise.resolve(t);
  return load as unknown as DataTransformerInfo;
}

/** Grafana fills the transformer registry at start-up (app code); these are @grafana/data's own. */
function initTransformers(): void {
  // standardTransformers lists some transformers under two names (e.g. joinByField): one entry per id.
  const unique = [...new Map(Object.values(standardTransformers).map((t) => [t.id, t])).values()];
  standardTransformersRegistry.setInit(() =>
    unique.map((t) => ({
      id: t.id,
      aliasIds: t.aliasIds,
      name: t.name,
      description: t.description,
      transformation: registryTransformation(t),
      editor: NoEditor,
      imageDark: '',
      imageLight: '',
    }))
  );
}

async function fetchJSON<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) {
    throw new Error(`GET ${url}: HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

function meta(id: string, name: string, base: string, info?: DataSourcePluginMeta['info']): DataSourcePluginMeta {
  return {
    id,
    name,
    type: PluginType.datasource,
    module: `${base.slice(1)}/module.js`,
    baseUrl: base.slice(1),
    info: info ?? {
      author: { name: 'Grafana Labs' },
      description: name,
      links: [],
      logos: { small: '', large: '' },
      screenshots: [],
      updated: '',
      version: '',
    },
  };
}

/** The Trendcast data source plugin from dist/, imported as Grafana's plugin importer does. */
async function importDataSourcePlugin(): Promise<{
  plugin: DataSourcePlugin<DataSourceApi>;
  meta: DataSourcePluginMeta;
}> {
  const json = await fetchJSON<{ name: string; info: DataSourcePluginMeta['info'] }>(
    `${DATASOURCE_PLUGIN_BASE}/plugin.json`
  );
  const exports = await System.import<System.Module & { plugin?: unknown }>(`${DATASOURCE_PLUGIN_BASE}/module.js`);
  if (!(exports.plugin instanceof DataSourcePlugin)) {
    throw new Error(
      `Could not load plugin ${DATASOURCE_PLUGIN_ID}: module.js does not export a DataSourcePlugin named "plugin"`
    );
  }
  const m = meta(DATASOURCE_PLUGIN_ID, json.name, DATASOURCE_PLUGIN_BASE, json.info);
  exports.plugin.meta = m;
  return { plugin: exports.plugin as DataSourcePlugin<DataSourceApi>, meta: m };
}

/** Grafana's DataSourceSrv over the provisioned instances. */
class PageDataSourceSrv implements DataSourceSrv {
  constructor(
    private readonly settings: DataSourceInstanceSettings[],
    private readonly instances: Map<string, DataSourceApi>
  ) {}

  async get(ref?: { uid?: string } | string | null): Promise<DataSourceApi> {
    const uid = typeof ref === 'string' ? ref : ref?.uid;
    const ds = uid ? this.instances.get(uid) : undefined;
    if (!ds) {
      throw new Error(`Datasource ${uid} was not found`);
    }
    return ds;
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    const types = filters.type === undefined ? undefined : ([] as string[]).concat(filters.type);
    return this.settings.filter((s) => !types || types.includes(s.type));
  }

  getInstanceSettings(ref?: { uid?: string } | string | null): DataSourceInstanceSettings | undefined {
    const uid = typeof ref === 'string' ? ref : ref?.uid;
    return this.settings.find((s) => s.uid === uid);
  }

  reload(): void {}

  registerRuntimeDataSource(): void {
    throw new Error('runtime data sources are not supported on the host page');
  }
}

/** Grafana's TemplateSrv reduced to scoped variables (the dashboard has no template variables). */
class PageTemplateSrv implements TemplateSrv {
  getVariables() {
    return [];
  }

  replace(target?: string, scopedVars?: ScopedVars): string {
    return (target ?? '').replace(/\$(\w+)|\$\{(\w+)\}/g, (m: string, a?: string, b?: string) => {
      const v = scopedVars?.[a ?? b ?? ''];
      return v ? String(v.value) : m;
    });
  }

  containsTemplate(target?: string): boolean {
    return /\$\w|\$\{/.test(target ?? '');
  }

  updateTimeRange(): void {}
}

/** Registers the provisioned data sources in @grafana/runtime, building Trendcast's from dist/. */
async function registerDataSources(provisioned: ProvisionedDataSourceJSON[]): Promise<void> {
  const instances = new Map<string, DataSourceApi>();
  const settings: DataSourceInstanceSettings[] = [];
  for (const p of provisioned) {
    const base = {
      uid: p.uid,
      name: p.name,
      type: p.type,
      jsonData: p.jsonData ?? {},
      access: 'proxy' as const,
      readOnly: true,
    };
    if (p.type === 'influxdb') {
      const s: DataSourceInstanceSettings = {
        ...base,
        meta: meta('influxdb', 'InfluxDB', '/public/app/plugins/datasource/influxdb'),
      };
      settings.push(s);
      instances.set(p.uid, new BrowserInfluxDataSource(s));
    } else if (p.type === DATASOURCE_PLUGIN_ID) {
      const { plugin, meta: m } = await importDataSourcePlugin();
      const s: DataSourceInstanceSettings = { ...base, meta: m };
      settings.push(s);
      // As Grafana's DatasourceSrv does: the class with the instance settings only.
      instances.set(p.uid, new plugin.DataSourceClass(s));
    } else {
      throw new Error(`the host page has no data source of type ${p.type}`);
    }
  }
  setDataSourceSrv(new PageDataSourceSrv(settings, instances));
  setTemplateSrv(new PageTemplateSrv());
}

/** Page widths below which every panel takes the full width, one under the other. */
const NARROW_PAGE = 900;

/** The grid's width: the spec's, or the page's own (the demo lays out at any window width). */
function pageGridWidth(spec: DashboardPageSpec): number {
  return spec.gridWidth ?? Math.max(320, window.innerWidth - 2 * PAGE_PADDING);
}

/** The panel's grid columns at this width: its own, or all of them on a narrow page. */
function columnsOf(panel: DashboardPanelJSON, gridWidth: number): number {
  return gridWidth < NARROW_PAGE ? GRID_COLUMNS : (panel.gridPos?.w ?? GRID_COLUMNS);
}

/**
 * The size of a panel's drawing area: its grid cell less the chrome around it (margin, border,
 * padding, title), so nothing the panel draws runs past its frame.
 */
function panelSize(
  panel: DashboardPanelJSON,
  spec: DashboardPageSpec,
  gridWidth: number
): { width: number; height: number } {
  const h = panel.gridPos?.h ?? 8;
  const cell = gridWidth / GRID_COLUMNS;
  const chrome = 2 * PANEL_CHROME.margin + 2 * PANEL_CHROME.border;
  return {
    width: Math.floor(columnsOf(panel, gridWidth) * cell) - chrome - 2 * PANEL_CHROME.padding,
    height: h * (spec.rowHeight ?? 30) - chrome - PANEL_CHROME.header - PANEL_CHROME.padding,
  };
}

/** Queries one panel through its data source, as Grafana's PanelQueryRunner does, then transforms. */
async function runPanel(panel: DashboardPanelJSON, spec: DashboardPageSpec, range: TimeRange): Promise<PanelResult> {
  const { width } = panelSize(panel, spec, pageGridWidth(spec));
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, width, panel.interval);
  const request: DataQueryRequest<DataQuery> = {
    requestId: `panel-${panel.id}`,
    interval,
    intervalMs,
    maxDataPoints: width,
    range,
    rangeRaw: range.raw,
    scopedVars: {
      __interval: { text: interval, value: interval },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    targets: (panel.targets ?? []) as DataQuery[],
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
    panelId: panel.id,
    dashboardUID: 'trendcast-capacity',
  };
  const ds = await getDataSourceSrv().get(panel.datasource?.uid);
  const response: DataQueryResponse = await lastValueFrom(from(ds.query(request)), { defaultValue: { data: [] } });
  const errors = (response.errors ?? []).map((e) => `panel "${panel.title}": ${e.message ?? 'query failed'}`);
  let frames = response.data as DataFrame[];
  if (panel.transformations && panel.transformations.length > 0) {
    frames = await lastValueFrom(transformDataFrame(panel.transformations as DataTransformerConfig[], frames));
  }
  return { panel, frames, errors };
}

interface DashboardProps {
  spec: DashboardPageSpec;
  results: PanelResult[];
  panelPlugin: PanelPlugin<object>;
  theme: GrafanaTheme2;
  range: TimeRange;
}

function Dashboard({ spec, results, panelPlugin, theme, range }: DashboardProps) {
  const eventBus = React.useMemo(() => new EventBusSrv(), []);
  const standard = React.useMemo(() => createStandardFieldConfigRegistry(), []);
  const timeSeriesRegistry: FieldConfigOptionsRegistry = React.useMemo(() => createTimeSeriesFieldConfigRegistry(), []);
  const tableRegistry: FieldConfigOptionsRegistry = React.useMemo(() => createTableFieldConfigRegistry(), []);
  const defaultFieldConfig = React.useMemo(() => toFieldConfigSource(DEFAULT_FIELD_CONFIG), []);
  const rowHeight = spec.rowHeight ?? 30;
  const [gridWidth, setGridWidth] = useState(() => pageGridWidth(spec));
  useEffect(() => {
    window.__TRENDCAST_READY__ = true;
  }, []);
  useEffect(() => {
    const onResize = () => setGridWidth(pageGridWidth(spec));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [spec]);

  let trendcastIndex = 0;
  return (
    <div
      data-testid="dashboard"
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${GRID_COLUMNS}, 1fr)`,
        gridAutoRows: rowHeight,
        gap: 0,
        width: gridWidth,
      }}
    >
      {results.map(({ panel, frames }) => {
        const grid = panel.gridPos ?? { w: GRID_COLUMNS, h: 8, x: 0, y: 0 };
        const { width, height } = panelSize(panel, spec, gridWidth);
        // On a narrow page the panels follow each other (auto-placed, in the sorted order).
        const narrow = gridWidth < NARROW_PAGE;
        const place: React.CSSProperties = {
          gridColumn: narrow ? '1 / -1' : `${grid.x + 1} / span ${grid.w}`,
          gridRow: narrow ? `span ${grid.h}` : `${grid.y + 1} / span ${grid.h}`,
          padding: PANEL_CHROME.margin,
          minWidth: 0,
        };
        if (panel.type === panelPlugin.meta.id) {
          const index = trendcastIndex++;
          return (
            <div
              key={panel.id}
              style={place}
              data-testid="dashboard-panel"
              data-panel-id={panel.id}
              data-panel-type={panel.type}
            >
              <HostPanel<object>
                index={index}
                plugin={panelPlugin}
                spec={{
                  title: panel.title,
                  frames: [],
                  options: panel.options,
                  fieldConfig: panel.fieldConfig,
                  timeRange: { from: range.from.valueOf(), to: range.to.valueOf() },
                  width,
                  height,
                }}
                frames={frames}
                defaultOptions={DEFAULT_OPTIONS}
                defaultFieldConfig={defaultFieldConfig}
                theme={theme}
                timeZone="utc"
                eventBus={eventBus}
                fieldConfigRegistry={standard}
              />
            </div>
          );
        }
        const props = {
          panel,
          frames,
          width,
          height,
          timeRange: range,
          timeZone: 'utc',
          theme,
          registry:
            panel.type === 'timeseries' ? timeSeriesRegistry : panel.type === 'table' ? tableRegistry : standard,
        };
        const body =
          panel.type === 'timeseries' ? (
            <NativeTimeSeries {...props} />
          ) : panel.type === 'stat' ? (
            <NativeStat {...props} />
          ) : panel.type === 'table' ? (
            <NativeTable {...props} />
          ) : null;
        return (
          <section
            key={panel.id}
            style={{
              ...place,
              background: theme.colors.background.primary,
              border: `${PANEL_CHROME.border}px solid ${theme.colors.border.weak}`,
              borderRadius: theme.shape.radius.default,
              margin: PANEL_CHROME.margin,
              padding: `0 ${PANEL_CHROME.padding}px`,
              overflow: 'hidden',
            }}
            data-testid="dashboard-panel"
            data-panel-id={panel.id}
            data-panel-type={panel.type}
            aria-label={panel.title}
          >
            <header
              style={{
                height: PANEL_CHROME.header,
                lineHeight: `${PANEL_CHROME.header}px`,
                fontSize: theme.typography.h6.fontSize,
                fontWeight: theme.typography.fontWeightMedium,
              }}
            >
              {panel.title}
            </header>
            {body ?? <pre data-testid="host-panel-error">panel type {panel.type} is not drawn on the host page</pre>}
          </section>
        );
      })}
    </div>
  );
}

/**
 * Runs `spec` and renders it into `render` (a React root's render). Panel query errors are reported
 * in `window.__TRENDCAST_ERRORS__`; each panel's frames and errors go to `__TRENDCAST_DASHBOARD_DATA__`.
 */
export async function runDashboardPage(
  spec: DashboardPageSpec,
  panelPlugin: PanelPlugin<object>,
  theme: GrafanaTheme2,
  render: (node: React.ReactNode) => void
): Promise<void> {
  initTransformers();
  await registerDataSources(spec.dataSources);
  const f = dateTime(spec.from);
  const t = dateTime(spec.to);
  const range: TimeRange = { from: f, to: t, raw: { from: spec.rawFrom, to: spec.rawTo } };
  const panels = [...spec.panels].sort(
    (a, b) => (a.gridPos?.y ?? 0) - (b.gridPos?.y ?? 0) || (a.gridPos?.x ?? 0) - (b.gridPos?.x ?? 0)
  );
  const results = await Promise.all(panels.map((p) => runPanel(p, spec, range)));
  window.__TRENDCAST_DASHBOARD_DATA__ = {};
  for (const r of results) {
    r.errors.forEach(reportHostError);
    window.__TRENDCAST_DASHBOARD_DATA__[r.panel.id] = {
      frames: r.frames.map((fr) => ({
        name: fr.name ?? '',
        fields: fr.fields.map((x) => ({ name: x.name, values: Array.from(x.values as ArrayLike<unknown>) })),
      })),
      errors: r.errors,
    };
  }
  render(
    <ThemeContext.Provider value={theme}>
      <main
        style={{
          background: theme.colors.background.canvas,
          color: theme.colors.text.primary,
          fontFamily: theme.typography.fontFamily,
          padding: PAGE_PADDING,
        }}
        data-testid="host-page"
      >
        <Dashboard spec={spec} results={results} panelPlugin={panelPlugin} theme={theme} range={range} />
      </main>
    </ThemeContext.Provider>
  );
}

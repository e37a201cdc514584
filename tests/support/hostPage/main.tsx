/**
 * Host page entry (bundled by esbuild into an IIFE): loads the built plugin through SystemJS with
 * Grafana's shared modules, then renders one HostPanel per configured panel inside @grafana/ui's
 * ThemeContext with Grafana's dark theme.
 * Preconditions: system.js + extras/amd.js + extras/named-register.js ran before this bundle, and
 * `window.grafanaBootData` is set (the HTML from server.ts does both).
 */
import './hostPageGlobals';

import React, { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import {
  DataFrame,
  DataFrameDTO,
  DataFrameJSON,
  EventBusSrv,
  GrafanaTheme2,
  PanelPlugin,
  PanelPluginMeta,
  PluginType,
  createTheme,
  dataFrameFromJSON,
  toDataFrame,
} from '@grafana/data';
import { ThemeContext } from '@grafana/ui';

import { DEFAULT_OPTIONS } from '../../../src/panel/types';
import { runDashboardPage } from './dashboardPage';
import { HostPanel, reportHostError } from './HostPanel';
import { CONFIG_PATH, DEFAULT_FIELD_CONFIG, FrameJSON, HostPageConfig, PLUGIN_BASE, PLUGIN_ID } from './hostPageConfig';
import { registerSharedModules } from './sharedModules';
import { createStandardFieldConfigRegistry, toFieldConfigSource } from './standardFieldConfig';

window.__TRENDCAST_ERRORS__ = window.__TRENDCAST_ERRORS__ ?? [];
window.__TRENDCAST_REACT_VERSION__ = React.version;
window.addEventListener('error', (e) => reportHostError(`uncaught: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => reportHostError(`unhandled rejection: ${String(e.reason)}`));

/** Frames from JSON: DataFrameJSON (`schema`/`data`) or DataFrameDTO (`fields` with `values`). */
function toFrames(frames: FrameJSON[]): DataFrame[] {
  return frames.map((f) => ('fields' in f ? toDataFrame(f as DataFrameDTO) : dataFrameFromJSON(f as DataFrameJSON)));
}

async function fetchJSON<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) {
    throw new Error(`GET ${url}: HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

/** The page config: preset on window, or one panel from preset frames, or fetched (`?config=URL`). */
async function loadConfig(): Promise<HostPageConfig> {
  if (window.__TRENDCAST_CONFIG__) {
    return window.__TRENDCAST_CONFIG__;
  }
  if (window.__TRENDCAST_FRAMES__) {
    return { panels: [{ title: 'Trendcast', frames: window.__TRENDCAST_FRAMES__ }] };
  }
  const url = new URLSearchParams(window.location.search).get('config') ?? CONFIG_PATH;
  return fetchJSON<HostPageConfig>(url);
}

/** Imports the plugin as Grafana's pluginImporter does: `plugin` export required, then meta set. */
async function importPlugin(): Promise<PanelPlugin<object>> {
  const meta = await fetchJSON<Omit<PanelPluginMeta, 'module' | 'baseUrl' | 'sort'>>(`${PLUGIN_BASE}/plugin.json`);
  const exports = await System.import<System.Module & { plugin?: unknown }>(`${PLUGIN_BASE}/module.js`);
  const plugin = exports.plugin;
  if (!(plugin instanceof PanelPlugin)) {
    throw new Error(`Could not load plugin ${PLUGIN_ID}: module.js does not export a PanelPlugin named "plugin"`);
  }
  plugin.meta = {
    ...meta,
    type: PluginType.panel,
    module: `public/plugins/${PLUGIN_ID}/module.js`,
    baseUrl: `public/plugins/${PLUGIN_ID}`,
    sort: 100,
  };
  return plugin as PanelPlugin<object>;
}

interface HostPageProps {
  config: HostPageConfig;
  plugin: PanelPlugin<object>;
  theme: GrafanaTheme2;
}

function HostPage({ config, plugin, theme }: HostPageProps) {
  const timeZone = config.timeZone ?? 'browser';
  const eventBus = React.useMemo(() => new EventBusSrv(), []);
  const registry = React.useMemo(() => createStandardFieldConfigRegistry(), []);
  const frames = React.useMemo(() => config.panels.map((p) => toFrames(p.frames)), [config]);
  const defaultFieldConfig = React.useMemo(() => toFieldConfigSource(DEFAULT_FIELD_CONFIG), []);
  const columns = config.columns ?? (config.panels.length > 1 ? 2 : 1);

  // Children's effects run first: when this one runs, every panel has rendered once.
  useEffect(() => {
    window.__TRENDCAST_READY__ = true;
  }, []);

  return (
    <ThemeContext.Provider value={theme}>
      <main
        data-testid="host-page"
        style={{
          background: theme.colors.background.canvas,
          color: theme.colors.text.primary,
          fontFamily: theme.typography.fontFamily,
          fontSize: theme.typography.fontSize,
          padding: 16,
          minHeight: '100vh',
          boxSizing: 'border-box',
        }}
      >
        {config.title ? (
          <h1 style={{ fontSize: theme.typography.h3.fontSize, margin: '0 0 16px', fontWeight: 400 }}>
            {config.title}
          </h1>
        ) : null}
        <div style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, max-content)`, gap: 16 }}>
          {config.panels.map((spec, i) => (
            <HostPanel<object>
              key={i}
              index={i}
              plugin={plugin}
              spec={spec}
              frames={frames[i]}
              defaultOptions={DEFAULT_OPTIONS}
              defaultFieldConfig={defaultFieldConfig}
              theme={theme}
              timeZone={timeZone}
              eventBus={eventBus}
              fieldConfigRegistry={registry}
            />
          ))}
        </div>
      </main>
    </ThemeContext.Provider>
  );
}

async function start(): Promise<void> {
  registerSharedModules();
  const [config, plugin] = await Promise.all([loadConfig(), importPlugin()]);
  if (!plugin.panel) {
    throw new Error(`plugin ${PLUGIN_ID} has no panel component`);
  }
  const theme = createTheme({ colors: { mode: 'dark' } });
  document.body.style.margin = '0';
  document.body.style.background = theme.colors.background.canvas;
  const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  if (config.dashboard) {
    // A provisioned dashboard: queried through the registered data sources (dashboardPage.tsx).
    await runDashboardPage(config.dashboard, plugin, theme, (node) => root.render(node));
    return;
  }
  root.render(<HostPage config={config} plugin={plugin} theme={theme} />);
}

start().catch((err: unknown) => {
  const message = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
  reportHostError(`host page failed: ${message}`);
  const pre = document.createElement('pre');
  pre.setAttribute('data-testid', 'host-page-error');
  pre.textContent = message;
  document.body.appendChild(pre);
});

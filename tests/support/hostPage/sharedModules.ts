/**
 * Grafana's shared modules for the host page: the page's own copies of react, @grafana/* etc. are
 * handed to SystemJS so that the plugin's AMD `define([...])` gets exactly these instances, as in
 * Grafana (public/app/features/plugins/loader/sharedDependencies.ts + utils.ts buildImportMap).
 */
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUIRaw from '@grafana/ui';
import * as lodash from 'lodash';
import * as react from 'react';
import * as reactJsxRuntime from 'react/jsx-runtime';
import * as reactDom from 'react-dom';
import * as reactDomClient from 'react-dom/client';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

/** Grafana registers every shared module under this URL-like prefix (loader/constants.ts). */
export const SHARED_DEPENDENCY_PREFIX = 'package';

// Grafana still exposes the plugin base classes on @grafana/ui for old plugins (6.4 → 6.5 move).
const grafanaUI: Record<string, unknown> = {
  ...grafanaUIRaw,
  PanelPlugin: grafanaData.PanelPlugin,
  DataSourcePlugin: grafanaData.DataSourcePlugin,
  AppPlugin: grafanaData.AppPlugin,
  DataSourceApi: grafanaData.DataSourceApi,
};

/** The modules a plugin may leave external, by the bare name the plugin imports. */
export const sharedModules: Record<string, object> = {
  react,
  'react/jsx-runtime': reactJsxRuntime,
  // Production builds of the dev runtime only re-export jsx; the runtime module serves both names.
  'react/jsx-dev-runtime': reactJsxRuntime,
  'react-dom': reactDom,
  'react-dom/client': reactDomClient,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUI,
  '@grafana/runtime': grafanaRuntime,
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  emotion: emotionCss,
  lodash,
  rxjs,
  'rxjs/operators': rxjsOperators,
};

/**
 * Registers `modules` in SystemJS the way Grafana's buildImportMap does: each module is set in the
 * registry as `package:<name>` and the bare name is mapped to it in an import map.
 * Precondition: system.js (+ amd, named-register extras) has been loaded, so `System` exists.
 * Returns the import map it added.
 */
export function registerSharedModules(modules: Record<string, object> = sharedModules): Record<string, string> {
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(modules)) {
    const id = `${SHARED_DEPENDENCY_PREFIX}:${name}`;
    System.set(id, module as System.Module);
    imports[name] = id;
  }
  System.addImportMap({ imports });
  return imports;
}

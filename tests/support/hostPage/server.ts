/**
 * A tiny static server for the host page on 127.0.0.1: the HTML, the esbuild bundle of main.tsx,
 * SystemJS from node_modules, the built plugin under /public/plugins/<id>/ (from dist/, as Grafana
 * serves it) and the panels' config + frames as JSON.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

import { DEFAULT_GRAFANA_LINE, GrafanaLine, lineNodeModules, lineVersions } from './grafanaLines';
import { HostPageBundle, readFreshHostPageBundle } from './hostPageBundleCache';
import { findRepoRoot } from './repoRoot';
import {
  CONFIG_PATH,
  DashboardPageSpec,
  DATASOURCE_PLUGIN_BASE,
  DATASOURCE_PLUGIN_ID,
  HostPageConfig,
  INFLUX_PROXY_PATH,
  PanelSpec,
  PLUGIN_BASE,
  PLUGIN_ID,
} from './hostPageConfig';

export interface HostPageOptions {
  /** The panels, or a function called on every page load (fresh frames per load). */
  panels: PanelSpec[] | (() => Promise<PanelSpec[]>);
  /** 'browser' (default), 'utc' or an IANA zone. */
  timeZone?: string;
  /** Heading over the panel grid. */
  title?: string;
  /** Grid columns. */
  columns?: number;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Repository root (default: found from this file / the cwd). */
  root?: string;
  /** A provisioned dashboard to run in the page instead of `panels` (see DashboardPageSpec), or a
   * function called on every page load (a relative range resolved at that moment). */
  dashboard?: DashboardPageSpec | (() => DashboardPageSpec);
  /** InfluxDB base URL that `/api/influx/…` is forwarded to (the page's InfluxDB data source). */
  influxUrl?: string;
  /** The Grafana line whose shared modules (react, @grafana/*, …) the page hands the plugin (default 12.4). */
  line?: GrafanaLine;
}

export interface HostPage {
  /** Base URL of the page, ending in '/'. */
  url: string;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const SYSTEMJS_FILES: Record<string, string> = {
  '/systemjs/system.js': 'node_modules/systemjs/dist/system.js',
  '/systemjs/extras/amd.js': 'node_modules/systemjs/dist/extras/amd.js',
  '/systemjs/extras/named-register.js': 'node_modules/systemjs/dist/extras/named-register.js',
};

/** The built plugin `id` under `root`: `npm run build` makes one folder per plugin, dist/<id>/. */
export function pluginDistDir(root: string, id: string): string {
  return join(root, 'dist', id);
}

// One bundle per repository root, Grafana line and process: building one costs seconds.
const bundles = new Map<string, Promise<HostPageBundle>>();

/**
 * The host page bundle of `line` for `root`: the cached build when it is fresh, else built now (esbuild
 * is loaded only then: it cannot load inside jest's jsdom environment, so e2e globalSetup prebuilds).
 */
export function hostPageBundle(root: string, line: GrafanaLine = DEFAULT_GRAFANA_LINE): Promise<HostPageBundle> {
  const key = `${root}\n${line}`;
  let bundle = bundles.get(key);
  if (!bundle) {
    const cached = readFreshHostPageBundle(root, line);
    bundle = cached
      ? Promise.resolve(cached)
      : import('./buildHostPage').then(({ buildHostPageBundle }) => buildHostPageBundle(root, line));
    bundles.set(key, bundle);
    bundle.catch(() => bundles.delete(key));
  }
  return bundle;
}

/**
 * The page HTML: boot data for @grafana/runtime (`grafanaVersion`: the version the page reports as
 * Grafana's, the line's @grafana/data), SystemJS + extras, then the bundle.
 */
export function hostPageHtml(title: string, grafanaVersion: string): string {
  const bootData = {
    assets: { dark: '', light: '' },
    settings: { buildInfo: { version: grafanaVersion, env: 'production' }, featureToggles: {} },
    user: { theme: 'dark', locale: 'en-US', language: 'en-US' },
    navTree: [],
  };
  const esc = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="${PLUGIN_BASE}/img/logo.svg">
<title>${esc}</title>
<script>window.grafanaBootData = ${JSON.stringify(bootData)}; window.__grafana_public_path__ = '/public/';</script>
<script src="/systemjs/system.js"></script>
<script src="/systemjs/extras/amd.js"></script>
<script src="/systemjs/extras/named-register.js"></script>
<link rel="stylesheet" href="/host-page.css">
<style>/* As Grafana's global styles: border-box sizing (tables, stats rely on it); buttons (legend items, toolbar) take the text colour and font. */ html { box-sizing: border-box; } *, *::before, *::after { box-sizing: inherit; } button { color: inherit; font: inherit; }</style>
</head>
<body>
<div id="root"></div>
<script src="/host-page.js"></script>
</body>
</html>
`;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * Starts the host page server. Resolves once it listens; `url` is `http://127.0.0.1:PORT/`.
 * Precondition: dist/trendcast-forecast-panel/module.js exists (npm run build). The bundle is built before this resolves, so a
 * page load right after does not wait on esbuild.
 */
export async function startHostPage(options: HostPageOptions): Promise<HostPage> {
  const root = options.root ?? findRepoRoot();
  const line = options.line ?? DEFAULT_GRAFANA_LINE;
  const versions = lineVersions(root, line);
  // URL prefix → folder: the plugin as Grafana serves it, and the icons @grafana/ui's <Icon> fetches
  // from `${__grafana_public_path__}build/img/icons/` (Grafana ships them; @grafana/ui has a copy).
  const staticDirs: Array<[string, string]> = [
    // Each plugin from its own folder in dist/, named after its id, as in Grafana's plugins directory.
    [`${DATASOURCE_PLUGIN_BASE}/`, pluginDistDir(root, DATASOURCE_PLUGIN_ID)],
    [`${PLUGIN_BASE}/`, pluginDistDir(root, PLUGIN_ID)],
    ['/public/build/img/icons/', join(lineNodeModules(root, line), '@grafana/ui/dist/public/img/icons')],
  ];
  await hostPageBundle(root, line);

  const pageConfig = async (): Promise<HostPageConfig> => ({
    title: options.title,
    timeZone: options.timeZone,
    columns: options.columns,
    panels: typeof options.panels === 'function' ? await options.panels() : options.panels,
    dashboard: typeof options.dashboard === 'function' ? options.dashboard() : options.dashboard,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed', CONTENT_TYPES['.txt']);
      return;
    }
    if (path === '/' || path === '/index.html') {
      send(res, 200, hostPageHtml(options.title ?? 'Trendcast', versions.grafana), CONTENT_TYPES['.html']);
      return;
    }
    if (path === '/host-page.js') {
      send(res, 200, (await hostPageBundle(root, line)).js, CONTENT_TYPES['.js']);
      return;
    }
    if (path === '/host-page.css') {
      send(res, 200, (await hostPageBundle(root, line)).css, 'text/css; charset=utf-8');
      return;
    }
    if (path === CONFIG_PATH) {
      send(res, 200, JSON.stringify(await pageConfig()), CONTENT_TYPES['.json']);
      return;
    }
    if (path.startsWith(`${INFLUX_PROXY_PATH}/`) && options.influxUrl) {
      // Forwarded as Grafana's proxy does: same path and query string, answer passed through.
      const target = `${options.influxUrl}${path.slice(INFLUX_PROXY_PATH.length)}${new URL(req.url ?? '/', 'http://127.0.0.1').search}`;
      const answer = await fetch(target);
      send(
        res,
        answer.status,
        Buffer.from(await answer.arrayBuffer()),
        answer.headers.get('content-type') ?? CONTENT_TYPES['.json']
      );
      return;
    }
    const systemFile = SYSTEMJS_FILES[path];
    if (systemFile) {
      send(res, 200, await readFile(join(root, systemFile)), CONTENT_TYPES['.js']);
      return;
    }
    for (const [prefix, dir] of staticDirs) {
      if (path.startsWith(prefix)) {
        const file = normalize(join(dir, path.slice(prefix.length)));
        if (!file.startsWith(dir + sep)) {
          send(res, 403, 'forbidden', CONTENT_TYPES['.txt']);
          return;
        }
        try {
          const body = await readFile(file);
          send(res, 200, body, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
        } catch {
          send(res, 404, `not found: ${path}`, CONTENT_TYPES['.txt']);
        }
        return;
      }
    }
    send(res, 404, `not found: ${path}`, CONTENT_TYPES['.txt']);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        send(res, 500, String(err instanceof Error ? err.stack : err), CONTENT_TYPES['.txt']);
      } else {
        res.end();
      }
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

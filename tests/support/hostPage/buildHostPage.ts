/**
 * Bundles the host page (main.tsx + the real react / @grafana/* stack of one Grafana line) with esbuild
 * into one browser IIFE, in memory.
 */
import { build, Plugin } from 'esbuild';
import { join, sep } from 'node:path';

import { DEFAULT_GRAFANA_LINE, GrafanaLine, lineProjectDir } from './grafanaLines';
import { HostPageBundle, writeHostPageBundle } from './hostPageBundleCache';
import { findRepoRoot } from './repoRoot';

/**
 * Peer dependencies of the @grafana stack that `npm ci --legacy-peer-deps` leaves out. When one is not
 * installed it is replaced by a stub whose every export is an inert class: the modules that import it
 * (OpenFeature flag SDK, used by @grafana/runtime only when a flag is evaluated) then load, and a real
 * use fails loudly. When the package is installed the real one is bundled.
 */
const OPTIONAL_PEERS = /^@openfeature\/web-sdk$/;
const RESOLVING = 'trendcast-resolve-packages';
/** Packages Grafana shares with plugins whose copy must be the line's own (see sharedModules.ts). */
const SHARED_PACKAGES = /^(react|react-dom|@grafana\/[^/]+|@emotion\/[^/]+|rxjs|lodash)(\/|$)/;

/**
 * Resolves bare package imports for the host page of one Grafana line:
 * - as a `require()` would, so esbuild takes the packages' CommonJS builds: @grafana/ui's .mjs build
 *   crashes once bundled (React error #130, default-import interop);
 * - for a line with its own npm project (`lineDir`), every bare import made outside that project's
 *   node_modules (the host page, src/, the repository's other packages) is looked up there first, so
 *   the page holds exactly one react, react-dom, @grafana/*, @emotion/* …: the line's;
 * - an optional peer that is not installed becomes a stub (OPTIONAL_PEERS).
 */
function resolvePackages(lineDir: string | undefined): Plugin {
  const lineModules = lineDir ? join(lineDir, 'node_modules') + sep : undefined;
  return {
    name: 'resolve-packages',
    setup(b) {
      b.onResolve({ filter: /^[@a-z]/ }, async (args) => {
        if (args.pluginData === RESOLVING) {
          return undefined;
        }
        const fromLine = lineDir !== undefined && !args.importer.startsWith(lineModules ?? '');
        const preferRequire = args.kind === 'import-statement' || args.kind === 'dynamic-import';
        if (!fromLine && !preferRequire && !OPTIONAL_PEERS.test(args.path)) {
          return undefined;
        }
        const result = await b.resolve(args.path, {
          kind: preferRequire ? 'require-call' : args.kind,
          // Looked up in the line's node_modules, then (Node's rule) in the folders above it.
          resolveDir: fromLine ? lineDir : args.resolveDir,
          importer: args.importer,
          pluginData: RESOLVING,
        });
        if (result.errors.length > 0) {
          // A missing optional peer becomes a stub; anything else: esbuild's own resolution reports it.
          return OPTIONAL_PEERS.test(args.path) ? { path: args.path, namespace: 'missing-peer' } : undefined;
        }
        if (lineModules && SHARED_PACKAGES.test(args.path) && !result.path.startsWith(lineModules)) {
          // The line's project lacks a package Grafana shares: the page would mix two lines.
          throw new Error(`${args.path} resolved outside the Grafana line's packages (${lineModules}): ${result.path}`);
        }
        return { path: result.path, sideEffects: result.sideEffects, external: result.external };
      });
      b.onLoad({ filter: /.*/, namespace: 'missing-peer' }, (args) => ({
        loader: 'js',
        contents: `
        const stubs = new Map();
        const stubFor = (name) => {
          if (!stubs.has(name)) {
            stubs.set(name, class {
              constructor() {
                throw new Error(String(name) + ' of ' + ${JSON.stringify(args.path)} + ' is not available: the package is not installed');
              }
            });
          }
          return stubs.get(name);
        };
        module.exports = new Proxy({}, { get: (_t, name) => (name === '__esModule' ? false : stubFor(name)) });
      `,
      }));
    },
  };
}

/**
 * Builds the host page bundle of one Grafana line (esbuild, in memory) and stores it in the cache
 * folder, where server.ts finds it without loading esbuild (esbuild refuses to load inside jest's
 * jsdom environment). `root` is the repository root. Takes a few seconds (~20 MB unminified).
 * Returns the JavaScript and CSS.
 */
export async function buildHostPageBundle(
  root: string = findRepoRoot(),
  line: GrafanaLine = DEFAULT_GRAFANA_LINE
): Promise<HostPageBundle> {
  const projectDir = lineProjectDir(root, line);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'tests/support/hostPage/main.tsx')],
    bundle: true,
    write: false,
    // An outdir is needed for esbuild to emit the CSS beside the JS; nothing is written by esbuild.
    outdir: join(root, 'node_modules/.cache/trendcast-host-page/esbuild', line),
    platform: 'browser',
    // The LSTM's runtime imports Node built-ins behind an is-Node check (its wasm files' path); the
    // page reaches that module through the panel's option types and never runs that branch.
    external: ['node:*'],
    format: 'iife',
    target: 'es2021',
    mainFields: ['browser', 'main', 'module'],
    jsx: 'automatic',
    minify: false,
    sourcemap: false,
    logLevel: 'error',
    define: {
      'process.env.NODE_ENV': '"production"',
      __TRENDCAST_GRAFANA_LINE__: JSON.stringify(line),
      global: 'globalThis',
      // UMD wrappers (lodash, ...) would otherwise see SystemJS's AMD `define` and register
      // themselves with SystemJS instead of filling module.exports.
      define: 'undefined',
    },
    loader: { '.svg': 'text', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl' },
    plugins: [resolvePackages(projectDir === root ? undefined : projectDir)],
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js) {
    throw new Error('esbuild produced no JavaScript for the host page');
  }
  const bundle: HostPageBundle = { js: js.text, css: css?.text ?? '' };
  writeHostPageBundle(root, line, bundle);
  return bundle;
}

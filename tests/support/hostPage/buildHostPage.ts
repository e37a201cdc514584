/**
 * Bundles the host page (main.tsx + the real react / @grafana/* stack) with esbuild into one browser
 * IIFE, in memory.
 */
import { build, Plugin } from 'esbuild';
import { join } from 'node:path';

import { HostPageBundle, writeHostPageBundle } from './hostPageBundleCache';
import { findRepoRoot } from './repoRoot';

/**
 * Resolves every bare package import as a `require()` would, so esbuild takes the packages' CommonJS
 * builds: @grafana/ui's .mjs build crashes once bundled (React error #130, default-import interop).
 */
const preferCommonJS: Plugin = {
  name: 'prefer-commonjs',
  setup(b) {
    b.onResolve({ filter: /^[@a-z]/ }, async (args) => {
      if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') {
        return undefined;
      }
      if (args.pluginData === 'prefer-commonjs') {
        return undefined;
      }
      const result = await b.resolve(args.path, {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'prefer-commonjs',
      });
      return result.errors.length > 0 ? undefined : { path: result.path, sideEffects: result.sideEffects };
    });
  },
};

/**
 * Peer dependencies of the @grafana stack that `npm ci --legacy-peer-deps` leaves out. When one is not
 * installed it is replaced by a stub whose every export is an inert class: the modules that import it
 * (OpenFeature flag SDK, used by @grafana/runtime only when a flag is evaluated) then load, and a real
 * use fails loudly. When the package is installed the real one is bundled.
 */
const OPTIONAL_PEERS = /^@openfeature\/web-sdk$/;

const stubMissingPeers: Plugin = {
  name: 'stub-missing-peers',
  setup(b) {
    b.onResolve({ filter: OPTIONAL_PEERS }, async (args) => {
      if (args.pluginData === 'stub-missing-peers') {
        return undefined;
      }
      const real = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'stub-missing-peers',
      });
      return real.errors.length > 0 ? { path: args.path, namespace: 'missing-peer' } : { path: real.path };
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

/**
 * Builds the host page bundle (esbuild, in memory) and stores it in the cache folder, where
 * server.ts finds it without loading esbuild (esbuild refuses to load inside jest's jsdom
 * environment). `root` is the repository root. Takes a few seconds (~20 MB unminified).
 * Returns the JavaScript and CSS.
 */
export async function buildHostPageBundle(root: string = findRepoRoot()): Promise<HostPageBundle> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'tests/support/hostPage/main.tsx')],
    bundle: true,
    write: false,
    // An outdir is needed for esbuild to emit the CSS beside the JS; nothing is written by esbuild.
    outdir: join(root, 'node_modules/.cache/trendcast-host-page/esbuild'),
    platform: 'browser',
    format: 'iife',
    target: 'es2021',
    mainFields: ['browser', 'main', 'module'],
    jsx: 'automatic',
    minify: false,
    sourcemap: false,
    logLevel: 'error',
    define: {
      'process.env.NODE_ENV': '"production"',
      global: 'globalThis',
      // UMD wrappers (lodash, ...) would otherwise see SystemJS's AMD `define` and register
      // themselves with SystemJS instead of filling module.exports.
      define: 'undefined',
    },
    loader: { '.svg': 'text', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl' },
    plugins: [stubMissingPeers, preferCommonJS],
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js) {
    throw new Error('esbuild produced no JavaScript for the host page');
  }
  const bundle: HostPageBundle = { js: js.text, css: css?.text ?? '' };
  writeHostPageBundle(root, bundle);
  return bundle;
}

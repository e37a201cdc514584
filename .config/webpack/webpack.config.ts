/**
 * Webpack config in the shape of @grafana/create-plugin's: one AMD bundle per plugin, Grafana's
 * shared modules left external (Grafana's SystemJS supplies them). Two configurations, one per
 * plugin, each with its own output folder and public path, since Grafana serves each plugin from
 * its own public/plugins/<id>/ and both load lazy chunks (the LSTM runtime, its worker, tfjs' wasm).
 * Each plugin is its own top-level folder, named after its id, as Grafana expects in its plugins
 * directory: `dist/trendcast-forecast-panel/` (module.js, plugin.json, README, CHANGELOG, LICENSE,
 * img/, its chunks) and `dist/trendcast-forecast-datasource/` (the same for the data source). Nothing
 * else is left in dist/.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { readdirSync, rmSync } from 'fs';
import path from 'path';
import type { Configuration } from 'webpack';

import { externals } from './externals';

const SOURCE_DIR = 'src';
const DIST_DIR = 'dist';
const PANEL_ID = 'trendcast-forecast-panel';
const DATASOURCE_ID = 'trendcast-forecast-datasource';

type CopyPattern = { from: string; to: string; force?: boolean; noErrorOnMissing?: boolean };

interface PluginBuild {
  id: string;
  /** Entry module, relative to src/. */
  entry: string;
  copy: CopyPattern[];
}

// The LSTM's tfjs wasm backend: setWasmPaths points at the plugin's own folder (runtime/lstmWorker.ts).
const WASM: CopyPattern = { from: '../node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm', to: '[name][ext]' };
const BACKEND_FILES = /(.*?_(amd64|arm(64)?)(.exe)?|go_plugin_build_manifest)/;
// What both plugin folders carry: Grafana's plugin catalog shows each plugin's README and CHANGELOG.
const DOCS: CopyPattern[] = [
  { from: '../README.md', to: '.', force: true },
  { from: '../LICENSE', to: '.' },
  { from: '../CHANGELOG.md', to: '.', force: true },
];

const PANEL: PluginBuild = {
  id: PANEL_ID,
  entry: './module.ts',
  copy: [
    ...DOCS,
    { from: 'plugin.json', to: '.' },
    { from: 'img/**/*', to: '.', noErrorOnMissing: true },
    { from: '../docs/img/**/*', to: 'img/[name][ext]', noErrorOnMissing: true },
    WASM,
  ],
};

const DATASOURCE: PluginBuild = {
  id: DATASOURCE_ID,
  entry: './datasource/module.ts',
  copy: [...DOCS, { from: 'datasource/plugin.json', to: '.' }, { from: 'img/logo.svg', to: 'img/logo.svg' }, WASM],
};

/**
 * Removes whatever dist/ holds besides the plugins' folders (e.g. the files of the earlier layout,
 * which had the panel at the top of dist/ and the data source nested in it): each configuration
 * cleans only its own folder.
 */
function removeStrayDistEntries(keep: string[]): void {
  const dist = path.resolve(process.cwd(), DIST_DIR);
  let entries: string[];
  try {
    entries = readdirSync(dist);
  } catch {
    return;
  }
  for (const name of entries.filter((e) => !keep.includes(e))) {
    rmSync(path.join(dist, name), { recursive: true, force: true });
  }
}

const config = (env: Record<string, unknown>, plugin: PluginBuild): Configuration => ({
  name: plugin.id,
  cache: { type: 'filesystem', buildDependencies: { config: [__filename] } },
  context: path.join(process.cwd(), SOURCE_DIR),
  devtool: env.production ? 'source-map' : 'eval-source-map',
  entry: { module: plugin.entry },
  externals,
  mode: env.production ? 'production' : 'development',
  module: {
    rules: [
      {
        // models/lstm is reached through one entry file (index.ts), and its modules only declare:
        // marked free of side effects so that a bundle reading the LSTM's configuration does not
        // take its training code with it (that code loads lazily, with tfjs, in its own chunks).
        test: /[\\/]models[\\/]lstm[\\/][^\\/]+\.ts$/,
        sideEffects: false,
      },
      {
        exclude: /(node_modules)/,
        test: /\.[tj]sx?$/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              baseUrl: path.resolve(process.cwd(), SOURCE_DIR),
              target: 'es2015',
              loose: false,
              parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
              transform: { react: { runtime: 'automatic' } },
            },
          },
        },
      },
    ],
  },
  output: {
    clean: { keep: BACKEND_FILES },
    filename: '[name].js',
    chunkFilename: '[name].[contenthash].js',
    library: { type: 'amd' },
    path: path.resolve(process.cwd(), DIST_DIR, plugin.id),
    // Grafana serves a plugin's files under public/plugins/<id>/: lazy chunks load from there.
    publicPath: `public/plugins/${plugin.id}/`,
    // Distinct chunk-loading globals: both bundles may run in one page.
    uniqueName: plugin.id,
  },
  performance: { hints: false },
  plugins: [
    new CopyWebpackPlugin({ patterns: plugin.copy }),
    {
      // plugin.json's %VERSION% / %TODAY% placeholders, as create-plugin's ReplaceInFileWebpackPlugin does.
      apply(compiler) {
        compiler.hooks.thisCompilation.tap('PluginJsonVersion', (compilation) => {
          compilation.hooks.processAssets.tap(
            { name: 'PluginJsonVersion', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
            () => {
              // eslint-disable-next-line @typescript-eslint/no-var-requires
              const pkg = require(path.resolve(process.cwd(), 'package.json'));
              const asset = compilation.getAsset('plugin.json');
              if (asset) {
                const text = asset.source
                  .source()
                  .toString()
                  .replace(/%VERSION%/g, pkg.version)
                  .replace(/%TODAY%/g, new Date().toISOString().substring(0, 10));
                compilation.updateAsset('plugin.json', new compiler.webpack.sources.RawSource(text));
              }
            }
          );
        });
      },
    },
  ],
  resolve: {
    extensions: ['.js', '.jsx', '.ts', '.tsx'],
    modules: [path.resolve(process.cwd(), 'src'), 'node_modules'],
  },
});

export default (env: Record<string, unknown>): Configuration[] => {
  removeStrayDistEntries([PANEL.id, DATASOURCE.id]);
  return [config(env, PANEL), config(env, DATASOURCE)];
};

/**
 * Webpack config in the shape of @grafana/create-plugin's: one AMD bundle per plugin, Grafana's
 * shared modules left external (Grafana's SystemJS supplies them). The panel is `dist/module.js`
 * with plugin.json, README, CHANGELOG, LICENSE and img/ beside it; the data source is nested in
 * `dist/datasource/` (module.js, plugin.json, img/), which Grafana finds as a second plugin.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import type { Configuration } from 'webpack';

import { externals } from './externals';

const SOURCE_DIR = 'src';
const DIST_DIR = 'dist';
const PANEL_ID = 'trendcast-forecast-panel';

const config = (env: Record<string, unknown>): Configuration => ({
  cache: { type: 'filesystem', buildDependencies: { config: [__filename] } },
  context: path.join(process.cwd(), SOURCE_DIR),
  devtool: env.production ? 'source-map' : 'eval-source-map',
  // Each plugin is its own AMD entry; webpack splits only lazy chunks, so they share no files.
  entry: { module: './module.ts', 'datasource/module': './datasource/module.ts' },
  externals,
  mode: env.production ? 'production' : 'development',
  module: {
    rules: [
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
    clean: { keep: new RegExp(`(.*?_(amd64|arm(64)?)(.exe)?|go_plugin_build_manifest)`) },
    filename: '[name].js',
    chunkFilename: '[name].[contenthash].js',
    library: { type: 'amd' },
    path: path.resolve(process.cwd(), DIST_DIR),
    // Grafana serves a plugin's files under public/plugins/<id>/: lazy chunks load from there.
    // Only the panel has lazy chunks; the data source's module.js is one file.
    publicPath: `public/plugins/${PANEL_ID}/`,
    uniqueName: PANEL_ID,
  },
  performance: { hints: false },
  plugins: [
    new CopyWebpackPlugin({
      patterns: [
        { from: '../README.md', to: '.', force: true },
        { from: 'plugin.json', to: '.' },
        { from: '../LICENSE', to: '.' },
        { from: '../CHANGELOG.md', to: '.', force: true },
        { from: 'img/**/*', to: '.', noErrorOnMissing: true },
        { from: '../docs/img/**/*', to: 'img/[name][ext]', noErrorOnMissing: true },
        { from: 'datasource/plugin.json', to: 'datasource/' },
        { from: 'img/logo.svg', to: 'datasource/img/logo.svg' },
        // The LSTM's tfjs wasm backend: setWasmPaths points at the plugin's own folder (runtime/lstmWorker.ts).
        { from: '../node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm', to: '[name][ext]' },
      ],
    }),
    {
      // plugin.json's %VERSION% / %TODAY% placeholders, as create-plugin's ReplaceInFileWebpackPlugin does.
      apply(compiler) {
        compiler.hooks.thisCompilation.tap('PluginJsonVersion', (compilation) => {
          compilation.hooks.processAssets.tap(
            { name: 'PluginJsonVersion', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
            () => {
              // eslint-disable-next-line @typescript-eslint/no-var-requires
              const pkg = require(path.resolve(process.cwd(), 'package.json'));
              for (const name of ['plugin.json', 'datasource/plugin.json']) {
                const asset = compilation.getAsset(name);
                if (!asset) {
                  continue;
                }
                const text = asset.source
                  .source()
                  .toString()
                  .replace(/%VERSION%/g, pkg.version)
                  .replace(/%TODAY%/g, new Date().toISOString().substring(0, 10));
                compilation.updateAsset(name, new compiler.webpack.sources.RawSource(text));
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

export default config;

import type { Configuration, ExternalItemFunctionData } from 'webpack';

type ExternalsType = Configuration['externals'];

/**
 * Modules Grafana shares with plugins through SystemJS (grafana/grafana
 * public/app/features/plugins/loader/sharedDependencies.ts). Everything else is bundled.
 *
 * `react/jsx-runtime` and `react/jsx-dev-runtime` (what the automatic JSX transform imports) are
 * shared from Grafana 12.3 on and must stay external: a bundled copy is React 18's, which reads
 * React 18 internals (`ReactCurrentOwner`) from the shared `react` and so fails to load in
 * Grafana 13 (React 19). With them external the plugin uses the running Grafana's React throughout.
 */
export const externals: ExternalsType = [
  // Required for dynamic publicPath resolution
  { 'amd-module': 'module' },
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'i18next',
  'react-router',
  'react-router-dom',
  'd3',
  'angular',
  /^@grafana\/ui/i,
  /^@grafana\/runtime/i,
  /^@grafana\/data/i,

  // Mark legacy SDK imports as external if their name starts with the "grafana/" prefix
  ({ request }: ExternalItemFunctionData, callback: (error?: Error, result?: string) => void) => {
    const prefix = 'grafana/';
    const hasPrefix = (request: string) => request.indexOf(prefix) === 0;
    const stripPrefix = (request: string) => request.substr(prefix.length);

    if (request && hasPrefix(request)) {
      return callback(undefined, stripPrefix(request));
    }

    callback();
  },
];

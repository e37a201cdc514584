// Bundles the `trendcast` command line (src/cli) for Node into dist-cli/: same engine, one code path.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist-cli/trendcast.cjs',
  sourcemap: true,
  logLevel: 'warning',
});
